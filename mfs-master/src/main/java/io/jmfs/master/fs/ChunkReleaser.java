package io.jmfs.master.fs;

/**
 * Told when a file stops referencing a chunk, or its chunks' goal changes (file removed for good, or shortened past the chunk). The chunks
 * layer decrements the chunk's file count and deletes it when nothing references it. Called on the metadata
 * thread, during live operations and replay alike.
 */
@FunctionalInterface
public interface ChunkReleaser {
    void released(int inode, long chunkId);

    /**
     * The file's storage class changed: chunk {@code chunkId} should now keep {@code goal} copies. Files that
     * never change class (and tests that do not care) need not implement it.
     */
    default void goalChanged(int inode, long chunkId, int goal) {
    }

    ChunkReleaser NONE = (inode, chunkId) -> { };
}
