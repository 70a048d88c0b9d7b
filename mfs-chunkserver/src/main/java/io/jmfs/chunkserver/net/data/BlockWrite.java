package io.jmfs.chunkserver.net.data;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.msg.data.DataMessages;
import io.jmfs.protocol.wire.Packet;
import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;

/**
 * One received WRITE_DATA, its payload copied once out of the receive buffer into a pooled direct buffer of its own:
 * the disk writes the data straight from there (no further copy into a JDK temporary buffer), the next server of the
 * chain gets the same bytes without a re-encoding, and the receive buffer is free again at once instead of staying
 * pinned until the disk is done. Owns that buffer until {@link #release()}.
 */
final class BlockWrite {
    private final DataMessages.WriteDataHead head;
    private final ByteBuf payload;

    /** Copies {@code frame}'s payload (the frame itself is not kept). */
    BlockWrite(DataMessages.WriteDataHead head, Packet frame) {
        this.head = head;
        ByteBuf received = frame.content();
        int length = received.readableBytes();
        this.payload = received.alloc().directBuffer(length, length);
        payload.writeBytes(received, received.readerIndex(), length);
    }

    DataMessages.WriteDataHead head() {
        return head;
    }

    /** The data bytes, valid until {@link #release()}. */
    ByteBuffer data() {
        return payload.nioBuffer(DataMessages.WriteDataHead.SIZE, head.size());
    }

    /** The WRITE_DATA frame again, sharing this buffer (with a reference of its own), to send down the chain. */
    Packet forward() {
        return new Packet(MessageType.CLTOCS_WRITE_DATA.id(), payload.retainedDuplicate());
    }

    void release() {
        payload.release();
    }
}
