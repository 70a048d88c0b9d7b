package io.jmfs.master.fs.store;

import java.util.Arrays;

/** A growable array of references in fixed-size pages; unwritten slots read as null. */
public final class PagedObjects<T> {
    private Object[][] pages = new Object[16][];

    @SuppressWarnings("unchecked")
    public T get(int index) {
        int p = index >>> PagedInts.PAGE_BITS;
        if (p >= pages.length || pages[p] == null) {
            return null;
        }
        return (T) pages[p][index & PagedInts.PAGE_MASK];
    }

    public void set(int index, T value) {
        int p = index >>> PagedInts.PAGE_BITS;
        if (p >= pages.length) {
            if (value == null) {
                return;
            }
            pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        }
        if (pages[p] == null) {
            if (value == null) {
                return;
            }
            pages[p] = new Object[PagedInts.PAGE_SIZE];
        }
        pages[p][index & PagedInts.PAGE_MASK] = value;
    }
}
