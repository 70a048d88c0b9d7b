package io.jmfs.protocol.msg.data;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.Crc32;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.WireWriter;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Packets of the chunkserver data port 9422, both from clients (or a replicating chunkserver) and from the
 * chunkserver. Type ids are distinct per direction, so one decoder ({@link DataMessages#decode}) serves both ends.
 * NOP (type 0, length 0) is a common message. Data-carrying packets never cross a 64 KiB block boundary.
 */
public sealed interface DataMessage extends WireMessage {

    /** The protocol id byte 3.0.117 clients put in front of READ and WRITE. */
    int PROTOCOL_ID = 1;

    /**
     * CLTOCS_READ: {@code 01 chunkid:64 version:32 offset:32 size:32} (21 bytes, clients) or the same without the
     * leading {@code 01} (20 bytes, replication); offset/size are inside the chunk.
     */
    record Read(boolean withProtocolId, long chunkId, int version, int offset, int size) implements DataMessage {
        @Override
        public int type() {
            return MessageType.CLTOCS_READ.id();
        }

        @Override
        public void encode(ByteBuf out) {
            if (withProtocolId) {
                out.writeByte(PROTOCOL_ID);
            }
            out.writeLong(chunkId);
            out.writeInt(version);
            out.writeInt(offset);
            out.writeInt(size);
        }
    }

    /** CSTOCL_READ_STATUS: {@code chunkid:64 status:8}, ends every read (also on error). */
    record ReadStatus(long chunkId, MfsStatus status) implements DataMessage {
        @Override
        public int type() {
            return MessageType.CSTOCL_READ_STATUS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeByte(status.code());
        }
    }

    /**
     * CSTOCL_READ_DATA: {@code chunkid:64 blocknum:16 offset:16 size:32 crc:32 data[size]}; crc covers exactly the
     * data sent.
     */
    record ReadData(long chunkId, int block, int offset, int crc, ByteString data) implements DataMessage {
        public ReadData {
            requireInsideBlock(block, offset, data);
        }

        /** With the CRC computed from the data. */
        public static ReadData of(long chunkId, int block, int offset, ByteString data) {
            return new ReadData(chunkId, block, offset, Crc32.of(data.unsafeArray()), data);
        }

        public boolean crcMatches() {
            return Crc32.of(data.unsafeArray()) == crc;
        }

        @Override
        public int type() {
            return MessageType.CSTOCL_READ_DATA.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeShort(block);
            out.writeShort(offset);
            out.writeInt(data.length());
            out.writeInt(crc);
            WireWriter.bytes(out, data);
        }
    }

    /** One further chunkserver of a write chain: {@code ip:32 port:16}. */
    record ChainLink(int ip, int port) {
    }

    /**
     * CLTOCS_WRITE: {@code 01 chunkid:64 version:32 N*[ip:32 port:16]} (or without the {@code 01}); the list is the
     * rest of the chain after the receiver, which forwards the packet minus its own entry.
     */
    record Write(boolean withProtocolId, long chunkId, int version, List<ChainLink> chain) implements DataMessage {
        public Write {
            chain = List.copyOf(chain);
        }

        @Override
        public int type() {
            return MessageType.CLTOCS_WRITE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            if (withProtocolId) {
                out.writeByte(PROTOCOL_ID);
            }
            out.writeLong(chunkId);
            out.writeInt(version);
            for (ChainLink l : chain) {
                out.writeInt(l.ip());
                out.writeShort(l.port());
            }
        }
    }

    /** CSTOCL_WRITE_STATUS: {@code chunkid:64 writeid:32 status:8} (writeid 0 = the chain is open). */
    record WriteStatus(long chunkId, int writeId, MfsStatus status) implements DataMessage {
        @Override
        public int type() {
            return MessageType.CSTOCL_WRITE_STATUS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(writeId);
            out.writeByte(status.code());
        }
    }

    /** CLTOCS_WRITE_DATA: {@code chunkid:64 writeid:32 blocknum:16 offset:16 size:32 crc:32 data[size]}. */
    record WriteData(long chunkId, int writeId, int block, int offset, int crc, ByteString data)
            implements DataMessage {
        public WriteData {
            requireInsideBlock(block, offset, data);
        }

        /** With the CRC computed from the data. */
        public static WriteData of(long chunkId, int writeId, int block, int offset, ByteString data) {
            return new WriteData(chunkId, writeId, block, offset, Crc32.of(data.unsafeArray()), data);
        }

        public boolean crcMatches() {
            return Crc32.of(data.unsafeArray()) == crc;
        }

        @Override
        public int type() {
            return MessageType.CLTOCS_WRITE_DATA.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(writeId);
            out.writeShort(block);
            out.writeShort(offset);
            out.writeInt(data.length());
            out.writeInt(crc);
            WireWriter.bytes(out, data);
        }
    }

    /** CLTOCS_WRITE_FINISH: {@code chunkid:64 version:32}; no answer on success. */
    record WriteFinish(long chunkId, int version) implements DataMessage {
        @Override
        public int type() {
            return MessageType.CLTOCS_WRITE_FINISH.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(version);
        }
    }

    /** ANTOCS_GET_CHUNK_BLOCKS: {@code chunkid:64 version:32} (replication asks how many blocks a copy has). */
    record GetChunkBlocks(long chunkId, int version) implements DataMessage {
        @Override
        public int type() {
            return MessageType.ANTOCS_GET_CHUNK_BLOCKS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(version);
        }
    }

    /** CSTOAN_CHUNK_BLOCKS: {@code chunkid:64 version:32 blocks:16 status:8}. */
    record ChunkBlocks(long chunkId, int version, int blocks, MfsStatus status) implements DataMessage {
        @Override
        public int type() {
            return MessageType.CSTOAN_CHUNK_BLOCKS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(version);
            out.writeShort(blocks);
            out.writeByte(status.code());
        }
    }

    private static void requireInsideBlock(int block, int offset, ByteString data) {
        if (block < 0 || block >= ChunkGeometry.BLOCKS_PER_CHUNK || offset < 0
                || offset + data.length() > ChunkGeometry.BLOCK_SIZE) {
            throw new IllegalArgumentException("data of " + data.length() + " bytes at block " + block + " offset "
                    + offset + " is outside one 64 KiB block");
        }
    }
}
