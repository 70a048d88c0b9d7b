package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.WireWriter;
import io.netty.buffer.ByteBuf;

/** Requests about a file's data: where its chunks are (read/write), ending a write, and changing its length. */
public sealed interface ChunkRequest extends ClientRequest {

    /** {@code msgid:32 inode:32 indx:32 chunkopflags:8}. */
    record ReadChunk(int msgid, int inode, int index, int chunkOpFlags) implements ChunkRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_READ_CHUNK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(index);
            out.writeByte(chunkOpFlags);
        }
    }

    /**
     * {@code msgid:32 inode:32 indx:32 chunkopflags:8}; chunkopflags 0x01 CANMODTIME, 0x02 CONTINUEOP,
     * 0x04 CANUSERESERVESPACE.
     */
    record WriteChunk(int msgid, int inode, int index, int chunkOpFlags) implements ChunkRequest {
        public static final int CANMODTIME = 0x01;
        public static final int CONTINUEOP = 0x02;
        public static final int CANUSERESERVESPACE = 0x04;

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_WRITE_CHUNK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(index);
            out.writeByte(chunkOpFlags);
        }
    }

    /** {@code msgid:32 chunkid:64 inode:32 indx:32 flen:64 chunkopflags:8}. */
    record WriteChunkEnd(int msgid, long chunkId, int inode, int index, long fileLength, int chunkOpFlags)
            implements ChunkRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_WRITE_CHUNK_END.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(chunkId);
            out.writeInt(inode);
            out.writeInt(index);
            out.writeLong(fileLength);
            out.writeByte(chunkOpFlags);
        }
    }

    /**
     * {@code msgid:32 inode:32 flags:8 uid:32 GIDS length:64}; flags 0x01 OPENED, 0x02 UPDATE, 0x04 TIMEFIX,
     * 0x08 RESERVE (append: length is the number of bytes to add).
     */
    record Truncate(int msgid, int inode, int flags, int uid, Gids gids, long length) implements ChunkRequest {
        public static final int OPENED = 0x01;
        public static final int UPDATE = 0x02;
        public static final int TIMEFIX = 0x04;
        public static final int RESERVE = 0x08;

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_TRUNCATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(flags);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
            out.writeLong(length);
        }
    }
}
