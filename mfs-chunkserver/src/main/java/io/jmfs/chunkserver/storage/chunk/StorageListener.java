package io.jmfs.chunkserver.storage.chunk;

import java.nio.file.Path;
import java.util.List;

/**
 * What the storage tells the master link. Called from storage threads; implementations must hand work over to
 * their own thread and return quickly.
 */
public interface StorageListener {
    /** A chunk found by the disk scan after start (for CSTOMA_CHUNK_NEW). */
    default void chunkFound(ChunkInfo chunk) {
    }

    /** A chunk failed its CRC or format check (for CSTOMA_CHUNK_DAMAGED). */
    default void chunkDamaged(long chunkId) {
    }

    /** Chunks that are gone with a damaged disk (for CSTOMA_CHUNK_LOST). */
    default void chunksLost(List<Long> chunkIds) {
    }

    /** A disk became damaged (I/O errors, swapped or missing). */
    default void diskDamaged(Path disk, String reason) {
    }

    /** A disk's scan completed. */
    default void scanFinished(Path disk) {
    }

    /** Nothing to tell. */
    StorageListener NONE = new StorageListener() {
    };
}
