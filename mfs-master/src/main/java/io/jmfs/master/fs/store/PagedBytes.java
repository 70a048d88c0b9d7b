package io.jmfs.master.fs.store;

import java.util.Arrays;

/**
 * A growable byte array made of fixed-size pages, so growth never copies the whole table and a later
 * copy-on-write snapshot can work page by page. Unwritten slots read as the fill value.
 */
public final class PagedBytes {
    static final int PAGE_BITS = 14;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    static final int PAGE_MASK = PAGE_SIZE - 1;

    private final byte fill;
    private byte[][] pages = new byte[16][];

    public PagedBytes(byte fill) {
        this.fill = fill;
    }

    public byte get(int index) {
        int p = index >>> PAGE_BITS;
        if (p >= pages.length || pages[p] == null) {
            return fill;
        }
        return pages[p][index & PAGE_MASK];
    }

    public void set(int index, byte value) {
        page(index)[index & PAGE_MASK] = value;
    }

    private byte[] page(int index) {
        int p = index >>> PAGE_BITS;
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        }
        byte[] page = pages[p];
        if (page == null) {
            page = new byte[PAGE_SIZE];
            if (fill != 0) {
                Arrays.fill(page, fill);
            }
            pages[p] = page;
        }
        return page;
    }
}
