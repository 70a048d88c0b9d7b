package io.jmfs.chunkserver.storage.chunk;

/**
 * Part of one block of a read into a caller's buffer, ready to go out as one READ_DATA packet.
 *
 * @param blockNum     block index in the chunk (0..1023)
 * @param offset       offset of the requested bytes inside the block
 * @param length       number of requested bytes of this block
 * @param bufferOffset where those bytes start in the caller's buffer
 * @param crc          CRC-32 of just those bytes (what READ_DATA carries)
 * @param blockCrc     CRC-32 of the whole 64 KiB block, as stored in the CRC table and verified before returning
 */
public record BufferedSlice(int blockNum, int offset, int length, int bufferOffset, int crc, int blockCrc) {
}
