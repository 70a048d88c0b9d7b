package io.jmfs.protocol.msg.client;

import static io.jmfs.protocol.msg.client.ReplyTypes.requireType;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.AttrCodec;
import io.jmfs.protocol.codec.WireWriter;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Answers to {@link ChunkRequest}s (chunk locations, truncate) and the unsolicited notices (msgid 0) that a file's
 * chunks or length changed or that cached chunk locations are stale. Named apart from its {@link ChunkReply} record.
 */
public sealed interface ChunkOpReply extends MasterReply {

    /**
     * Where a chunk's copies are, as READ_CHUNK/WRITE_CHUNK answers and LOOKUP's chunk-0 data carry them:
     * {@code protocolid:8(=2) ... chunkid:64 version:32 N*CSLOC}.
     */
    record ChunkData(long chunkId, int version, List<ChunkLocation> locations) {
        public static final int PROTOCOL_ID = 2;

        public ChunkData {
            locations = List.copyOf(locations);
        }
    }

    /**
     * {@code msgid:32 02 flen:64 chunkid:64 version:32 N*CSLOC}: the answer to READ_CHUNK (433; chunkid 0 and no
     * locations for a hole) and WRITE_CHUNK (435; the first location heads the write chain).
     */
    record ChunkReply(int type, int msgid, long fileLength, ChunkData chunk) implements ChunkOpReply {
        static final Set<MessageType> TYPES = Set.of(MessageType.MATOCL_FUSE_READ_CHUNK,
                MessageType.MATOCL_FUSE_WRITE_CHUNK);

        public ChunkReply {
            requireType(type, TYPES);
            Objects.requireNonNull(chunk);
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(ChunkData.PROTOCOL_ID);
            out.writeLong(fileLength);
            out.writeLong(chunk.chunkId());
            out.writeInt(chunk.version());
            WireWriter.chunkLocations(out, chunk.locations());
        }
    }

    /** {@code msgid:32 prevsize:64 ATTR} (clients from 3.0.113). */
    record Truncate(int msgid, long previousLength, Attr attr) implements ChunkOpReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_TRUNCATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(previousLength);
            AttrCodec.write(out, attr);
        }
    }

    /**
     * {@code 0:32 inode:32 indx:32 chunkid:64 version:32 flen:64 truncflag:8} (702, msgid 0): another session changed
     * a chunk of a file this one has open.
     */
    record ChunkHasChanged(int inode, int index, long chunkId, int version, long fileLength, int truncFlag)
            implements ChunkOpReply {
        @Override
        public int msgid() {
            return 0;
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_CHUNK_HAS_CHANGED.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(0);
            out.writeInt(inode);
            out.writeInt(index);
            out.writeLong(chunkId);
            out.writeInt(version);
            out.writeLong(fileLength);
            out.writeByte(truncFlag);
        }
    }

    /** {@code 0:32 inode:32 flen:64} (703, msgid 0): a file's length changed. */
    record FlengHasChanged(int inode, long fileLength) implements ChunkOpReply {
        @Override
        public int msgid() {
            return 0;
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_FLENG_HAS_CHANGED.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(0);
            out.writeInt(inode);
            out.writeLong(fileLength);
        }
    }

    /** {@code 0:32} (706, msgid 0): drop every cached chunk location. */
    record InvalidateChunkCache() implements ChunkOpReply {
        @Override
        public int msgid() {
            return 0;
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_INVALIDATE_CHUNK_CACHE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(0);
        }
    }
}
