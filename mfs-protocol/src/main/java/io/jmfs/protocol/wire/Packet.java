package io.jmfs.protocol.wire;

import io.jmfs.protocol.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One MooseFS frame: {@code type:32 length:32 payload[length]}. Holds a reference to its payload: whoever receives a
 * packet releases it (or passes it on). The payload excludes the 8-byte header.
 */
public final class Packet extends DefaultByteBufHolder {
    /** Bytes of the frame header. */
    public static final int HEADER_SIZE = 8;

    private final int type;

    public Packet(int type, ByteBuf payload) {
        super(payload);
        this.type = type;
    }

    public int type() {
        return type;
    }

    /** Payload length (the header's length field). */
    public int length() {
        return content().readableBytes();
    }

    @Override
    public Packet replace(ByteBuf content) {
        return new Packet(type, content);
    }

    @Override
    public Packet retain() {
        super.retain();
        return this;
    }

    @Override
    public Packet retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public String toString() {
        int shown = Math.min(length(), 64);
        return MessageType.nameOf(type) + "[" + length() + "]" + ByteBufUtil.hexDump(content(), content().readerIndex(),
                shown) + (shown < length() ? "..." : "");
    }
}
