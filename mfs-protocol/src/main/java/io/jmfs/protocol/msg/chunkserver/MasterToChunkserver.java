package io.jmfs.protocol.msg.chunkserver;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.WireWriter;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;

/**
 * Packets the master sends to a chunkserver on port 9420 (3.0.117 formats). Decoding is
 * {@link ChunkserverMessages#decodeFromMaster}. Note that DUPLICATE and DUPTRUNC carry the new chunk first, and
 * DELETE uses version 0 as "any version".
 */
public sealed interface MasterToChunkserver extends WireMessage {

    int ACK_PLAIN = 0;
    int ACK_AUTH_CHALLENGE = 3;

    /** MATOCS_MASTER_ACK, 17 bytes: {@code 00 version:32 timeout:16 csid:16 metaid:64}, registration accepted. */
    record MasterAck(int version, int timeout, int csId, long metaId) implements MasterToChunkserver {
        @Override
        public int type() {
            return MessageType.MATOCS_MASTER_ACK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(ACK_PLAIN);
            out.writeInt(version);
            out.writeShort(timeout);
            out.writeShort(csId);
            out.writeLong(metaId);
        }
    }

    /** MATOCS_MASTER_ACK, 1 byte {@code 00}: one batch of the registration chunk list was taken. */
    record ChunkBatchAck() implements MasterToChunkserver {
        @Override
        public int type() {
            return MessageType.MATOCS_MASTER_ACK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(ACK_PLAIN);
        }
    }

    /** MATOCS_MASTER_ACK, 33 bytes: {@code 03 random:32B}, the master wants an AUTH_CODE digest. */
    record AuthChallenge(ByteString random) implements MasterToChunkserver {
        public AuthChallenge {
            if (random.length() != 32) {
                throw new IllegalArgumentException("auth challenge must be 32 bytes");
            }
        }

        @Override
        public int type() {
            return MessageType.MATOCS_MASTER_ACK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(ACK_AUTH_CHALLENGE);
            WireWriter.bytes(out, random);
        }
    }

    /** MATOCS_CREATE: {@code chunkid:64 version:32}. */
    record Create(long chunkId, int version) implements MasterToChunkserver {
        @Override
        public int type() {
            return MessageType.MATOCS_CREATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(version);
        }
    }

    /** MATOCS_DELETE: {@code chunkid:64 version:32} (version 0 = whatever version the copy has). */
    record Delete(long chunkId, int version) implements MasterToChunkserver {
        @Override
        public int type() {
            return MessageType.MATOCS_DELETE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(version);
        }
    }

    /** MATOCS_DUPLICATE: {@code newchunkid:64 newversion:32 oldchunkid:64 oldversion:32} (copy-on-write). */
    record Duplicate(long newChunkId, int newVersion, long oldChunkId, int oldVersion) implements MasterToChunkserver {
        @Override
        public int type() {
            return MessageType.MATOCS_DUPLICATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(newChunkId);
            out.writeInt(newVersion);
            out.writeLong(oldChunkId);
            out.writeInt(oldVersion);
        }
    }

    /** MATOCS_SET_VERSION: {@code chunkid:64 newversion:32 oldversion:32}. */
    record SetVersion(long chunkId, int newVersion, int oldVersion) implements MasterToChunkserver {
        @Override
        public int type() {
            return MessageType.MATOCS_SET_VERSION.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(newVersion);
            out.writeInt(oldVersion);
        }
    }

    /** MATOCS_REPLICATE: {@code chunkid:64 version:32 srcip:32 srcport:16}, fetch a copy from another server. */
    record Replicate(long chunkId, int version, int sourceIp, int sourcePort) implements MasterToChunkserver {
        @Override
        public int type() {
            return MessageType.MATOCS_REPLICATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(version);
            out.writeInt(sourceIp);
            out.writeShort(sourcePort);
        }
    }

    /** MATOCS_TRUNCATE: {@code chunkid:64 length:32 newversion:32 oldversion:32} (length inside the chunk). */
    record Truncate(long chunkId, int length, int newVersion, int oldVersion) implements MasterToChunkserver {
        @Override
        public int type() {
            return MessageType.MATOCS_TRUNCATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(length);
            out.writeInt(newVersion);
            out.writeInt(oldVersion);
        }
    }

    /** MATOCS_DUPTRUNC: {@code newchunkid:64 newversion:32 oldchunkid:64 oldversion:32 length:32}. */
    record DupTrunc(long newChunkId, int newVersion, long oldChunkId, int oldVersion, int length)
            implements MasterToChunkserver {
        @Override
        public int type() {
            return MessageType.MATOCS_DUPTRUNC.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(newChunkId);
            out.writeInt(newVersion);
            out.writeLong(oldChunkId);
            out.writeInt(oldVersion);
            out.writeInt(length);
        }
    }
}
