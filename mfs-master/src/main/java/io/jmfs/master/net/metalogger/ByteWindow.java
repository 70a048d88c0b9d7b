package io.jmfs.master.net.metalogger;

import java.util.ArrayList;
import java.util.List;

/**
 * The window {@code [first, end)} of an unbounded stream of bytes, addressed by absolute stream position. Like
 * {@link LongWindow} it lives in fixed pages dropped as the window's start moves on, so a long history costs what
 * its texts weigh, with no doubling slack, no copying when it grows and no object too large for a heap region.
 * A run of bytes may span pages.
 */
final class ByteWindow {
    static final int PAGE_BITS = 18;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private final List<byte[]> pages = new ArrayList<>();
    private long firstPage;
    private long end;
    private byte[] spare;

    /** Forgets everything; the next byte appended gets {@code position}. */
    void restartAt(long position) {
        pages.clear();
        firstPage = position >>> PAGE_BITS;
        end = position;
    }

    long end() {
        return end;
    }

    void append(byte[] bytes) {
        int done = 0;
        while (done < bytes.length) {
            int page = (int) ((end >>> PAGE_BITS) - firstPage);
            if (page == pages.size()) {
                pages.add(newPage());
            }
            int at = (int) (end & PAGE_MASK);
            int run = Math.min(bytes.length - done, PAGE_SIZE - at);
            System.arraycopy(bytes, done, pages.get(page), at, run);
            done += run;
            end += run;
        }
    }

    /** The bytes {@code [from, to)}, which must lie in the window. */
    byte[] read(long from, long to) {
        byte[] out = new byte[Math.toIntExact(to - from)];
        int done = 0;
        long position = from;
        while (done < out.length) {
            byte[] page = pages.get((int) ((position >>> PAGE_BITS) - firstPage));
            int at = (int) (position & PAGE_MASK);
            int run = Math.min(out.length - done, PAGE_SIZE - at);
            System.arraycopy(page, at, out, done, run);
            done += run;
            position += run;
        }
        return out;
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

    private byte[] newPage() {
        byte[] page = spare != null ? spare : new byte[PAGE_SIZE];
        spare = null;
        return page;
    }
}
