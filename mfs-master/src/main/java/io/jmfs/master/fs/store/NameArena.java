package io.jmfs.master.fs.store;

import java.util.Arrays;

/**
 * Names stored as raw bytes in large pages, addressed by a {@code long} reference
 * ({@code offset << 16 | length}). A name never spans two pages. Freed names only count as garbage; the owner
 * ({@link EdgeTable}) compacts by copying the live names into a fresh arena when garbage dominates.
 * This avoids one {@code byte[]} object (12-16 bytes of header plus padding) per name.
 */
public final class NameArena {
    private static final int PAGE_BITS = 20;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    /** Longest storable name: trash entries keep a path of up to 1024 bytes; leave room. */
    public static final int MAX_LENGTH = 4095;

    private byte[][] pages = new byte[4][];
    private long top;
    private long used;

    public long store(byte[] name) {
        int len = name.length;
        if (len > MAX_LENGTH) {
            throw new IllegalArgumentException("name too long: " + len);
        }
        int pos = (int) (top & (PAGE_SIZE - 1));
        if (pos + len > PAGE_SIZE) {
            top += PAGE_SIZE - pos;
        }
        int p = (int) (top >>> PAGE_BITS);
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, pages.length * 2);
        }
        if (pages[p] == null) {
            pages[p] = new byte[PAGE_SIZE];
        }
        long offset = top;
        System.arraycopy(name, 0, pages[p], (int) (offset & (PAGE_SIZE - 1)), len);
        top += len;
        used += len;
        return offset << 16 | len;
    }

    public static int length(long ref) {
        return (int) (ref & 0xFFFF);
    }

    public byte[] get(long ref) {
        long offset = ref >>> 16;
        int len = length(ref);
        byte[] out = new byte[len];
        System.arraycopy(pages[(int) (offset >>> PAGE_BITS)], (int) (offset & (PAGE_SIZE - 1)), out, 0, len);
        return out;
    }

    public boolean matches(long ref, byte[] name) {
        int len = length(ref);
        if (len != name.length) {
            return false;
        }
        long offset = ref >>> 16;
        int start = (int) (offset & (PAGE_SIZE - 1));
        return Arrays.equals(pages[(int) (offset >>> PAGE_BITS)], start, start + len, name, 0, len);
    }

    /** {@code h} extended by the stored name's bytes as {@code h = 31 * h + (b & 0xFF)}, without copying it. */
    public int polynomialHash(int h, long ref) {
        long offset = ref >>> 16;
        byte[] page = pages[(int) (offset >>> PAGE_BITS)];
        int start = (int) (offset & (PAGE_SIZE - 1));
        for (int i = start, end = start + length(ref); i < end; i++) {
            h = 31 * h + (page[i] & 0xFF);
        }
        return h;
    }

    /** Whether two stored names hold the same bytes. */
    public boolean sameName(long a, long b) {
        int len = length(a);
        if (len != length(b)) {
            return false;
        }
        long oa = a >>> 16;
        long ob = b >>> 16;
        int sa = (int) (oa & (PAGE_SIZE - 1));
        int sb = (int) (ob & (PAGE_SIZE - 1));
        return Arrays.equals(pages[(int) (oa >>> PAGE_BITS)], sa, sa + len, pages[(int) (ob >>> PAGE_BITS)], sb,
                sb + len);
    }

    public void release(long ref) {
        used -= length(ref);
    }

    /** Bytes held by dead names; the owner compacts when this dominates. */
    public long garbage() {
        return top - used;
    }

    public long usedBytes() {
        return used;
    }
}
