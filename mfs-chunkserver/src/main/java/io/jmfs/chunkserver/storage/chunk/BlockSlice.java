package io.jmfs.chunkserver.storage.chunk;

/**
 * Part of one block returned by a read, ready to go out as one READ_DATA packet.
 *
 * @param blockNum  block index in the chunk (0..1023)
 * @param offset    offset of {@code data} inside the block
 * @param data      exactly the requested bytes of this block
 * @param crc       CRC-32 of {@code data} (what READ_DATA carries)
 * @param blockCrc  CRC-32 of the whole 64 KiB block, as stored in the CRC table and verified before returning
 */
public record BlockSlice(int blockNum, int offset, byte[] data, int crc, int blockCrc) {
}
