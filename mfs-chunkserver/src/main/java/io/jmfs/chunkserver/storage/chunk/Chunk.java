package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.chunkserver.storage.disk.Disk;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A stored chunk as the registry knows it. Mutable fields are changed only by the chunk's ordered worker
 * (see {@link ChunkStorage}); {@code version} and {@code blocks} are volatile because listings read them from
 * other threads.
 */
final class Chunk {
    final long id;
    volatile int version;
    volatile int blocks;
    final Disk disk;
    final int subfolder;
    volatile boolean damaged;

    /** Open file state, present only between open and the idle close. */
    FileChannel channel;
    int headerSize = ChunkFormat.HEADER_SIZE;
    int[] crcs;
    /** Whether the CRC table on disk already holds empty-block CRCs past the end (false after create). */
    boolean crcTableComplete;
    long lastUseNanos;

    Chunk(long id, int version, int blocks, Disk disk, int subfolder) {
        this.id = id;
        this.version = version;
        this.blocks = blocks;
        this.disk = disk;
        this.subfolder = subfolder;
    }

    Path path() {
        return pathFor(version);
    }

    Path pathFor(int v) {
        return disk.path().resolve(ChunkFileName.subfolderName(subfolder)).resolve(new ChunkFileName(id, v).fileName());
    }

    @Override
    public String toString() {
        return String.format("chunk %016X_%08X on %s", id, version, disk.path());
    }
}
