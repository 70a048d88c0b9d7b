package io.jmfs.master.chunks;

import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MfsStatus;
import java.util.List;

/**
 * Where to read a chunk: its version and its readable copies, nearest first. OK with no locations means the
 * copies may be on a server that is away (the client retries); CHUNKLOST means they are gone for good.
 */
public record ChunkLookup(MfsStatus status, int version, List<ChunkLocation> locations) {
    public ChunkLookup {
        locations = List.copyOf(locations);
    }
}
