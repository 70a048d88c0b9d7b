package io.jmfs.master.fs;

/**
 * The chunks' archive flags as the namespace reads and sets them (ARCHCTL and the archive-delay sweep). The flag
 * belongs to the chunk layer; the namespace changes it only while applying its ARCHCHG record, live and in replay
 * alike, so the flags follow the changelog. Called on the metadata thread.
 */
public interface ChunkArchiveFlags {
    /** What {@link #flag} answers for a chunk id the chunk layer does not know. */
    int UNKNOWN = -1;

    /** 1 when the chunk is archived, 0 when not, {@link #UNKNOWN} when there is no such chunk. */
    int flag(long chunkId);

    /** Sets the chunk's flag; true when it changed (false for an unknown chunk or an unchanged flag). */
    boolean set(long chunkId, boolean archived);

    /** For namespaces without a chunk layer: every chunk is unknown. */
    ChunkArchiveFlags NONE = new ChunkArchiveFlags() {
        @Override
        public int flag(long chunkId) {
            return UNKNOWN;
        }

        @Override
        public boolean set(long chunkId, boolean archived) {
            return false;
        }
    };
}
