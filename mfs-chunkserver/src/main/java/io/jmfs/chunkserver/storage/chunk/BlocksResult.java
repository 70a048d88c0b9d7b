package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.protocol.MfsStatus;

/** Answer to GET_CHUNK_BLOCKS: number of stored blocks, valid on {@link MfsStatus#OK}. */
public record BlocksResult(MfsStatus status, int blocks) {
}
