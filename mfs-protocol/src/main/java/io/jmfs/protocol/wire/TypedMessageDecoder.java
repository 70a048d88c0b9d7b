package io.jmfs.protocol.wire;

import io.jmfs.protocol.codec.MalformedPacketException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@link Packet}s into typed messages with one of the {@code msg.*} decoders. A packet that does not decode
 * closes the connection with its reason logged, and nothing after it on that connection is decoded: a peer that
 * sends one malformed packet cannot be trusted to be in sync. Packets are released after decoding (messages copy
 * what they keep).
 *
 * @param <T> the message type the decoder produces
 */
public final class TypedMessageDecoder<T> extends MessageToMessageDecoder<Packet> {
    private static final Logger LOG = LoggerFactory.getLogger(TypedMessageDecoder.class);

    /** A payload decoder such as {@code ClientRequests::decode}. */
    @FunctionalInterface
    public interface PayloadDecoder<T> {
        T decode(int type, ByteBuf payload) throws MalformedPacketException;
    }

    private final PayloadDecoder<? extends T> decoder;
    private boolean failed;

    public TypedMessageDecoder(PayloadDecoder<? extends T> decoder) {
        super(Packet.class);
        this.decoder = decoder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Packet packet, List<Object> out) {
        if (failed) {
            return;
        }
        try {
            out.add(decoder.decode(packet.type(), packet.content()));
        } catch (MalformedPacketException e) {
            failed = true;
            LOG.warn("closing {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            ctx.close();
        }
    }
}
