package io.jmfs.master.fs;

/**
 * Told when a file stops referencing a chunk (file removed for good, or shortened past the chunk). The chunks
 * layer decrements the chunk's file count and deletes it when nothing references it. Called on the metadata
 * thread, during live operations and replay alike.
 */
@FunctionalInterface
public interface ChunkReleaser {
    void released(int inode, long chunkId);

    ChunkReleaser NONE = (inode, chunkId) -> { };
}
