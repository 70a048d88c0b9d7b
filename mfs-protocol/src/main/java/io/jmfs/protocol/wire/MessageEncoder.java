package io.jmfs.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a {@link WireMessage} as one frame: header, then payload, with the length filled in afterwards. */
@ChannelHandler.Sharable
public final class MessageEncoder extends MessageToByteEncoder<WireMessage> {
    public MessageEncoder() {
        super(WireMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, WireMessage msg, ByteBuf out) {
        writeFrame(msg, out);
    }

    /** Appends {@code msg} as a complete frame to {@code out}. */
    public static void writeFrame(WireMessage msg, ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(msg.type());
        out.writeInt(0);
        msg.encode(out);
        out.setInt(start + 4, out.writerIndex() - start - Packet.HEADER_SIZE);
    }
}
