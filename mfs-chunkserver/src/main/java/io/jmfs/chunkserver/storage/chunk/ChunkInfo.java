package io.jmfs.chunkserver.storage.chunk;

/**
 * A chunk as reported to the master.
 *
 * @param onRemovalDisk the copy lives on a disk marked for removal (the wire sets version bit 31 for it)
 */
public record ChunkInfo(long chunkId, int version, boolean onRemovalDisk) {
    /** The version as REGISTER / CHUNK_NEW lists carry it. */
    public int wireVersion() {
        return onRemovalDisk ? version | 0x80000000 : version;
    }
}
