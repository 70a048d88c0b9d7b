package io.jmfs.protocol;

import java.util.Objects;

/**
 * The attribute record the master sends for a node (ATTR, 36 bytes for peers from 3.0.93, 35 without
 * {@code winattr} before). A plain value: the master's namespace code builds it, codecs write it.
 *
 * <p>32-bit fields hold the unsigned wire value in an {@code int} ({@link Integer#toUnsignedLong} to widen).
 *
 * @param flags {@code MATTR_*} bits: 0x01 NOACACHE, 0x02 NOECACHE, 0x04 ALLOWDATACACHE, 0x08 NOXATTR,
 *     0x10 DIRECTMODE, 0x20 UNDELETABLE
 * @param type node type (the high 4 bits of the type/mode word)
 * @param mode permission bits, {@code 07777}
 * @param uid owner
 * @param gid group
 * @param atime access time, unix seconds
 * @param mtime modification time, unix seconds
 * @param ctime change time, unix seconds
 * @param nlink link count
 * @param size the 8-byte field: length for files and symlinks (symlink: path length without NUL), {@code rdev << 32}
 *     for block/char devices, the display size for directories
 * @param winattr Windows attribute bits (not sent to peers before 3.0.93)
 */
public record Attr(int flags, NodeType type, int mode, int uid, int gid, int atime, int mtime, int ctime, int nlink,
                   long size, int winattr) {

    public static final int FLAG_NOACACHE = 0x01;
    public static final int FLAG_NOECACHE = 0x02;
    public static final int FLAG_ALLOWDATACACHE = 0x04;
    public static final int FLAG_NOXATTR = 0x08;
    public static final int FLAG_DIRECTMODE = 0x10;
    public static final int FLAG_UNDELETABLE = 0x20;

    /** Record length for peers from 3.0.93 on. */
    public static final int SIZE = 36;
    /** Record length for older peers (no winattr). */
    public static final int LEGACY_SIZE = 35;

    public Attr {
        Objects.requireNonNull(type, "type");
        if ((flags & ~0xFF) != 0 || (mode & ~07777) != 0 || (winattr & ~0xFF) != 0) {
            throw new IllegalArgumentException(
                    "attr field out of range: flags=" + flags + " mode=" + Integer.toOctalString(mode) + " winattr="
                            + winattr);
        }
    }

    /** The 16-bit word that carries type (high 4 bits) and mode. */
    public int typeMode() {
        return type.code() << 12 | mode;
    }

    /** Device number for block and character devices (upper half of the 8-byte field). */
    public int rdev() {
        return (int) (size >>> 32);
    }

    /** The 8-byte field value for a device node. */
    public static long deviceSize(int rdev) {
        return (long) rdev << 32;
    }

    /**
     * The directory "display size" MooseFS reports instead of a byte count: 0 shows as 1, otherwise
     * {@code class*1000000 + (bytes*100 >> 10*class)} with the smallest class 0..6 that keeps the mantissa under
     * 1024*100.
     */
    public static long directoryDisplaySize(long bytes) {
        if (bytes <= 0) {
            return 1;
        }
        int unit = 0;
        long scaled = bytes;
        while (scaled >= 1024 && unit < 6) {
            scaled >>>= 10;
            unit++;
        }
        // the mantissa keeps two decimals of the unit: bytes*100 / 1024^unit, computed without overflow
        long hundredths = unit == 0 ? bytes * 100 : multiplyShift(bytes, unit * 10);
        return unit * 1_000_000L + hundredths;
    }

    private static long multiplyShift(long bytes, int shift) {
        return java.math.BigInteger.valueOf(bytes).multiply(java.math.BigInteger.valueOf(100)).shiftRight(shift)
                .longValueExact();
    }
}
