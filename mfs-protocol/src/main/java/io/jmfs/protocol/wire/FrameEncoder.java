package io.jmfs.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes {@link Packet}s: an 8-byte header buffer followed by the payload itself (retained, not copied). The packet's
 * own reference is released by the base class after encoding.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToMessageEncoder<Packet> {
    public FrameEncoder() {
        super(Packet.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Packet msg, List<Object> out) {
        ByteBuf header = ctx.alloc().buffer(Packet.HEADER_SIZE);
        header.writeInt(msg.type());
        header.writeInt(msg.length());
        out.add(header);
        out.add(msg.content().retain());
    }
}
