package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.protocol.MfsStatus;

/**
 * Answer to GET_CHUNK_CHECKSUM(_TAB): the 1024-entry CRC table and MooseFS's checksum over it
 * ({@code c = 1; for each entry: c = c * 426265243 ^ entry}), valid on {@link MfsStatus#OK}.
 */
public record ChecksumResult(MfsStatus status, int version, int checksum, int[] crcTable) {
    static ChecksumResult failed(MfsStatus status) {
        return new ChecksumResult(status, 0, 0, new int[0]);
    }
}
