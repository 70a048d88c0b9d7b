package io.jmfs.protocol.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** A typed, immutable packet that knows its type id and how to write its payload. */
public interface WireMessage {
    /** The packet type id ({@link io.jmfs.protocol.MessageType#id()}). */
    int type();

    /** Writes the payload (without the 8-byte header). */
    void encode(ByteBuf out);

    /** The payload as a new buffer owned by the caller. */
    default ByteBuf encodePayload(ByteBufAllocator alloc) {
        ByteBuf b = alloc.buffer();
        try {
            encode(b);
            return b;
        } catch (RuntimeException e) {
            b.release();
            throw e;
        }
    }

    /** This message as a {@link Packet} owned by the caller. */
    default Packet toPacket(ByteBufAllocator alloc) {
        return new Packet(type(), encodePayload(alloc));
    }
}
