package io.jmfs.protocol.wire;

import io.jmfs.protocol.MessageType;

/** A frame announcing a payload longer than its {@link PeerLink} allows. */
public final class OversizedFrameException extends FrameException {
    private final int type;
    private final long length;
    private final PeerLink link;

    public OversizedFrameException(int type, long length, PeerLink link) {
        super("frame " + MessageType.nameOf(type) + " announces " + length + " bytes, more than the "
                + link.maxPayload() + " allowed on " + link);
        this.type = type;
        this.length = length;
        this.link = link;
    }

    public int type() {
        return type;
    }

    /** The announced payload length (unsigned). */
    public long length() {
        return length;
    }

    public PeerLink link() {
        return link;
    }
}
