package io.jmfs.master.fs;

/**
 * Told when a file starts referencing a chunk (SETFILECHUNK), stops referencing one (file removed for good,
 * shortened past the chunk, slot given another chunk), or its chunks' goal changes. The chunks layer keeps each
 * chunk's file count from these calls alone, so the count follows the file's chunk slots line by line in the
 * changelog (a WRITE or TRUNC line places its chunk through the same slot change). Called on the metadata thread,
 * during live operations and replay alike.
 */
@FunctionalInterface
public interface ChunkReleaser {
    void released(int inode, long chunkId);

    /**
     * File {@code inode} (placing its chunks by storage class {@code sclass}, always a defined class id) now
     * references chunk {@code chunkId} in one more slot. Namespaces whose tests do not track chunk references need
     * not implement it.
     */
    default void referenced(int inode, long chunkId, int sclass) {
    }

    /**
     * The file's storage class changed: chunk {@code chunkId} should now be placed by class {@code sclass}. Files
     * that never change class (and tests that do not care) need not implement it.
     */
    default void goalChanged(int inode, long chunkId, int sclass) {
    }

    ChunkReleaser NONE = (inode, chunkId) -> { };
}
