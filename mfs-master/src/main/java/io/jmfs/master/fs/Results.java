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

    /** Values over a node or subtree (GETSCLASS, GETTRASHTIME, GETEATTR): value -> node count, ascending. */
    public record ValueCounts(java.util.Map<Integer, Integer> files, java.util.Map<Integer, Integer> dirs) {
        public ValueCounts {
            files = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(files));
            dirs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dirs));
        }
    }

    /**
     * GETDIRSTATS: nodes, directories and files of a subtree (the node included; hard links counted per entry),
     * chunks, summed file length, {@code size} = space of the chunk files one copy takes (whole chunks plus the
     * last chunk's used blocks, with headers), {@code realSize} = size times each file's goal.
     */
    public record DirStats(int inodes, int dirs, int files, int chunks, long length, long size, long realSize) {
    }
}
