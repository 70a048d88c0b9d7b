package io.jmfs.chunkserver.replication;

import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.data.DataMessage;
import io.jmfs.protocol.msg.data.DataMessages;
import io.jmfs.protocol.wire.Packet;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.CompletableFuture;

/**
 * The conversation with the source chunkserver: GET_CHUNK_BLOCKS, then one 20-byte READ of all blocks; each
 * READ_DATA is CRC-checked by the local write (storage refuses a mismatching CRC). Completes with OK only when the
 * source ended with READ_STATUS OK and every local write succeeded.
 */
final class SourceSession extends ChannelInboundHandlerAdapter {
    private final ChunkStorage storage;
    private final long chunkId;
    private final int version;
    private final CompletableFuture<MfsStatus> result = new CompletableFuture<>();
    /** The chain of local writes, in arrival order; holds the first failure. */
    private CompletableFuture<MfsStatus> writes = CompletableFuture.completedFuture(MfsStatus.OK);
    private boolean ended;

    SourceSession(ChunkStorage storage, long chunkId, int version) {
        this.storage = storage;
        this.chunkId = chunkId;
        this.version = version;
    }

    CompletableFuture<MfsStatus> result() {
        return result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new DataMessage.GetChunkBlocks(chunkId, version));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Packet packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (packet.type() != MessageType.ANTOAN_NOP.id()) {
                handle(ctx, DataMessages.decode(packet.type(), packet.content()));
            }
        } catch (MalformedPacketException e) {
            end(ctx, MfsStatus.DISCONNECTED);
        } finally {
            packet.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, DataMessage m) {
        switch (m) {
            case DataMessage.ChunkBlocks b when b.chunkId() == chunkId -> {
                if (!b.status().isOk()) {
                    end(ctx, b.status());
                } else if (b.blocks() == 0) {
                    end(ctx, MfsStatus.OK);
                } else {
                    ctx.writeAndFlush(new DataMessage.Read(false, chunkId, version, 0, Replicator.readSize(b.blocks())));
                }
            }
            case DataMessage.ReadData d when d.chunkId() == chunkId -> {
                byte[] data = d.data().unsafeArray();
                CompletableFuture<MfsStatus> write = storage.write(chunkId, 0, d.block(), d.offset(), data, d.crc());
                writes = writes.thenCombine(write, (a, b) -> a.isOk() ? b : a);
            }
            case DataMessage.ReadStatus s when s.chunkId() == chunkId -> end(ctx, s.status());
            default -> end(ctx, MfsStatus.DISCONNECTED);
        }
    }

    private void end(ChannelHandlerContext ctx, MfsStatus sourceStatus) {
        if (ended) {
            return;
        }
        ended = true;
        ctx.close();
        if (!sourceStatus.isOk()) {
            result.complete(sourceStatus);
            return;
        }
        writes.whenComplete((status, err) -> result.complete(err != null ? MfsStatus.IO : status));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ended) {
            ended = true;
            result.complete(MfsStatus.DISCONNECTED);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end(ctx, MfsStatus.DISCONNECTED);
    }
}
