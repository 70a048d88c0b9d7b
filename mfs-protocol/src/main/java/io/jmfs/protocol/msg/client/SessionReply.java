package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.WireWriter;
import io.netty.buffer.ByteBuf;

/** Answers about the session: the REGISTER answers (no msgid), the master's NOP keepalive and TIME_SYNC. */
public sealed interface SessionReply extends MasterReply {

    /** Marker for MATOCL_FUSE_REGISTER answers (no msgid). */
    sealed interface RegisterReply extends SessionReply {
        @Override
        default int type() {
            return MessageType.MATOCL_FUSE_REGISTER.id();
        }

        @Override
        default int msgid() {
            return 0;
        }
    }

    /** {@code status:8}: a refused registration, or the answer to TOOLS/CLOSESESSION. */
    record RegisterStatus(MfsStatus status) implements RegisterReply {
        @Override
        public void encode(ByteBuf out) {
            out.writeByte(status.code());
        }
    }

    /** {@code random:32B}: the salt for a password digest (GETRANDOM). */
    record RegisterRandom(ByteString random) implements RegisterReply {
        public RegisterRandom {
            if (random.length() != 32) {
                throw new IllegalArgumentException("register random must be 32 bytes");
            }
        }

        @Override
        public void encode(ByteBuf out) {
            WireWriter.bytes(out, random);
        }
    }

    /** {@code version:32 status:8}: the answer to RECONNECT for clients from 3.0.95. */
    record RegisterReconnected(int version, MfsStatus status) implements RegisterReply {
        @Override
        public void encode(ByteBuf out) {
            out.writeInt(version);
            out.writeByte(status.code());
        }
    }

    /**
     * The 49-byte NEWSESSION answer for clients from 3.0.112: {@code version:32 sessionid:32 metaid:64 sesflags:8
     * umask:16 rootuid:32 rootgid:32 mapalluid:32 mapallgid:32 mingoal:8 maxgoal:8 mintrashtime:32 maxtrashtime:32
     * disables:32}.
     */
    record RegisterSession(int version, int sessionId, long metaId, int sesFlags, int umask, int rootUid, int rootGid,
                           int mapAllUid, int mapAllGid, int minGoal, int maxGoal, int minTrashTime, int maxTrashTime,
                           int disables) implements RegisterReply {
        public static final int SIZE = 49;

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(version);
            out.writeInt(sessionId);
            out.writeLong(metaId);
            out.writeByte(sesFlags);
            out.writeShort(umask);
            out.writeInt(rootUid);
            out.writeInt(rootGid);
            out.writeInt(mapAllUid);
            out.writeInt(mapAllGid);
            out.writeByte(minGoal);
            out.writeByte(maxGoal);
            out.writeInt(minTrashTime);
            out.writeInt(maxTrashTime);
            out.writeInt(disables);
        }
    }

    /**
     * The 27-byte NEWMETASESSION answer: {@code version:32 sessionid:32 metaid:64 sesflags:8 mingoal:8 maxgoal:8
     * mintrashtime:32 maxtrashtime:32}.
     */
    record RegisterMetaSession(int version, int sessionId, long metaId, int sesFlags, int minGoal, int maxGoal,
                               int minTrashTime, int maxTrashTime) implements RegisterReply {
        public static final int SIZE = 27;

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(version);
            out.writeInt(sessionId);
            out.writeLong(metaId);
            out.writeByte(sesFlags);
            out.writeByte(minGoal);
            out.writeByte(maxGoal);
            out.writeInt(minTrashTime);
            out.writeInt(maxTrashTime);
        }
    }

    /** {@code msgid:32} with type 0: the master's keepalive to a mount (msgid 0). */
    record Nop(int msgid) implements SessionReply {
        @Override
        public int type() {
            return MessageType.ANTOAN_NOP.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
        }
    }

    /** {@code msgid:32 usec:64}: the master's wall clock in microseconds. */
    record TimeSync(int msgid, long wallClockMicros) implements SessionReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_TIME_SYNC.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(wallClockMicros);
        }
    }
}
