package io.jmfs.protocol.testing;

import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Helpers for tests that compare encoded payloads as byte arrays. */
public final class Encoded {
    private Encoded() {
    }

    /** The payload {@code m} encodes to. */
    public static byte[] payload(WireMessage m) {
        ByteBuf b = Unpooled.buffer();
        try {
            m.encode(b);
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /** A decoder of one payload; the helper owns and releases the buffer it passes. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(int type, ByteBuf payload) throws Exception;
    }

    /** Decodes {@code payload} with {@code decoder}, releasing the temporary buffer. */
    public static <T> T decode(Decoder<T> decoder, int type, byte[] payload) throws Exception {
        ByteBuf b = Unpooled.wrappedBuffer(payload.clone());
        try {
            return decoder.decode(type, b);
        } finally {
            b.release();
        }
    }

    /** Encodes {@code m} and decodes the result again. */
    public static <T> T roundTrip(Decoder<T> decoder, WireMessage m) throws Exception {
        return decode(decoder, m.type(), payload(m));
    }
}
