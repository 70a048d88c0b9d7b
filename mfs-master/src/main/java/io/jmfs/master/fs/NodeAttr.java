package io.jmfs.master.fs;

/**
 * A snapshot of one node's attributes: what the network layer needs to build MooseFS's 36-byte ATTR record
 * ({@code flags:8 type:4|mode:12 uid gid atime mtime ctime nlink size:64 winattr:8}).
 *
 * @param type        stored type (TRASH/SUSTAINED included; {@link #wireType()} maps them to FILE)
 * @param length      file length, directory subtree length, symlink path length, or device rdev
 * @param eattr       MooseFS extra attributes (EATTR_* bits)
 * @param parentEattr eattr of the directory the node was reached through (0 when none), for NOECACHE
 * @param hasXattr    the node carries extended attributes
 */
public record NodeAttr(int inode, int type, int mode, int uid, int gid, int atime, int mtime, int ctime,
                       int nlink, long length, int eattr, int winattr, int parentEattr, boolean hasXattr) {

    public static final int MATTR_NOACACHE = 0x01;
    public static final int MATTR_NOECACHE = 0x02;
    public static final int MATTR_ALLOWDATACACHE = 0x04;
    public static final int MATTR_NOXATTR = 0x08;
    public static final int MATTR_DIRECTMODE = 0x10;
    public static final int MATTR_UNDELETABLE = 0x20;

    public static final int EATTR_NOOWNER = 0x01;
    public static final int EATTR_NOACACHE = 0x02;
    public static final int EATTR_NOECACHE = 0x04;
    public static final int EATTR_NODATACACHE = 0x08;
    public static final int EATTR_SNAPSHOT = 0x10;
    public static final int EATTR_UNDELETABLE = 0x20;
    public static final int EATTR_APPENDONLY = 0x40;
    public static final int EATTR_IMMUTABLE = 0x80;

    /** The type a client sees. */
    public int wireType() {
        return NodeType.isFileLike(type) ? NodeType.FILE : type;
    }

    /** ATTR's first byte. */
    public int flags() {
        int f = 0;
        if ((parentEattr & EATTR_NOECACHE) != 0) {
            f |= MATTR_NOECACHE;
        }
        if ((eattr & (EATTR_NOOWNER | EATTR_NOACACHE)) != 0) {
            f |= MATTR_NOACACHE;
        }
        f |= (eattr & EATTR_NODATACACHE) == 0 ? MATTR_ALLOWDATACACHE : MATTR_DIRECTMODE;
        if (!hasXattr) {
            f |= MATTR_NOXATTR;
        }
        if ((eattr & (EATTR_UNDELETABLE | EATTR_IMMUTABLE | EATTR_APPENDONLY)) != 0) {
            f |= MATTR_UNDELETABLE;
        }
        return f;
    }

    /** The ATTR's 64-bit size field for this node's type. */
    public long sizeField() {
        return switch (type) {
            case NodeType.DIRECTORY -> directoryDisplaySize(length);
            case NodeType.BLOCKDEV, NodeType.CHARDEV -> (length & 0xFFFFFFFFL) << 32;
            default -> length;
        };
    }

    /** Device number of block and character devices. */
    public int rdev() {
        return type == NodeType.BLOCKDEV || type == NodeType.CHARDEV ? (int) length : 0;
    }

    /**
     * MooseFS's 32-bit-safe "floating" directory size: {@code class * 1000000 + hundredths of the unit}, class
     * 0 = bytes .. 6; an empty subtree reports 1.
     */
    public static long directoryDisplaySize(long bytes) {
        if (bytes == 0) {
            return 1;
        }
        if (Long.compareUnsigned(bytes, 0x400L) < 0) {
            return bytes * 100;
        }
        if (Long.compareUnsigned(bytes, 0x100000L) < 0) {
            return ((bytes * 100) >>> 10) + 1_000_000;
        }
        if (Long.compareUnsigned(bytes, 0x40000000L) < 0) {
            return ((bytes * 100) >>> 20) + 2_000_000;
        }
        if (Long.compareUnsigned(bytes, 0x10000000000L) < 0) {
            return ((bytes * 100) >>> 30) + 3_000_000;
        }
        if (Long.compareUnsigned(bytes, 0x4000000000000L) < 0) {
            return ((bytes * 100) >>> 40) + 4_000_000;
        }
        if (Long.compareUnsigned(bytes, 0x1000000000000000L) < 0) {
            return (((bytes >>> 10) * 100) >>> 40) + 5_000_000;
        }
        return (((bytes >>> 10) * 100) >>> 50) + 6_000_000;
    }
}
