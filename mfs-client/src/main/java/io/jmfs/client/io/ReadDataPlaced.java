package io.jmfs.client.io;

/**
 * A CSTOCL_READ_DATA ({@code chunkid:64 blocknum:16 offset:16 size:32 crc:32 data}) whose {@code size} data bytes
 * {@link FramedSocket#receiveRead} put straight into the reader's array; {@code crc} is the chunkserver's checksum of
 * them, still to be checked.
 */
public record ReadDataPlaced(long chunkId, int block, int offset, int size, int crc) implements Received {
    /** The fixed fields' size on the wire. */
    static final int FIELDS = 8 + 2 + 2 + 4 + 4;
}
