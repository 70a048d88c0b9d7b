package io.jmfs.chunkserver.storage.chunk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The on-disk layout of one chunk file, as MooseFS 3.0 writes it.
 *
 * <pre>
 * chunkfile  = header crctable block*
 * header     = signature:8 chunkid:64 version:32 zero-padding      ; 4096 bytes (1024 in old files)
 * signature  = "MFSC 1.0" | "MFSC 1.1"                              ; we write 1.0, accept both
 * crctable   = 1024 * crc:32                                        ; 4096 bytes, CRC-32 (zlib) of block n at 4n
 * block      = 65536 bytes                                          ; block n at headersize + 4096 + n * 65536
 * </pre>
 * All integers are big-endian. The file is exactly as long as its used blocks: {@code blocks = (length - 4096 -
 * headersize) / 65536}, and the header size is recognised from the length: {@code (length - 4096) & 0xFFFF} is
 * 4096 for current files and 1024 for files of MooseFS 1.x. Every stored block is full size (a short last
 * block is zero padded) and its CRC covers all 65536 bytes. CRC entries of blocks past the end hold the CRC
 * of a zero block ({@link #EMPTY_BLOCK_CRC}) once the chunk has been written to; a freshly created chunk has
 * an all-zero table, which is harmless because blocks past the end are never checked.
 */
public final class ChunkFormat {
    public static final int BLOCK_SIZE = 0x10000;
    public static final int BLOCKS_PER_CHUNK = 1024;
    public static final int CHUNK_SIZE = BLOCK_SIZE * BLOCKS_PER_CHUNK;
    public static final int HEADER_SIZE = 4096;
    public static final int OLD_HEADER_SIZE = 1024;
    public static final int CRC_TABLE_SIZE = 4 * BLOCKS_PER_CHUNK;
    /** The first 7 bytes every chunk file starts with; the 8th is '0' or '1'. */
    static final byte[] SIGNATURE_PREFIX = "MFSC 1.".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SIGNATURE_WRITTEN = "MFSC 1.0".getBytes(StandardCharsets.US_ASCII);
    /** CRC-32 of 65536 zero bytes. */
    public static final int EMPTY_BLOCK_CRC = 0xD7978EEB;

    private ChunkFormat() {
    }

    /** The header size implied by a chunk file's length, or -1 when the length fits no known layout. */
    public static int headerSizeForLength(long fileLength) {
        if (fileLength < CRC_TABLE_SIZE) {
            return -1;
        }
        int hs = (int) ((fileLength - CRC_TABLE_SIZE) & (BLOCK_SIZE - 1));
        if (hs != HEADER_SIZE && hs != OLD_HEADER_SIZE) {
            return -1;
        }
        if (fileLength < hs + CRC_TABLE_SIZE || fileLength > (long) hs + CRC_TABLE_SIZE + CHUNK_SIZE) {
            return -1;
        }
        return hs;
    }

    /** Number of blocks stored in a file of this length with this header size. */
    public static int blocksForLength(long fileLength, int headerSize) {
        return (int) ((fileLength - headerSize - CRC_TABLE_SIZE) / BLOCK_SIZE);
    }

    /** File offset of the CRC table. */
    public static long crcTableOffset(int headerSize) {
        return headerSize;
    }

    /** File offset of block {@code n}. */
    public static long blockOffset(int headerSize, int n) {
        return (long) headerSize + CRC_TABLE_SIZE + (long) n * BLOCK_SIZE;
    }

    /** How many blocks the {@code size > 0} bytes from {@code offset} touch. */
    public static int blocksSpanned(int offset, int size) {
        return (int) (((long) offset + size - 1) / BLOCK_SIZE - offset / BLOCK_SIZE + 1);
    }

    /** File length of a chunk with {@code blocks} blocks. */
    public static long fileLength(int headerSize, int blocks) {
        return blockOffset(headerSize, blocks);
    }

    /** A new file's header followed by an all-zero CRC table: 8192 bytes, as the real chunkserver creates it. */
    public static ByteBuffer newFileHead(long chunkId, int version) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + CRC_TABLE_SIZE);
        b.put(SIGNATURE_WRITTEN).putLong(chunkId).putInt(version);
        return b.clear();
    }

    /** The 4 bytes that hold the version inside the header. */
    public static final int VERSION_OFFSET = 16;
    /** Bytes of the header we read and validate. */
    public static final int HEADER_FIELDS_SIZE = 20;

    /** Parsed header fields (signature checked). */
    public record Header(long chunkId, int version) {
    }

    /**
     * Reads the first 20 bytes of a header.
     *
     * @throws ChunkFormatException when the signature is not {@code MFSC 1.0} or {@code MFSC 1.1}
     */
    public static Header decodeHeader(ByteBuffer first20) {
        if (first20.remaining() < HEADER_FIELDS_SIZE) {
            throw new ChunkFormatException("chunk header too short: " + first20.remaining() + " bytes");
        }
        for (int i = 0; i < SIGNATURE_PREFIX.length; i++) {
            if (first20.get(first20.position() + i) != SIGNATURE_PREFIX[i]) {
                throw new ChunkFormatException("chunk header has no MFSC signature");
            }
        }
        byte minor = first20.get(first20.position() + 7);
        if (minor != '0' && minor != '1') {
            throw new ChunkFormatException("unsupported chunk file version MFSC 1." + (char) minor);
        }
        return new Header(first20.getLong(first20.position() + 8), first20.getInt(first20.position() + 16));
    }

    /** CRC-32 (zlib) of {@code len} bytes. */
    public static int crc(byte[] data, int off, int len) {
        CRC32 c = new CRC32();
        c.update(data, off, len);
        return (int) c.getValue();
    }

    /** CRC-32 of {@code len} zero bytes. */
    public static int zeroCrc(int len) {
        if (len == BLOCK_SIZE) {
            return EMPTY_BLOCK_CRC;
        }
        return crc(new byte[len], 0, len);
    }
}
