package io.jmfs.master.chunks;

import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MfsStatus;
import java.util.List;

/**
 * The answer to a write (or truncate) request: on success the chunk id and version the client must use and the
 * copies to write to (chain order); otherwise only the status.
 */
public record WriteGrant(MfsStatus status, long chunkId, int version, List<ChunkLocation> locations) {
    public WriteGrant {
        locations = List.copyOf(locations);
    }

    public static WriteGrant failed(MfsStatus status) {
        if (status.isOk()) {
            throw new IllegalArgumentException("a failure needs an error status");
        }
        return new WriteGrant(status, 0, 0, List.of());
    }

    public boolean isOk() {
        return status.isOk();
    }
}
