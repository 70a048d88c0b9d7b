package io.jmfs.protocol.wire;

import io.netty.handler.codec.CorruptedFrameException;

/** A frame header that cannot belong to a healthy peer; the connection is closed with this as the logged reason. */
public class FrameException extends CorruptedFrameException {
    public FrameException(String message) {
        super(message);
    }
}
