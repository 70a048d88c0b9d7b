package io.jmfs.protocol.msg.chunkserver;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.WireWriter;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Packets a chunkserver sends to the master on port 9420 (3.0.117 formats). Grammar after the 8-byte header is in
 * each record's javadoc. Decoding is {@link ChunkserverMessages#decodeFromChunkserver}.
 */
public sealed interface ChunkserverToMaster extends WireMessage {

    int RVER_BEGIN = 60;
    int RVER_CHUNKS = 61;
    int RVER_END = 62;
    int RVER_DISCONNECT = 63;

    /**
     * CSTOMA_REGISTER rver 60: {@code 3c [passcode:16B] version:32 myip:32 myport:16 timeout:16 csid:16 used:64
     * total:64 chunks:32 tdused:64 tdtotal:64 tdchunks:32} (55 bytes, 71 with the AUTH_CODE digest). myip 0 asks the
     * master to use the connection's peer address; csid 0 means "not yet assigned".
     */
    record RegisterBegin(Optional<ByteString> passcode, int version, int ip, int port, int timeout, int csId,
                         long usedSpace, long totalSpace, int chunkCount, long toDeleteUsedSpace,
                         long toDeleteTotalSpace, int toDeleteChunkCount) implements ChunkserverToMaster {
        public RegisterBegin {
            if (passcode.isPresent() && passcode.get().length() != 16) {
                throw new IllegalArgumentException("passcode digest must be 16 bytes");
            }
        }

        @Override
        public int type() {
            return MessageType.CSTOMA_REGISTER.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(RVER_BEGIN);
            passcode.ifPresent(p -> WireWriter.bytes(out, p));
            out.writeInt(version);
            out.writeInt(ip);
            out.writeShort(port);
            out.writeShort(timeout);
            out.writeShort(csId);
            out.writeLong(usedSpace);
            out.writeLong(totalSpace);
            out.writeInt(chunkCount);
            out.writeLong(toDeleteUsedSpace);
            out.writeLong(toDeleteTotalSpace);
            out.writeInt(toDeleteChunkCount);
        }
    }

    /** CSTOMA_REGISTER rver 61: {@code 3d N*[chunkid:64 version:32]}, one batch of the chunk list. */
    record RegisterChunks(List<ChunkVersion> chunks) implements ChunkserverToMaster {
        public RegisterChunks {
            chunks = List.copyOf(chunks);
        }

        @Override
        public int type() {
            return MessageType.CSTOMA_REGISTER.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(RVER_CHUNKS);
            ChunkserverMessages.writeChunkVersions(out, chunks);
        }
    }

    /** CSTOMA_REGISTER rver 62: {@code 3e}, the chunk list is complete. */
    record RegisterEnd() implements ChunkserverToMaster {
        @Override
        public int type() {
            return MessageType.CSTOMA_REGISTER.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(RVER_END);
        }
    }

    /** CSTOMA_REGISTER rver 63: {@code 3f}, graceful stop. */
    record RegisterDisconnect() implements ChunkserverToMaster {
        @Override
        public int type() {
            return MessageType.CSTOMA_REGISTER.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeByte(RVER_DISCONNECT);
        }
    }

    /** CSTOMA_SPACE: {@code used:64 total:64 chunks:32 tdused:64 tdtotal:64 tdchunks:32} (40 bytes). */
    record Space(long usedSpace, long totalSpace, int chunkCount, long toDeleteUsedSpace, long toDeleteTotalSpace,
                 int toDeleteChunkCount) implements ChunkserverToMaster {
        @Override
        public int type() {
            return MessageType.CSTOMA_SPACE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(usedSpace);
            out.writeLong(totalSpace);
            out.writeInt(chunkCount);
            out.writeLong(toDeleteUsedSpace);
            out.writeLong(toDeleteTotalSpace);
            out.writeInt(toDeleteChunkCount);
        }
    }

    /** CSTOMA_CURRENT_LOAD: {@code load:32 hlstatus:8} (hlstatus 1 OK, 2 overloaded, 3 rebalance). */
    record CurrentLoad(int load, int hlStatus) implements ChunkserverToMaster {
        @Override
        public int type() {
            return MessageType.CSTOMA_CURRENT_LOAD.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(load);
            out.writeByte(hlStatus);
        }
    }

    /** CSTOMA_LABELS: {@code labelmask:32} (bit n = label 'A'+n). */
    record Labels(int labelMask) implements ChunkserverToMaster {
        @Override
        public int type() {
            return MessageType.CSTOMA_LABELS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(labelMask);
        }
    }

    /** CSTOMA_CHUNK_DAMAGED (102) or CSTOMA_CHUNK_LOST (105): {@code N*[chunkid:64]}. */
    record ChunkIds(int type, List<Long> chunkIds) implements ChunkserverToMaster {
        public ChunkIds {
            chunkIds = List.copyOf(chunkIds);
            if (type != MessageType.CSTOMA_CHUNK_DAMAGED.id() && type != MessageType.CSTOMA_CHUNK_LOST.id()) {
                throw new IllegalArgumentException(MessageType.nameOf(type) + " is not a chunk id list");
            }
        }

        @Override
        public void encode(ByteBuf out) {
            chunkIds.forEach(out::writeLong);
        }
    }

    /** CSTOMA_CHUNK_NEW: {@code N*[chunkid:64 version:32]}, copies found after registration. */
    record ChunkNew(List<ChunkVersion> chunks) implements ChunkserverToMaster {
        public ChunkNew {
            chunks = List.copyOf(chunks);
        }

        @Override
        public int type() {
            return MessageType.CSTOMA_CHUNK_NEW.id();
        }

        @Override
        public void encode(ByteBuf out) {
            ChunkserverMessages.writeChunkVersions(out, chunks);
        }
    }

    /** CSTOMA_ERROR_OCCURRED: {@code -}. */
    record ErrorOccurred() implements ChunkserverToMaster {
        @Override
        public int type() {
            return MessageType.CSTOMA_ERROR_OCCURRED.id();
        }

        @Override
        public void encode(ByteBuf out) {
        }
    }

    /**
     * {@code chunkid:64 status:8}: the answer to CREATE (111), DELETE (121), DUPLICATE (131, the new chunk id),
     * SET_VERSION (141), TRUNCATE (161) and DUPTRUNC (171).
     */
    record ChunkStatus(int type, long chunkId, MfsStatus status) implements ChunkserverToMaster {
        static final Set<MessageType> TYPES = Set.of(MessageType.CSTOMA_CREATE, MessageType.CSTOMA_DELETE,
                MessageType.CSTOMA_DUPLICATE, MessageType.CSTOMA_SET_VERSION, MessageType.CSTOMA_TRUNCATE,
                MessageType.CSTOMA_DUPTRUNC);

        public ChunkStatus {
            if (TYPES.stream().noneMatch(t -> t.id() == type)) {
                throw new IllegalArgumentException(MessageType.nameOf(type) + " is not a chunk status answer");
            }
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeByte(status.code());
        }
    }

    /** CSTOMA_REPLICATE: {@code chunkid:64 version:32 status:8}. */
    record ReplicateStatus(long chunkId, int version, MfsStatus status) implements ChunkserverToMaster {
        @Override
        public int type() {
            return MessageType.CSTOMA_REPLICATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeLong(chunkId);
            out.writeInt(version);
            out.writeByte(status.code());
        }
    }
}
