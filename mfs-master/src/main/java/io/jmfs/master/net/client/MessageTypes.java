package io.jmfs.master.net.client;

import io.jmfs.protocol.MessageType;

/** Reply type ids used where a record takes its type as a value. */
final class MessageTypes {
    static final int READ_CHUNK_REPLY = MessageType.MATOCL_FUSE_READ_CHUNK.id();
    static final int SETTRASHTIME_REPLY = MessageType.MATOCL_FUSE_SETTRASHTIME.id();

    private MessageTypes() {
    }
}
