package io.jmfs.master.net.metalogger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The window {@code [first, end)} of an unbounded stream of bytes, addressed by absolute stream position. It lives in
 * fixed pages dropped as the window's start moves on, so a long history costs what it holds, with no doubling slack,
 * no copying when it grows and no object too large for a heap region. A run of bytes may span pages; a window used
 * for longs only ({@link #appendLong}) keeps each one whole in a page, since pages are a multiple of 8 bytes.
 */
final class ByteWindow {
    static final int PAGE_BITS = 18;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

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

    /** Appends a long; the window must hold longs only (its end a multiple of 8). */
    void appendLong(long value) {
        int page = (int) ((end >>> PAGE_BITS) - firstPage);
        if (page == pages.size()) {
            pages.add(newPage());
        }
        LONGS.set(pages.get(page), (int) (end & PAGE_MASK), value);
        end += Long.BYTES;
    }

    /** The long appended at {@code position}, which must lie in the window. */
    long getLong(long position) {
        return (long) LONGS.get(pages.get((int) ((position >>> PAGE_BITS) - firstPage)), (int) (position & PAGE_MASK));
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
