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
    private static final long NOP_ANSWER_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);

    private final ChunkStorage storage;
    private ChunkReader reader;
    private WriteChain write;
    private long lastNopAnswerNanos = System.nanoTime() - NOP_ANSWER_INTERVAL_NANOS;

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
        if (type == MessageType.ANTOAN_NOP.id()) {
            nop(ctx);
            return;
        }
        if (type == MessageType.ANTOAN_UNKNOWN_COMMAND.id() || type == MessageType.ANTOAN_BAD_COMMAND_SIZE.id()) {
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
        if (type == MessageType.CLTOCS_WRITE_DATA.id()) {
            writeData(ctx, packet);
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

    /**
     * A writing client sends a NOP after a second without sending anything, and drops the session (then retries)
     * after two seconds without receiving anything: during a write, MooseFS's chunkserver answers NOPs (at most every
     * half second, even while its disk is busy) and passes them down the chain, and so do we. Outside a write a NOP
     * is a keep-alive without answer.
     */
    private void nop(ChannelHandlerContext ctx) {
        if (write == null) {
            return;
        }
        write.nop();
        long now = System.nanoTime();
        if (now - lastNopAnswerNanos >= NOP_ANSWER_INTERVAL_NANOS) {
            lastNopAnswerNanos = now;
            ctx.writeAndFlush(new CommonMessage.Nop());
        }
    }

    /** WRITE_DATA stays in its receive buffer: only the fixed fields are decoded (the data path's hot spot). */
    private void writeData(ChannelHandlerContext ctx, Packet packet) throws MalformedPacketException {
        DataMessages.WriteDataHead head = DataMessages.writeDataHead(packet.content().duplicate());
        if (write == null || write.chunkId() != head.chunkId()) {
            log.warn("{}: WRITE_DATA for chunk {} without an open write", ctx.channel().remoteAddress(),
                    Long.toHexString(head.chunkId()));
            ctx.writeAndFlush(new DataMessage.WriteStatus(head.chunkId(), head.writeId(), MfsStatus.NOTOPENED));
        } else {
            write.data(new BlockWrite(head, packet));
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
