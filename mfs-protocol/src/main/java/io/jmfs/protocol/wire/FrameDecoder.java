package io.jmfs.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a MooseFS byte stream into {@link Packet}s. The header is checked before any payload is awaited: a length
 * above the link's limit fails with {@link OversizedFrameException}, the connection is closed and the reason logged,
 * and the rest of the input is discarded, so no oversized buffer is ever allocated. Payloads are retained slices of
 * the cumulation buffer (no copy); each emitted packet owns one reference.
 *
 * <p>The exception still travels down the pipeline after the close so that a daemon can count or report it.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDecoder.class);

    private final PeerLink link;
    private boolean failed;

    public FrameDecoder(PeerLink link) {
        this.link = link;
    }

    public PeerLink link() {
        return link;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= Packet.HEADER_SIZE) {
            int start = in.readerIndex();
            int type = in.getInt(start);
            long length = in.getUnsignedInt(start + 4);
            if (length > link.maxPayload()) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new OversizedFrameException(type, length, link);
            }
            if (in.readableBytes() < Packet.HEADER_SIZE + length) {
                return;
            }
            in.skipBytes(Packet.HEADER_SIZE);
            out.add(new Packet(type, in.readRetainedSlice((int) length)));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        FrameException frameError = frameException(cause);
        if (frameError != null) {
            LOG.warn("closing {}: {}", ctx.channel().remoteAddress(), frameError.getMessage());
            ctx.close();
            ctx.fireExceptionCaught(frameError);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private static FrameException frameException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FrameException f) {
                return f;
            }
        }
        return null;
    }
}
