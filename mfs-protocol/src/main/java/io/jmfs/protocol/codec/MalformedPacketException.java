package io.jmfs.protocol.codec;

import io.jmfs.protocol.MessageType;

/**
 * A packet whose payload does not match its type's grammar (wrong size, bad field value). The receiver closes the
 * connection and logs {@link #getMessage()}, which names the packet type and what was wrong.
 */
public final class MalformedPacketException extends Exception {
    private final int type;

    public MalformedPacketException(int type, String reason) {
        super(MessageType.nameOf(type) + ": " + reason);
        this.type = type;
    }

    /** The packet type id that failed to decode. */
    public int type() {
        return type;
    }
}
