package io.jmfs.master.fs.store;

import java.util.Arrays;

/**
 * A growable long array made of fixed-size pages, so growth never copies the whole table and a later
 * copy-on-write snapshot can work page by page. Unwritten slots read as the fill value.
 */
public final class PagedLongs {
    static final int PAGE_BITS = 14;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    static final int PAGE_MASK = PAGE_SIZE - 1;

    private final long fill;
    private long[][] pages = new long[16][];

    public PagedLongs(long fill) {
        this.fill = fill;
    }

    public long get(int index) {
        int p = index >>> PAGE_BITS;
        if (p >= pages.length || pages[p] == null) {
            return fill;
        }
        return pages[p][index & PAGE_MASK];
    }

    public void set(int index, long value) {
        page(index)[index & PAGE_MASK] = value;
    }

    private long[] page(int index) {
        int p = index >>> PAGE_BITS;
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        }
        long[] page = pages[p];
        if (page == null) {
            page = new long[PAGE_SIZE];
            if (fill != 0) {
                Arrays.fill(page, fill);
            }
            pages[p] = page;
        }
        return page;
    }
}
