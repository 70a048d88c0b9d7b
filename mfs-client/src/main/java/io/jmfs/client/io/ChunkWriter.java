package io.jmfs.client.io;

import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import java.io.IOException;

/**
 * Writes byte ranges of chunks through their chains of chunkservers, as {@link ChunkWriteSession}s over the
 * connections of one {@link ChunkserverPool}.
 */
public final class ChunkWriter {
    private final ChunkserverPool pool;

    public ChunkWriter(ChunkserverPool pool) {
        this.pool = pool;
    }

    /** Opens a write session on {@code chunk}, for a writer that sends it several ranges. */
    public ChunkWriteSession open(ChunkData chunk) throws IOException {
        return ChunkWriteSession.open(pool, chunk);
    }

    /**
     * Writes one range and ends the chunk write. Any error fails the whole range (and closes the connection): the
     * caller ends the chunk operation at the master and retries.
     */
    public void write(ChunkData chunk, int offset, byte[] src, int srcOff, int len) throws IOException {
        if (offset < 0 || len < 0 || (long) offset + len > ChunkGeometry.CHUNK_SIZE) {
            throw new IllegalArgumentException("range " + offset + "+" + len + " is not inside a chunk");
        }
        ChunkWriteSession session = open(chunk);
        boolean done = false;
        try {
            session.send(offset, src, srcOff, len);
            session.finish();
            done = true;
        } finally {
            if (!done) {
                session.abort();
            }
        }
    }
}
