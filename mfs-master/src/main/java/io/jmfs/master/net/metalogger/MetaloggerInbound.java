package io.jmfs.master.net.metalogger;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.common.CommonMessage;
import io.jmfs.protocol.msg.common.CommonMessages;
import io.jmfs.protocol.msg.metalogger.MetaloggerMessages;
import io.netty.buffer.ByteBuf;

/**
 * Decodes what arrives on port 9419: the metalogger packets, NOPs (any payload is ignored, as MooseFS does),
 * GET_VERSION, and the two packets every MooseFS port accepts and ignores. Anything else is malformed and closes
 * the connection (a MooseFS Pro supervisor's rver 3/4 registration included).
 */
final class MetaloggerInbound {

    /** A packet that is accepted and ignored. */
    enum Ignored { PACKET }

    private MetaloggerInbound() {
    }

    static Object decode(int type, ByteBuf payload) throws MalformedPacketException {
        if (type == MessageType.ANTOAN_UNKNOWN_COMMAND.id() || type == MessageType.ANTOAN_BAD_COMMAND_SIZE.id()
                || type == MessageType.ANTOAN_NOP.id()) {
            payload.skipBytes(payload.readableBytes());
            return type == MessageType.ANTOAN_NOP.id() ? new CommonMessage.Nop() : Ignored.PACKET;
        }
        if (type == MessageType.ANTOAN_GET_VERSION.id()) {
            return CommonMessages.decode(type, payload, false);
        }
        return MetaloggerMessages.decodeFromMetalogger(type, payload);
    }
}
