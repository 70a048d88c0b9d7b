package io.jmfs.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/** {@link io.jmfs.protocol.Crc32} over a range of a {@link ByteBuf}, without copying where the buffer allows. */
public final class ByteBufCrc {
    private ByteBufCrc() {
    }

    /** CRC-32 of the readable bytes (indices unchanged). */
    public static int of(ByteBuf buf) {
        return of(buf, buf.readerIndex(), buf.readableBytes());
    }

    /** CRC-32 of {@code length} bytes from absolute {@code index} (indices unchanged). */
    public static int of(ByteBuf buf, int index, int length) {
        CRC32 crc = new CRC32();
        if (buf.nioBufferCount() > 0) {
            for (ByteBuffer part : buf.nioBuffers(index, length)) {
                crc.update(part);
            }
        } else {
            byte[] copy = new byte[length];
            buf.getBytes(index, copy);
            crc.update(copy);
        }
        return (int) crc.getValue();
    }
}
