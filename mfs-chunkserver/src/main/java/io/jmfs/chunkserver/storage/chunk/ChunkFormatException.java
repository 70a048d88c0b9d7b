package io.jmfs.chunkserver.storage.chunk;

/** A chunk file whose bytes do not follow {@link ChunkFormat}: the chunk is damaged. */
public final class ChunkFormatException extends RuntimeException {
    public ChunkFormatException(String message) {
        super(message);
    }
}
