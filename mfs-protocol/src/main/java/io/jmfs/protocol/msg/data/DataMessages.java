package io.jmfs.protocol.msg.data;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.codec.WireReader;
import io.jmfs.protocol.msg.data.DataMessage.*;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes 9422 packets. Sizes and block bounds are checked; data CRCs are not (a CRC mismatch is answered with a
 * status, not a closed connection; see {@code crcMatches()}). The payload's reader index is advanced; the buffer is
 * not released.
 */
public final class DataMessages {
    private static final int READ_SIZE = 20;
    private static final int WRITE_HEADER = 12;
    private static final int LINK_SIZE = 6;
    /** READ_DATA's fixed fields: chunkid:64 blocknum:16 offset:16 size:32 crc:32. */
    private static final int READ_DATA_HEAD = 20;

    private DataMessages() {
    }

    public static DataMessage decode(int type, ByteBuf payload) throws MalformedPacketException {
        WireReader r = new WireReader(type, payload);
        MessageType t = MessageType.of(type).orElseThrow(() -> r.malformed("unknown data-port packet"));
        DataMessage m = switch (t) {
            case CLTOCS_READ -> read(r);
            case CSTOCL_READ_STATUS -> new ReadStatus(r.u64("chunkid"), r.status());
            case CSTOCL_READ_DATA -> {
                long chunkId = r.u64("chunkid");
                int block = r.u16("blocknum");
                int offset = r.u16("offset");
                int size = r.u32("size");
                int crc = r.u32("crc");
                yield new ReadData(chunkId, block, offset, crc, data(r, block, offset, size));
            }
            case CLTOCS_WRITE -> write(r);
            case CSTOCL_WRITE_STATUS -> new WriteStatus(r.u64("chunkid"), r.u32("writeid"), r.status());
            case CLTOCS_WRITE_DATA -> {
                long chunkId = r.u64("chunkid");
                int writeId = r.u32("writeid");
                int block = r.u16("blocknum");
                int offset = r.u16("offset");
                int size = r.u32("size");
                int crc = r.u32("crc");
                yield new WriteData(chunkId, writeId, block, offset, crc, data(r, block, offset, size));
            }
            case CLTOCS_WRITE_FINISH -> new WriteFinish(r.u64("chunkid"), r.u32("version"));
            case ANTOCS_GET_CHUNK_BLOCKS -> new GetChunkBlocks(r.u64("chunkid"), r.u32("version"));
            case CSTOAN_CHUNK_BLOCKS -> new ChunkBlocks(r.u64("chunkid"), r.u32("version"), r.u16("blocks"),
                    r.status());
            default -> throw r.malformed("not a data-port packet this decoder knows");
        };
        r.end();
        return m;
    }

    /** The fixed fields of a CLTOCS_WRITE_DATA; its {@code size} data bytes follow them in the payload. */
    public record WriteDataHead(long chunkId, int writeId, int block, int offset, int size, int crc) {
        /** Bytes of the fixed fields in front of the data. */
        public static final int SIZE = 24;
    }

    /**
     * Decodes the fixed fields of a CLTOCS_WRITE_DATA payload with the same checks as {@link #decode}, without
     * copying the data: on return the payload's reader index is at the first data byte and exactly {@code size}
     * bytes remain. For data paths that write or forward the bytes straight from the receive buffer.
     */
    public static WriteDataHead writeDataHead(ByteBuf payload) throws MalformedPacketException {
        WireReader r = new WireReader(MessageType.CLTOCS_WRITE_DATA.id(), payload);
        long chunkId = r.u64("chunkid");
        int writeId = r.u32("writeid");
        int block = r.u16("blocknum");
        int offset = r.u16("offset");
        int size = r.u32("size");
        int crc = r.u32("crc");
        checkData(r, block, offset, size);
        return new WriteDataHead(chunkId, writeId, block, offset, size, crc);
    }

    /**
     * Writes the frame header and fixed fields of a CSTOCL_READ_DATA whose {@code size} data bytes the caller sends
     * right after (from its own buffer, without a copy). Together they are the same bytes as
     * {@link DataMessage.ReadData}'s frame.
     */
    public static void readDataHead(ByteBuf out, long chunkId, int block, int offset, int size, int crc) {
        if (block < 0 || block >= ChunkGeometry.BLOCKS_PER_CHUNK || offset < 0 || size < 0
                || offset + size > ChunkGeometry.BLOCK_SIZE) {
            throw new IllegalArgumentException("data of " + size + " bytes at block " + block + " offset " + offset
                    + " is outside one 64 KiB block");
        }
        out.writeInt(MessageType.CSTOCL_READ_DATA.id());
        out.writeInt(READ_DATA_HEAD + size);
        out.writeLong(chunkId);
        out.writeShort(block);
        out.writeShort(offset);
        out.writeInt(size);
        out.writeInt(crc);
    }

    private static DataMessage read(WireReader r) throws MalformedPacketException {
        boolean withProtocolId = r.remaining() == READ_SIZE + 1;
        if (!withProtocolId && r.remaining() != READ_SIZE) {
            throw r.malformed("READ must be 20 or 21 bytes");
        }
        if (withProtocolId) {
            protocolId(r);
        }
        return new Read(withProtocolId, r.u64("chunkid"), r.u32("version"), r.u32("offset"), r.u32("size"));
    }

    private static DataMessage write(WireReader r) throws MalformedPacketException {
        boolean withProtocolId = (r.remaining() - WRITE_HEADER - 1) % LINK_SIZE == 0
                && r.remaining() >= WRITE_HEADER + 1;
        if (!withProtocolId && ((r.remaining() - WRITE_HEADER) % LINK_SIZE != 0 || r.remaining() < WRITE_HEADER)) {
            throw r.malformed("WRITE size fits no [01] chunkid version N*[ip port] form");
        }
        if (withProtocolId) {
            protocolId(r);
        }
        long chunkId = r.u64("chunkid");
        int version = r.u32("version");
        List<ChainLink> chain = new ArrayList<>();
        while (r.remaining() > 0) {
            chain.add(new ChainLink(r.u32("chain ip"), r.u16("chain port")));
        }
        return new Write(withProtocolId, chunkId, version, chain);
    }

    private static void protocolId(WireReader r) throws MalformedPacketException {
        int protocol = r.u8("protocol id");
        if (protocol != DataMessage.PROTOCOL_ID) {
            throw r.malformed("protocol id " + protocol + " is not 1");
        }
    }

    private static ByteString data(WireReader r, int block, int offset, int size) throws MalformedPacketException {
        checkData(r, block, offset, size);
        return r.byteString(size, "data");
    }

    private static void checkData(WireReader r, int block, int offset, int size) throws MalformedPacketException {
        if (size != r.remaining()) {
            throw r.malformed("size field " + Integer.toUnsignedString(size) + " does not match " + r.remaining()
                    + " data bytes");
        }
        if (block >= ChunkGeometry.BLOCKS_PER_CHUNK || offset + size > ChunkGeometry.BLOCK_SIZE) {
            throw r.malformed("block " + block + " offset " + offset + " size " + size + " leaves the 64 KiB block");
        }
    }
}
