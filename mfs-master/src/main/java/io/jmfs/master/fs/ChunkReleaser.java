package io.jmfs.master.fs;

/**
 * Told when a file starts referencing a chunk (SETFILECHUNK), stops referencing one (file removed for good,
 * shortened past the chunk, slot given another chunk), or its chunks' goal changes. The chunks layer keeps each
 * chunk's file count from these calls alone, so the count follows the file's chunk slots line by line in the
 * changelog: a kill between a chunk's creation (CHUNKNEW, CHUNKCOW) and the SETFILECHUNK that places it leaves an
 * unreferenced chunk, never a count no file backs. Called on the metadata thread, during live operations and replay
 * alike.
 */
@FunctionalInterface
public interface ChunkReleaser {
    void released(int inode, long chunkId);

    /**
     * File {@code inode} (whose chunks keep {@code goal} copies) now references chunk {@code chunkId} in one more
     * slot. Namespaces whose tests do not track chunk references need not implement it.
     */
    default void referenced(int inode, long chunkId, int goal) {
    }

    /**
     * The file's storage class changed: chunk {@code chunkId} should now keep {@code goal} copies. Files that
     * never change class (and tests that do not care) need not implement it.
     */
    default void goalChanged(int inode, long chunkId, int goal) {
    }

    ChunkReleaser NONE = (inode, chunkId) -> { };
}
