package io.jmfs.chunkserver.storage.chunk;

/**
 * Space and chunk counts as CSTOMA_SPACE and REGISTER carry them; {@code td*} cover disks marked for removal,
 * the others all remaining usable disks.
 */
public record SpaceReport(long used, long total, long chunks, long tdUsed, long tdTotal, long tdChunks) {
}
