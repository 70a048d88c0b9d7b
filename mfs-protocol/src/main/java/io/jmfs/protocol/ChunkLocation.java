package io.jmfs.protocol;

/**
 * A chunk copy's location as the master hands it to clients (CSLOC, protocolid 2, 14 bytes:
 * {@code ip:32 port:16 csversion:32 labelmask:32}).
 *
 * @param ip IPv4 address as a big-endian int
 * @param port data port (9422 by default)
 * @param csVersion the chunkserver's announced version (wire form, see {@link ProtocolVersion#decode})
 * @param labelMask bit n = label 'A'+n
 */
public record ChunkLocation(int ip, int port, int csVersion, int labelMask) {
    public static final int SIZE = 14;

    public ChunkLocation {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Dotted-quad form of {@link #ip()}. */
    public String address() {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xFF) + "." + (ip >>> 8 & 0xFF) + "." + (ip & 0xFF);
    }
}
