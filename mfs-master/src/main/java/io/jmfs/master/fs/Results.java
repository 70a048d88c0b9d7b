package io.jmfs.master.fs;

/** Value types the namespace operations answer with. */
public final class Results {
    private Results() {
    }

    /** A node reached by name (LOOKUP, MKNOD, MKDIR, SYMLINK, LINK, RENAME). */
    public record Entry(int inode, NodeAttr attr) {
    }

    /**
     * LOOKUP's answer: {@code lflags} holds the caller's access-mode bitmap in the low byte plus
     * IMMUTABLE/APPENDONLY/DIRECTMODE bits; the network layer adds the chunk-0 and read-only bits.
     */
    public record Lookup(int inode, NodeAttr attr, int lflags) {
    }

    /** OPEN and CREATE: MooseFS oflags (0x02 DIRECTMODE, 0x04 APPENDONLY) and the attributes. */
    public record Opened(int inode, int oflags, NodeAttr attr) {
    }

    /** TRUNCATE: the length before the change and the attributes after it. */
    public record Truncated(long previousLength, NodeAttr attr) {
    }

    /** What the chunk layer must do before a TRUNCATE can complete: cut chunk {@code index} (-1 = nothing). */
    public record TruncatePlan(int index, long chunkId) {
    }

    /** One READDIR entry; {@code attr} is null when attributes were not asked for. */
    public record DirEntry(byte[] name, int inode, int type, NodeAttr attr) {
        public String nameString() {
            return new String(name, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** What STATFS needs from the namespace (space totals come from the chunk layer). */
    public record StatFs(int inodes, long trashSpace, int trashNodes, long sustainedSpace, int sustainedNodes,
                         int nodes, int directories, int files) {
    }

    /** SETTRASHTIME's counters. */
    public record SetCounts(int changed, int notChanged, int notPermitted) {
    }

    /** One maintenance pass: trash purged, sustained files dropped, inode numbers made reusable. */
    public record Maintenance(int trashPurged, int trashToSustained, int sustainedPurged, int inodesFreed) {
    }
}
