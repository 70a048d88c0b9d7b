package io.jmfs.client.io;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.wire.TypedMessageDecoder.PayloadDecoder;
import io.netty.buffer.Unpooled;

/** One received frame, payload copied out of the socket buffer; decoded by the thread that waits for it. */
public record RawPacket(int type, byte[] payload) implements Received {
    public <T> T decode(PayloadDecoder<T> decoder) throws MalformedPacketException {
        return decoder.decode(type, Unpooled.wrappedBuffer(payload));
    }

    /** A READDIR answer in the form the request asked for. */
    public io.jmfs.protocol.msg.client.NamespaceReply.Readdir decodeReaddir(boolean withAttr)
            throws MalformedPacketException {
        return io.jmfs.protocol.msg.client.MasterReplies.decodeReaddir(Unpooled.wrappedBuffer(payload), withAttr);
    }

    /** The leading {@code msgid:32}; callers make sure the payload has at least 4 bytes. */
    public int msgid() {
        return (payload[0] & 0xFF) << 24 | (payload[1] & 0xFF) << 16 | (payload[2] & 0xFF) << 8 | (payload[3] & 0xFF);
    }

    @Override
    public String toString() {
        return MessageType.nameOf(type) + "[" + payload.length + "]";
    }
}
