package io.jmfs.protocol.msg.common;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.WireWriter;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import java.util.OptionalInt;

/**
 * Packets any MooseFS peer understands on any port ({@code ANTOAN_*}). On client connections of 9421 they carry a
 * leading {@code msgid:32}; everywhere else they do not (see {@link CommonMessages}).
 */
public sealed interface CommonMessage extends WireMessage {

    /** {@code -} (length 0): the keepalive between daemons and on 9422. Mount connections use a 4-byte NOP instead. */
    record Nop() implements CommonMessage {
        @Override
        public int type() {
            return MessageType.ANTOAN_NOP.id();
        }

        @Override
        public void encode(ByteBuf out) {
        }
    }

    /** {@code [msgid:32]}: asks the peer for its version. */
    record GetVersion(OptionalInt msgid) implements CommonMessage {
        @Override
        public int type() {
            return MessageType.ANTOAN_GET_VERSION.id();
        }

        @Override
        public void encode(ByteBuf out) {
            msgid.ifPresent(out::writeInt);
        }
    }

    /**
     * {@code [msgid:32] version:32 text} where text runs to the end without a NUL (3.0.117 daemons send
     * {@code 000300ea "3.0.117-1"}).
     */
    record Version(OptionalInt msgid, int version, ByteString text) implements CommonMessage {
        @Override
        public int type() {
            return MessageType.ANTOAN_VERSION.id();
        }

        @Override
        public void encode(ByteBuf out) {
            msgid.ifPresent(out::writeInt);
            out.writeInt(version);
            WireWriter.bytes(out, text);
        }
    }
}
