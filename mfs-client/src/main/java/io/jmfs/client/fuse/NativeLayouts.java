package io.jmfs.client.fuse;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * Offsets of the C structures exchanged with libfuse3 on 64-bit Linux (glibc's struct stat and struct statvfs for
 * x86-64, fuse_entry_param, fuse_file_info, fuse_args), and writers that fill them from Java values.
 */
final class NativeLayouts {
    static final long STAT_SIZE = 144;
    static final long ENTRY_PARAM_SIZE = 176;
    static final long FILE_INFO_SIZE = 64;
    static final long STATVFS_SIZE = 112;
    static final long FILE_INFO_FLAGS = 0;
    static final long FILE_INFO_BITS = 4;
    static final long FILE_INFO_FH = 16;
    /** fuse_file_info bit: bypass the page cache (direct_io). */
    static final int FI_DIRECT_IO = 1 << 1;
    /** fuse_file_info bit: keep the page cache from the last open (keep_cache). */
    static final int FI_KEEP_CACHE = 1 << 2;
    /** Offsets into struct stat that setattr reads. */
    static final long STAT_MODE = 24;
    static final long STAT_UID = 28;
    static final long STAT_GID = 32;
    static final long STAT_SIZE_FIELD = 48;
    static final long STAT_ATIME = 72;
    static final long STAT_MTIME = 88;

    private NativeLayouts() {
    }

    static MemorySegment stat(SegmentAllocator alloc, StatValues v) {
        MemorySegment s = alloc.allocate(STAT_SIZE, 8);
        s.fill((byte) 0);
        writeStat(s, 0, v);
        return s;
    }

    private static void writeStat(MemorySegment s, long at, StatValues v) {
        s.set(JAVA_LONG, at + 8, v.ino());
        s.set(JAVA_LONG, at + 16, v.nlink());
        s.set(JAVA_INT, at + STAT_MODE, v.mode());
        s.set(JAVA_INT, at + STAT_UID, v.uid());
        s.set(JAVA_INT, at + STAT_GID, v.gid());
        s.set(JAVA_LONG, at + 40, v.rdev());
        s.set(JAVA_LONG, at + STAT_SIZE_FIELD, v.size());
        s.set(JAVA_LONG, at + 56, v.blksize());
        s.set(JAVA_LONG, at + 64, v.blocks());
        s.set(JAVA_LONG, at + STAT_ATIME, v.atime());
        s.set(JAVA_LONG, at + STAT_MTIME, v.mtime());
        s.set(JAVA_LONG, at + 104, v.ctime());
    }

    static MemorySegment entryParam(SegmentAllocator alloc, StatValues v, double attrTimeout, double entryTimeout) {
        MemorySegment e = alloc.allocate(ENTRY_PARAM_SIZE, 8);
        e.fill((byte) 0);
        e.set(JAVA_LONG, 0, v.ino());
        e.set(JAVA_LONG, 8, 1); // generation: MooseFS reuses inode numbers only after a long delay
        writeStat(e, 16, v);
        e.set(JAVA_DOUBLE, 160, attrTimeout);
        e.set(JAVA_DOUBLE, 168, entryTimeout);
        return e;
    }

    static MemorySegment fileInfo(SegmentAllocator alloc, int flags, long fh, int bits) {
        MemorySegment fi = alloc.allocate(FILE_INFO_SIZE, 8);
        fi.fill((byte) 0);
        fi.set(JAVA_INT, FILE_INFO_FLAGS, flags);
        fi.set(JAVA_INT, FILE_INFO_BITS, bits);
        fi.set(JAVA_LONG, FILE_INFO_FH, fh);
        return fi;
    }

    /** struct statvfs: block counts in {@code blockSize} units, inode counts, the longest name. */
    static MemorySegment statvfs(SegmentAllocator alloc, long blockSize, long blocks, long free, long avail,
                                 long files, long filesFree, long nameMax) {
        MemorySegment s = alloc.allocate(STATVFS_SIZE, 8);
        s.fill((byte) 0);
        s.set(JAVA_LONG, 0, blockSize);
        s.set(JAVA_LONG, 8, blockSize);
        s.set(JAVA_LONG, 16, blocks);
        s.set(JAVA_LONG, 24, free);
        s.set(JAVA_LONG, 32, avail);
        s.set(JAVA_LONG, 40, files);
        s.set(JAVA_LONG, 48, filesFree);
        s.set(JAVA_LONG, 56, filesFree);
        s.set(JAVA_LONG, 80, nameMax);
        return s;
    }
}
