package io.jmfs.master.chunks;

/**
 * A persistent change to the chunk registry (and, for the write and truncate records, to one slot of a file's
 * chunk table), recorded before it is applied; changelog replay applies the same records through
 * {@link ChunkRegistry#apply(ChunkChange, FileChunkSlots)}. Names, argument order and meaning are MooseFS 3.0.117's
 * changelog operations, so the real master replays our lines and we replay its. Copies are not persistent
 * (chunkservers report them again after a restart), so no record mentions a server.
 *
 * <p>The write and truncate records carry only the resulting chunk id: which chunk operation it was (a new chunk, a
 * copy-on-write duplicate, a version increase of the file's own chunk) follows from the state they apply to (the
 * slot's current chunk, its file count, the next chunk id), the same way on the live path and in replay.
 */
public sealed interface ChunkChange {
    /** Unix seconds at which the change happened. */
    int ts();

    /**
     * WRITE(inode,indx,opflag,canmodmtime):chunkid. A writer got chunk {@code index} of the file: a new chunk when
     * the slot was empty, a duplicate when the slot's chunk is shared with other files, otherwise the slot's own
     * chunk with its version increased when {@code opflag} is 1. The chunk is locked for {@link
     * ChunkRegistry#WRITE_LOCK_SECONDS}; the file grows to the chunk's start if it was shorter; mtime and ctime
     * become {@code ts} when {@code canModTime}.
     */
    record Write(int ts, int inode, int index, int opflag, boolean canModTime, long chunkId) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|WRITE(" + Integer.toUnsignedString(inode) + "," + Integer.toUnsignedString(index) + ","
                    + opflag + "," + (canModTime ? 1 : 0) + "):" + Long.toUnsignedString(chunkId);
        }
    }

    /**
     * TRUNC(inode,indx):chunkid. Chunk {@code index} of the file is being cut: the slot's own chunk with its version
     * increased, or a new duplicate when it is shared. Locked like a write.
     */
    record Trunc(int ts, int inode, int index, long chunkId) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|TRUNC(" + Integer.toUnsignedString(inode) + "," + Integer.toUnsignedString(index) + "):"
                    + Long.toUnsignedString(chunkId);
        }
    }

    /**
     * ROLLBACK(inode,indx,prevchunkid,chunkid). A write or truncate failed on every chunkserver: the slot holds
     * {@code previousChunkId} again (0 = a hole) and {@code chunkId} is unlocked.
     */
    record Rollback(int ts, int inode, int index, long previousChunkId, long chunkId) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|ROLLBACK(" + Integer.toUnsignedString(inode) + "," + Integer.toUnsignedString(index) + ","
                    + Long.toUnsignedString(previousChunkId) + "," + Long.toUnsignedString(chunkId) + ")";
        }
    }

    /** UNLOCK(chunkid): the writer ended (or the truncate finished). */
    record Unlocked(int ts, long chunkId) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|UNLOCK(" + Long.toUnsignedString(chunkId) + ")";
        }
    }

    /** SETVERSION(chunkid,version): a failed version increase undone, or wrong-version copies accepted. */
    record VersionSet(int ts, long chunkId, int version) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|SETVERSION(" + Long.toUnsignedString(chunkId) + "," + Integer.toUnsignedString(version)
                    + ")";
        }
    }

    /** INCVERSION(chunkid): the version plus one. Older masters log it; we only replay it. */
    record VersionIncreased(int ts, long chunkId) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|INCVERSION(" + Long.toUnsignedString(chunkId) + ")";
        }
    }

    /** NEXTCHUNKID(chunkid): the next new chunk gets at least this id. Older masters log it; we only replay it. */
    record NextChunkId(int ts, long chunkId) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|NEXTCHUNKID(" + Long.toUnsignedString(chunkId) + ")";
        }
    }

    /**
     * REPAIR(inode,indx):version (mfsfilerepair): the slot's chunk takes the best version its copies have, or the
     * slot becomes a hole when {@code version} is 0; the file's mtime and ctime become {@code ts}. Replayed only.
     */
    record Repaired(int ts, int inode, int index, int version) implements ChunkChange {
        @Override
        public String toString() {
            return ts + "|REPAIR(" + Integer.toUnsignedString(inode) + "," + Integer.toUnsignedString(index) + "):"
                    + Integer.toUnsignedString(version);
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
