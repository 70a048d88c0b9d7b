package io.jmfs.master.net.client;

import io.jmfs.protocol.MessageType;

/** Reply type ids used where a record takes its type as a value. */
final class MessageTypes {
    static final int SETTRASHTIME_REPLY = MessageType.MATOCL_FUSE_SETTRASHTIME.id();
    static final int SETSCLASS_REPLY = MessageType.MATOCL_FUSE_SETSCLASS.id();
    static final int SETEATTR_REPLY = MessageType.MATOCL_FUSE_SETEATTR.id();

    private MessageTypes() {
    }
}
