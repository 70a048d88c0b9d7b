package io.jmfs.protocol.testing;

import io.jmfs.protocol.MessageType;
import java.util.HexFormat;

/** A MooseFS packet cut out of a TCP stream in a capture file; source and destination are {@code ip:port}. */
public record CapturedPacket(String source, String destination, int type, byte[] payload) {
    @Override
    public String toString() {
        return source + " > " + destination + " " + MessageType.nameOf(type) + " [" + payload.length + "] "
                + HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 64))
                + (payload.length > 64 ? "..." : "");
    }
}
