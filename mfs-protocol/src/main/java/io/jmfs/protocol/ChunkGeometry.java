package io.jmfs.protocol;

/** Fixed sizes of the MooseFS data layout: 64 MiB chunks made of 1024 blocks of 64 KiB. */
public final class ChunkGeometry {
    /** {@code MFSCHUNKSIZE}: bytes per chunk. */
    public static final int CHUNK_SIZE = 0x0400_0000;
    /** {@code MFSBLOCKSIZE}: bytes per block, the unit of CRC checking. */
    public static final int BLOCK_SIZE = 0x1_0000;
    /** Blocks per chunk. */
    public static final int BLOCKS_PER_CHUNK = CHUNK_SIZE / BLOCK_SIZE;
    /** log2 of {@link #CHUNK_SIZE}: file offset to chunk index is {@code offset >> CHUNK_BITS}. */
    public static final int CHUNK_BITS = 26;
    /** log2 of {@link #BLOCK_SIZE}. */
    public static final int BLOCK_BITS = 16;
    /** Largest file length: 2^31 chunks. */
    public static final long MAX_FILE_LENGTH = (long) CHUNK_SIZE << 31;

    private ChunkGeometry() {
    }

    /** Index of the chunk holding this file offset. */
    public static int chunkIndex(long offset) {
        if (offset < 0 || offset >= MAX_FILE_LENGTH) {
            throw new IllegalArgumentException("file offset out of range: " + offset);
        }
        return (int) (offset >>> CHUNK_BITS);
    }

    /** Position of this file offset inside its chunk. */
    public static int offsetInChunk(long offset) {
        return (int) (offset & (CHUNK_SIZE - 1));
    }

    /** Index of the block holding this offset inside a chunk. */
    public static int blockIndex(int offsetInChunk) {
        return offsetInChunk >>> BLOCK_BITS;
    }
}
