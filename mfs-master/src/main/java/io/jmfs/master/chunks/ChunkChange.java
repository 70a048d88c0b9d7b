package io.jmfs.master.chunks;

/**
 * A persistent change to the chunk registry, recorded before it is applied; changelog replay applies the same
 * records through {@link ChunkRegistry#apply(ChunkChange)}. Copies are not persistent (chunkservers report them
 * again after a restart), so no record mentions a server.
 */
public sealed interface ChunkChange {
    /** Unix seconds at which the change happened. */
    int ts();

    /**
     * A new chunk id, locked for its first write, for a file of the given goal. The file's reference is counted by
     * the SETFILECHUNK that follows, not by this record (a kill in between leaves the chunk unreferenced).
     */
    record Created(int ts, long chunkId, int version, int lockedTo, int goal) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|CHUNKNEW(" + Long.toUnsignedString(chunkId) + "," + Integer.toUnsignedString(version) + ","
                    + Integer.toUnsignedString(lockedTo) + "," + goal + ")";
        }
    }

    /**
     * Copy-on-write: the new chunk {@code newChunkId} (version 1, locked), a duplicate (or duplicate-and-truncate) of
     * {@code oldChunkId}. The file moves its reference from the old chunk to the new one by the SETFILECHUNK that
     * follows, not by this record (a kill in between leaves the file on the old chunk, the new one unreferenced).
     */
    record CopiedOnWrite(int ts, long oldChunkId, long newChunkId, int lockedTo) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|CHUNKCOW(" + Long.toUnsignedString(oldChunkId) + "," + Long.toUnsignedString(newChunkId)
                    + "," + Integer.toUnsignedString(lockedTo) + ")";
        }
    }

    /** The chunk's version is now {@code version} and it is locked until {@code lockedTo} (SETVERSION + lock). */
    record VersionSet(int ts, long chunkId, int version, int lockedTo) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|SETVERSION(" + Long.toUnsignedString(chunkId) + "," + Integer.toUnsignedString(version) + ","
                    + Integer.toUnsignedString(lockedTo) + ")";
        }
    }

    /** Locked for a write that needed no chunkserver operation. */
    record Locked(int ts, long chunkId, int lockedTo) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|LOCK(" + Long.toUnsignedString(chunkId) + "," + Integer.toUnsignedString(lockedTo) + ")";
        }
    }

    /** UNLOCK(chunkid): the writer ended. */
    record Unlocked(int ts, long chunkId) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|UNLOCK(" + Long.toUnsignedString(chunkId) + ")";
        }
    }

    /**
     * CHUNKADD(chunkid,version,lockedto): a chunkserver holds a chunk the registry did not know; it is kept,
     * unreferenced, until {@code lockedTo} and then deleted.
     */
    record Adopted(int ts, long chunkId, int version, int lockedTo) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|CHUNKADD(" + Long.toUnsignedString(chunkId) + "," + Integer.toUnsignedString(version) + ","
                    + Integer.toUnsignedString(lockedTo) + ")";
        }
    }

    /** CHUNKDEL(chunkid,version): an unreferenced chunk without copies leaves the registry; its id stays used. */
    record Deleted(int ts, long chunkId, int version) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|CHUNKDEL(" + Long.toUnsignedString(chunkId) + "," + Integer.toUnsignedString(version) + ")";
        }
    }
}
