package io.jmfs.protocol.testing;

import io.jmfs.protocol.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/**
 * One packet captured from real MooseFS 3.0.117 daemons, as stored in {@code src/test/resources/golden/*.hex}.
 *
 * @param direction who sent it to whom ({@code C>M}, {@code M>C}, {@code CS>M}, {@code M>CS}, {@code ML>M},
 *     {@code M>ML}, {@code C>CS}, {@code CS>C})
 * @param type the packet type, resolved from the C name in the file
 * @param payload the bytes after the 8-byte header
 * @param line the line number in its file, for messages
 */
public record GoldenPacket(String direction, MessageType type, byte[] payload, int line) {

    /** A new buffer holding the payload (caller releases). */
    public ByteBuf payloadBuf() {
        return Unpooled.wrappedBuffer(payload.clone());
    }

    public String hex() {
        return HexFormat.of().formatHex(payload);
    }

    @Override
    public String toString() {
        return "line " + line + " " + direction + " " + type.name() + " [" + payload.length + "] "
                + (payload.length > 48 ? hex().substring(0, 96) + "..." : hex());
    }
}
