package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.WireWriter;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Requests that open, keep alive and close a client's session: the REGISTER variants (type 400, no msgid), the NOP
 * keepalive, TIME_SYNC, and the periodic SUSTAINED_INODES / AMTIME_INODES reports (no msgid either).
 */
public sealed interface SessionRequest extends ClientRequest {

    /** The 64-byte ASCII blob that starts every REGISTER ({@code FUSE_REGISTER_BLOB_ACL}). */
    ByteString REGISTER_BLOB = ByteString.utf8("DjI1GAQDULI5d2YjA26ypc3ovkhjvhciTQVx3CS4nYgtBoUcsljiVpsErJENHaw0");

    int REGISTER_GETRANDOM = 1;

    int REGISTER_NEWSESSION = 2;

    int REGISTER_RECONNECT = 3;

    int REGISTER_TOOLS = 4;

    int REGISTER_NEWMETASESSION = 5;

    int REGISTER_CLOSESESSION = 6;

    /** Marker for the REGISTER variants (type 400, no msgid): {@code blob:64B rcode:8 ...}. */
    sealed interface Register extends SessionRequest {
        /** The registration code that selects the variant. */
        int rcode();

        @Override
        default int type() {
            return MessageType.CLTOMA_FUSE_REGISTER.id();
        }

        @Override
        default int msgid() {
            return 0;
        }

        @Override
        default void encode(ByteBuf out) {
            WireWriter.bytes(out, REGISTER_BLOB);
            out.writeByte(rcode());
            encodeBody(out);
        }

        /** The fields after rcode. */
        void encodeBody(ByteBuf out);
    }

    /** {@code blob rcode=1}: asks for 32 random bytes to salt a password digest. */
    record RegisterGetRandom() implements Register {
        @Override
        public int rcode() {
            return REGISTER_GETRANDOM;
        }

        @Override
        public void encodeBody(ByteBuf out) {
        }
    }

    /**
     * {@code blob rcode=2 version:32 ileng:32 info[ileng] pleng:32 path[pleng] [sessionid:32 [metaid:64]]
     * [md5digest:16B]}. info (the mount point or program name) and path (the exported subdirectory) are kept as sent,
     * including their trailing NUL. sessionid/metaid are present when a client re-registers an old session.
     */
    record RegisterNewSession(int version, ByteString info, ByteString path, OptionalInt sessionId,
                              OptionalLong metaId, Optional<ByteString> passwordDigest) implements Register {
        public RegisterNewSession {
            requireSessionFields(sessionId, metaId, passwordDigest);
        }

        @Override
        public int rcode() {
            return REGISTER_NEWSESSION;
        }

        @Override
        public void encodeBody(ByteBuf out) {
            out.writeInt(version);
            WireWriter.string32(out, info);
            WireWriter.string32(out, path);
            writeSessionFields(out, sessionId, metaId, passwordDigest);
        }
    }

    /** {@code blob rcode=5 version:32 ileng:32 info[ileng] [sessionid:32 [metaid:64]] [md5digest:16B]} (mfsmeta). */
    record RegisterNewMetaSession(int version, ByteString info, OptionalInt sessionId, OptionalLong metaId,
                                  Optional<ByteString> passwordDigest) implements Register {
        public RegisterNewMetaSession {
            requireSessionFields(sessionId, metaId, passwordDigest);
        }

        @Override
        public int rcode() {
            return REGISTER_NEWMETASESSION;
        }

        @Override
        public void encodeBody(ByteBuf out) {
            out.writeInt(version);
            WireWriter.string32(out, info);
            writeSessionFields(out, sessionId, metaId, passwordDigest);
        }
    }

    /** {@code blob rcode=3 sessionid:32 version:32 [metaid:64]}: resume a session after a lost connection. */
    record RegisterReconnect(int sessionId, int version, OptionalLong metaId) implements Register {
        @Override
        public int rcode() {
            return REGISTER_RECONNECT;
        }

        @Override
        public void encodeBody(ByteBuf out) {
            out.writeInt(sessionId);
            out.writeInt(version);
            metaId.ifPresent(out::writeLong);
        }
    }

    /** {@code blob rcode=4 sessionid:32 version:32 [metaid:64]}: a tool joining an existing session. */
    record RegisterTools(int sessionId, int version, OptionalLong metaId) implements Register {
        @Override
        public int rcode() {
            return REGISTER_TOOLS;
        }

        @Override
        public void encodeBody(ByteBuf out) {
            out.writeInt(sessionId);
            out.writeInt(version);
            metaId.ifPresent(out::writeLong);
        }
    }

    /** {@code blob rcode=6 sessionid:32 [metaid:64]}: end the session (unmount). */
    record RegisterCloseSession(int sessionId, OptionalLong metaId) implements Register {
        @Override
        public int rcode() {
            return REGISTER_CLOSESESSION;
        }

        @Override
        public void encodeBody(ByteBuf out) {
            out.writeInt(sessionId);
            metaId.ifPresent(out::writeLong);
        }
    }

    /** {@code msgid:32} with type 0: the keepalive of a registered mount (len 4). */
    record Nop(int msgid) implements SessionRequest {
        @Override
        public int type() {
            return MessageType.ANTOAN_NOP.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
        }
    }

    /** {@code msgid:32} (sent with msgid 0). */
    record TimeSync(int msgid) implements SessionRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_TIME_SYNC.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
        }
    }

    /** {@code N*[inode:32]}, no msgid: the files this mount still holds open (sent every 60 s and at unmount). */
    record SustainedInodes(List<Integer> inodes) implements SessionRequest {
        public SustainedInodes {
            inodes = List.copyOf(inodes);
        }

        @Override
        public int msgid() {
            return 0;
        }

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SUSTAINED_INODES.id();
        }

        @Override
        public void encode(ByteBuf out) {
            inodes.forEach(out::writeInt);
        }
    }

    /** One entry of {@link AmtimeInodes}: {@code inode:32 atime:32 mtime:32}. */
    record Amtime(int inode, int atime, int mtime) {
    }

    /** {@code N*[inode:32 atime:32 mtime:32]}, no msgid: access/modification times the mount observed. */
    record AmtimeInodes(List<Amtime> entries) implements SessionRequest {
        public AmtimeInodes {
            entries = List.copyOf(entries);
        }

        @Override
        public int msgid() {
            return 0;
        }

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_AMTIME_INODES.id();
        }

        @Override
        public void encode(ByteBuf out) {
            for (Amtime a : entries) {
                out.writeInt(a.inode());
                out.writeInt(a.atime());
                out.writeInt(a.mtime());
            }
        }
    }

    private static void requireSessionFields(OptionalInt sessionId, OptionalLong metaId, Optional<ByteString> digest) {
        Objects.requireNonNull(sessionId);
        Objects.requireNonNull(metaId);
        if (metaId.isPresent() && sessionId.isEmpty()) {
            throw new IllegalArgumentException("metaid is only sent after a sessionid");
        }
        if (digest.isPresent() && digest.get().length() != 16) {
            throw new IllegalArgumentException("password digest must be 16 bytes");
        }
    }

    private static void writeSessionFields(ByteBuf out, OptionalInt sessionId, OptionalLong metaId,
                                           Optional<ByteString> digest) {
        sessionId.ifPresent(out::writeInt);
        metaId.ifPresent(out::writeLong);
        digest.ifPresent(d -> WireWriter.bytes(out, d));
    }
}
