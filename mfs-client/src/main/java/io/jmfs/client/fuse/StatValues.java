package io.jmfs.client.fuse;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;

/**
 * What a {@code struct stat} says about a MooseFS node, computed from the master's attribute record the way mfsmount
 * presents it: the inode number as st_ino, the node type as S_IF* bits, 512-byte blocks for the length, 64 KiB as
 * the preferred I/O size (MooseFS's block) and the device number of device nodes.
 */
record StatValues(long ino, int mode, long nlink, int uid, int gid, long rdev, long size, long blksize, long blocks,
                  long atime, long mtime, long ctime) {
    static final int S_IFIFO = 0010000;
    static final int S_IFCHR = 0020000;
    static final int S_IFDIR = 0040000;
    static final int S_IFBLK = 0060000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFMT = 0170000;
    static final long BLOCK_SIZE = 0x10000;

    static StatValues of(int inode, Attr attr) {
        return of(inode, attr, attr.size());
    }

    /** As {@link #of(int, Attr)} with the length this client knows better (data it has not flushed yet). */
    static StatValues of(int inode, Attr attr, long length) {
        boolean device = attr.type() == NodeType.BLOCKDEV || attr.type() == NodeType.CHARDEV;
        long size = device ? 0 : length;
        return new StatValues(Integer.toUnsignedLong(inode), typeBits(attr.type()) | attr.mode(),
                Integer.toUnsignedLong(attr.nlink()), attr.uid(), attr.gid(),
                device ? Integer.toUnsignedLong(attr.rdev()) : 0, size, BLOCK_SIZE, (size + 511) / 512,
                Integer.toUnsignedLong(attr.atime()), Integer.toUnsignedLong(attr.mtime()),
                Integer.toUnsignedLong(attr.ctime()));
    }

    static int typeBits(NodeType type) {
        return switch (type) {
            case FILE -> S_IFREG;
            case DIRECTORY -> S_IFDIR;
            case SYMLINK -> S_IFLNK;
            case FIFO -> S_IFIFO;
            case BLOCKDEV -> S_IFBLK;
            case CHARDEV -> S_IFCHR;
            case SOCKET -> S_IFSOCK;
        };
    }

    /** The MooseFS node type of the S_IF* bits of a mode (mknod), or null for none MooseFS knows. */
    static NodeType nodeType(int mode) {
        return switch (mode & S_IFMT) {
            case 0, S_IFREG -> NodeType.FILE;
            case S_IFDIR -> NodeType.DIRECTORY;
            case S_IFLNK -> NodeType.SYMLINK;
            case S_IFIFO -> NodeType.FIFO;
            case S_IFBLK -> NodeType.BLOCKDEV;
            case S_IFCHR -> NodeType.CHARDEV;
            case S_IFSOCK -> NodeType.SOCKET;
            default -> null;
        };
    }
}
