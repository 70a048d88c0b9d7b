package io.jmfs.chunkserver.net.master;

import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.wire.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

/**
 * ANTOCS_GET_CHUNK_CHECKSUM {@code chunkid:64 version:32}: the 3.0.117 master never sends it, but a chunkserver
 * answers CSTOAN_CHUNK_CHECKSUM {@code chunkid:64 version:32 checksum:32}, or {@code chunkid:64 version:32 status:8}.
 */
final class ChecksumAnswer {
    private ChecksumAnswer() {
    }

    static void answer(ChannelHandlerContext ctx, ChunkStorage storage, int type, ByteBuf payload)
            throws MalformedPacketException {
        if (payload.readableBytes() != 12) {
            throw new MalformedPacketException(type, "GET_CHUNK_CHECKSUM must be 12 bytes");
        }
        long chunkId = payload.readLong();
        int version = payload.readInt();
        storage.checksum(chunkId, version).whenComplete((res, err) -> {
            ByteBuf out = Unpooled.buffer(16);
            out.writeLong(chunkId);
            out.writeInt(version);
            if (err == null && res.status().isOk()) {
                out.writeInt(res.checksum());
            } else {
                out.writeByte(err == null ? res.status().code() : MfsStatus.IO.code());
            }
            ctx.writeAndFlush(new Packet(MessageType.CSTOAN_CHUNK_CHECKSUM.id(), out));
        });
    }
}
