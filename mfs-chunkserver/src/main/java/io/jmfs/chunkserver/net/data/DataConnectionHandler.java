package io.jmfs.chunkserver.net.data;

import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.common.CommonMessage;
import io.jmfs.protocol.msg.data.DataMessage;
import io.jmfs.protocol.msg.data.DataMessages;
import io.jmfs.protocol.wire.Packet;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalInt;

/**
 * One 9422 connection: decodes each packet and hands it to the read streamer, the write chain or the small
 * queries. A connection serves one read or one write at a time and returns to idle afterwards (clients reuse it).
 */
final class DataConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(DataConnectionHandler.class);
    private static final ByteString VERSION_TEXT = ByteString.utf8("3.0.117-1");

    private final ChunkStorage storage;
    private ChunkReader reader;
    private WriteChain write;

    DataConnectionHandler(ChunkStorage storage) {
        this.storage = storage;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        reader = new ChunkReader(ctx, storage);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Packet packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            handle(ctx, packet);
        } catch (MalformedPacketException e) {
            log.warn("closing data connection from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            ctx.close();
        } finally {
            packet.release();
        }
    }

    private void handle(ChannelHandlerContext ctx, Packet packet) throws MalformedPacketException {
        int type = packet.type();
        // NOPs are keep-alives and are not answered. Answering a writing client's NOP with a NOP (as the protocol
        // map says MooseFS does) made the real client fail multi-chunk writes with EIO in our benchmark
        // (4 processes x 256 MiB; docs/benchmarks.md), so it stays off until that is understood.
        if (type == MessageType.ANTOAN_NOP.id() || type == MessageType.ANTOAN_UNKNOWN_COMMAND.id()
                || type == MessageType.ANTOAN_BAD_COMMAND_SIZE.id()) {
            return;
        }
        if (type == MessageType.ANTOAN_GET_VERSION.id()) {
            ctx.writeAndFlush(new CommonMessage.Version(OptionalInt.empty(), ProtocolVersion.V3_0_117.encode(),
                    VERSION_TEXT));
            return;
        }
        if (type == MessageType.CLTOCS_HDD_LIST.id()) {
            HddList.answer(ctx, storage);
            return;
        }
        DataMessage m = DataMessages.decode(type, packet.content());
        switch (m) {
            case DataMessage.Read r -> reader.read(r);
            case DataMessage.GetChunkBlocks g -> storage.blocks(g.chunkId(), g.version()).whenComplete((res, err) -> {
                MfsStatus status = err != null ? MfsStatus.IO : res.status();
                int blocks = err != null || !status.isOk() ? 0 : res.blocks();
                ctx.writeAndFlush(new DataMessage.ChunkBlocks(g.chunkId(), g.version(), blocks, status));
            });
            case DataMessage.Write w -> startWrite(ctx, w);
            case DataMessage.WriteData d -> {
                if (write == null || write.chunkId() != d.chunkId()) {
                    log.warn("{}: WRITE_DATA for chunk {} without an open write", ctx.channel().remoteAddress(),
                            Long.toHexString(d.chunkId()));
                    ctx.writeAndFlush(new DataMessage.WriteStatus(d.chunkId(), d.writeId(), MfsStatus.NOTOPENED));
                } else {
                    write.data(d);
                }
            }
            case DataMessage.WriteFinish f -> {
                if (write != null && write.chunkId() == f.chunkId()) {
                    write.finish();
                    write = null;
                }
            }
            default -> throw new MalformedPacketException(type, "a chunkserver does not accept "
                    + MessageType.nameOf(type) + " on its data port");
        }
    }

    private void startWrite(ChannelHandlerContext ctx, DataMessage.Write w) {
        if (write != null) {
            // a new WRITE on the same connection abandons the previous session (the client gave up on it)
            write.abort();
        }
        write = new WriteChain(ctx, storage, w);
        write.open();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (write == null && !reader.busy()) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (write != null) {
            write.abort();
            write = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("data connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
