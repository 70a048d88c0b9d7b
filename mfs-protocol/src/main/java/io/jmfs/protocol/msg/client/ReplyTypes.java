package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.MessageType;
import java.util.Set;

/** The check shared by replies whose record serves several reply types (the type is then a record component). */
final class ReplyTypes {

    private ReplyTypes() {
    }

    static void requireType(int type, Set<MessageType> allowed) {
        if (allowed.stream().noneMatch(t -> t.id() == type)) {
            throw new IllegalArgumentException(MessageType.nameOf(type) + " is not one of " + allowed);
        }
    }
}
