package io.jmfs.chunkserver.net;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A raw MooseFS frame for blocking test peers. */
public record Frame(int type, byte[] payload) {
    public static Frame of(WireMessage m) {
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        return new Frame(m.type(), bytes);
    }

    public static Frame read(DataInputStream in) throws IOException {
        int type = in.readInt();
        int length = in.readInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, payload);
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(type);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    public ByteBuf content() {
        return Unpooled.wrappedBuffer(payload);
    }

    public ByteBuffer buffer() {
        return ByteBuffer.wrap(payload);
    }

    @Override
    public String toString() {
        return MessageType.nameOf(type) + "[" + payload.length + "]";
    }
}
