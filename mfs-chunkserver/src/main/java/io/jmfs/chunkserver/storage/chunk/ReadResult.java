package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.protocol.MfsStatus;

import java.util.List;

/** Outcome of a read: on {@link MfsStatus#OK} the slices cover the requested range in order; otherwise none. */
public record ReadResult(MfsStatus status, List<BlockSlice> slices) {
    public ReadResult {
        slices = List.copyOf(slices);
    }

    static ReadResult failed(MfsStatus status) {
        return new ReadResult(status, List.of());
    }
}
