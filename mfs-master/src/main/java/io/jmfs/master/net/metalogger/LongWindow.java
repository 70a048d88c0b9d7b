package io.jmfs.master.net.metalogger;

import java.util.ArrayList;
import java.util.List;

/**
 * The window {@code [first, end)} of an unbounded sequence of longs, addressed by absolute position. It is kept in
 * fixed pages that are dropped as the window's start moves on, so it never copies what it holds and keeps at most
 * one page more than the window needs. Pages stay small enough to be ordinary heap objects for the collector.
 */
final class LongWindow {
    static final int PAGE_BITS = 15;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private final List<long[]> pages = new ArrayList<>();
    private long firstPage;
    private long end;
    private long[] spare;

    /** Forgets everything; the next value appended gets {@code position}. */
    void restartAt(long position) {
        pages.clear();
        firstPage = position >>> PAGE_BITS;
        end = position;
    }

    long end() {
        return end;
    }

    void append(long value) {
        int page = (int) ((end >>> PAGE_BITS) - firstPage);
        if (page == pages.size()) {
            pages.add(newPage());
        }
        pages.get(page)[(int) (end & PAGE_MASK)] = value;
        end++;
    }

    long get(long position) {
        return pages.get((int) ((position >>> PAGE_BITS) - firstPage))[(int) (position & PAGE_MASK)];
    }

    /** Lets go of the pages that hold only positions before {@code position}. */
    void dropBefore(long position) {
        long page = position >>> PAGE_BITS;
        while (firstPage < page) {
            if (!pages.isEmpty()) {
                spare = pages.removeFirst();
            }
            firstPage++;
        }
    }

    int pagesHeld() {
        return pages.size();
    }

    private long[] newPage() {
        long[] page = spare != null ? spare : new long[PAGE_SIZE];
        spare = null;
        return page;
    }
}
