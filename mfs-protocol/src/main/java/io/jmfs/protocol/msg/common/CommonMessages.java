package io.jmfs.protocol.msg.common;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.codec.WireReader;
import io.jmfs.protocol.msg.common.CommonMessage.GetVersion;
import io.jmfs.protocol.msg.common.CommonMessage.Nop;
import io.jmfs.protocol.msg.common.CommonMessage.Version;
import io.netty.buffer.ByteBuf;
import java.util.OptionalInt;

/** Decodes {@link CommonMessage}s. */
public final class CommonMessages {
    private CommonMessages() {
    }

    /** Whether {@link #decode} handles this type. */
    public static boolean isCommon(int type) {
        return type == MessageType.ANTOAN_NOP.id() || type == MessageType.ANTOAN_GET_VERSION.id()
                || type == MessageType.ANTOAN_VERSION.id();
    }

    /**
     * Decodes NOP (length 0 only; the 4-byte mount NOP belongs to the client messages), GET_VERSION (with or
     * without msgid, told apart by length) or VERSION ({@code withMsgid} says whether the connection uses msgids).
     */
    public static CommonMessage decode(int type, ByteBuf payload, boolean withMsgid) throws MalformedPacketException {
        WireReader r = new WireReader(type, payload);
        CommonMessage m;
        if (type == MessageType.ANTOAN_NOP.id()) {
            m = new Nop();
        } else if (type == MessageType.ANTOAN_GET_VERSION.id()) {
            m = new GetVersion(r.remaining() == 4 ? OptionalInt.of(r.u32("msgid")) : OptionalInt.empty());
        } else if (type == MessageType.ANTOAN_VERSION.id()) {
            OptionalInt msgid = withMsgid ? OptionalInt.of(r.u32("msgid")) : OptionalInt.empty();
            m = new Version(msgid, r.u32("version"), r.rest("version text"));
        } else {
            throw r.malformed("not a common packet");
        }
        r.end();
        return m;
    }
}
