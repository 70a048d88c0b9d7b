package io.jmfs.chunkserver.net.data;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.data.DataMessage;
import io.jmfs.protocol.msg.data.DataMessages;
import io.jmfs.protocol.wire.Packet;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the next chunkserver's WRITE_STATUS packets for a {@link WriteChain}. */
final class DownstreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(DownstreamHandler.class);

    private final WriteChain chain;

    DownstreamHandler(WriteChain chain) {
        this.chain = chain;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Packet packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (packet.type() == MessageType.ANTOAN_NOP.id()) {
                return;
            }
            DataMessage m = DataMessages.decode(packet.type(), packet.content());
            if (m instanceof DataMessage.WriteStatus s && s.chunkId() == chain.chunkId()) {
                chain.downstreamStatus(s.writeId(), s.status());
            } else {
                throw new MalformedPacketException(packet.type(), "unexpected answer in a write chain: " + m);
            }
        } catch (MalformedPacketException e) {
            log.warn("closing chain connection to {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            ctx.close();
        } finally {
            packet.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        chain.downstreamClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("chain connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
