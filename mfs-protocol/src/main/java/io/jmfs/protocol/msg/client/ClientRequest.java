package io.jmfs.protocol.msg.client;


import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.WireWriter;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Packets a client (mfsmount, libmfsio, tools) sends to the master on port 9421, in the forms a 3.0.117 client
 * sends. Each record's javadoc gives its grammar after the 8-byte header; {@code GIDS} is {@code gcnt:32 gid:32*gcnt}
 * or the single {@code gid:32} form (see {@link Gids}). Decoding is {@link ClientRequests#decode}.
 *
 * <p>Every request except REGISTER, SUSTAINED_INODES and AMTIME_INODES starts with {@code msgid:32}, which the master
 * echoes in its reply; for those three {@link #msgid()} is 0.
 */
public sealed interface ClientRequest extends WireMessage {

    /** The id the reply must echo (0 for packets that carry none). */
    int msgid();

    /** The 64-byte ASCII blob that starts every REGISTER ({@code FUSE_REGISTER_BLOB_ACL}). */
    ByteString REGISTER_BLOB = ByteString.utf8("DjI1GAQDULI5d2YjA26ypc3ovkhjvhciTQVx3CS4nYgtBoUcsljiVpsErJENHaw0");

    int REGISTER_GETRANDOM = 1;
    int REGISTER_NEWSESSION = 2;
    int REGISTER_RECONNECT = 3;
    int REGISTER_TOOLS = 4;
    int REGISTER_NEWMETASESSION = 5;
    int REGISTER_CLOSESESSION = 6;

    /** Marker for the REGISTER variants (type 400, no msgid): {@code blob:64B rcode:8 ...}. */
    sealed interface Register extends ClientRequest {
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
    record Nop(int msgid) implements ClientRequest {
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
    record TimeSync(int msgid) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_TIME_SYNC.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
        }
    }

    /** {@code msgid:32}. */
    record Statfs(int msgid) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_STATFS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
        }
    }

    /**
     * {@code msgid:32 inode:32 uid:32 GIDS perm:16}, or {@code msgid:32 inode:32 uid:32 gid:32 perm:8} in the
     * single-gid form. perm is the access mask (MODE_MASK_R 4, W 2, X 1).
     */
    record Access(int msgid, int inode, int uid, Gids gids, int perm) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_ACCESS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
            if (gids.counted()) {
                out.writeShort(perm);
            } else {
                out.writeByte(perm);
            }
        }
    }

    /** {@code msgid:32 parent:32 name:NAME uid:32 GIDS}. */
    record Lookup(int msgid, int parent, ByteString name, int uid, Gids gids) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_LOOKUP.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(parent);
            WireWriter.name(out, name);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
        }
    }

    /** {@code msgid:32 inode:32 opened:8 uid:32 gid:32}. */
    record GetAttr(int msgid, int inode, int opened, int uid, int gid) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(opened);
            out.writeInt(uid);
            out.writeInt(gid);
        }
    }

    /**
     * {@code msgid:32 inode:32 opened:8 uid:32 GIDS setmask:8 mode:16 attruid:32 attrgid:32 atime:32 mtime:32
     * winattr:8 sugidclearmode:8}. setmask: 0x01 winattr, 0x02 mode, 0x04 uid, 0x08 gid, 0x10 mtime=now, 0x20 mtime,
     * 0x40 atime, 0x80 atime=now.
     */
    record SetAttr(int msgid, int inode, int opened, int uid, Gids gids, int setMask, int mode, int attrUid,
                   int attrGid, int atime, int mtime, int winattr, int sugidClearMode) implements ClientRequest {
        public static final int SET_WINATTR = 0x01;
        public static final int SET_MODE = 0x02;
        public static final int SET_UID = 0x04;
        public static final int SET_GID = 0x08;
        public static final int SET_MTIME_NOW = 0x10;
        public static final int SET_MTIME = 0x20;
        public static final int SET_ATIME = 0x40;
        public static final int SET_ATIME_NOW = 0x80;

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SETATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(opened);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
            out.writeByte(setMask);
            out.writeShort(mode);
            out.writeInt(attrUid);
            out.writeInt(attrGid);
            out.writeInt(atime);
            out.writeInt(mtime);
            out.writeByte(winattr);
            out.writeByte(sugidClearMode);
        }
    }

    /** {@code msgid:32 inode:32}. */
    record ReadLink(int msgid, int inode) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_READLINK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
        }
    }

    /** {@code msgid:32 parent:32 name:NAME pleng:32 path[pleng] uid:32 GIDS}; pleng counts the path's trailing NUL. */
    record Symlink(int msgid, int parent, ByteString name, ByteString path, int uid, Gids gids)
            implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SYMLINK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(parent);
            WireWriter.name(out, name);
            WireWriter.nulString32(out, path);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
        }
    }

    /**
     * {@code msgid:32 parent:32 name:NAME type:8 mode:16 umask:16 uid:32 GIDS rdev:32}; type is a node type code
     * (FIFO 4, BLOCKDEV 5, CHARDEV 6, SOCKET 7, FILE 1).
     */
    record Mknod(int msgid, int parent, ByteString name, int nodeType, int mode, int umask, int uid, Gids gids,
                 int rdev) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_MKNOD.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(parent);
            WireWriter.name(out, name);
            out.writeByte(nodeType);
            out.writeShort(mode);
            out.writeShort(umask);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
            out.writeInt(rdev);
        }
    }

    /** {@code msgid:32 parent:32 name:NAME mode:16 umask:16 uid:32 GIDS copysgid:8}. */
    record Mkdir(int msgid, int parent, ByteString name, int mode, int umask, int uid, Gids gids, int copySgid)
            implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_MKDIR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(parent);
            WireWriter.name(out, name);
            out.writeShort(mode);
            out.writeShort(umask);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
            out.writeByte(copySgid);
        }
    }

    /** {@code msgid:32 parent:32 name:NAME uid:32 GIDS}. */
    record Unlink(int msgid, int parent, ByteString name, int uid, Gids gids) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_UNLINK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(parent);
            WireWriter.name(out, name);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
        }
    }

    /** {@code msgid:32 parent:32 name:NAME uid:32 GIDS}. */
    record Rmdir(int msgid, int parent, ByteString name, int uid, Gids gids) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_RMDIR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(parent);
            WireWriter.name(out, name);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
        }
    }

    /** {@code msgid:32 srcparent:32 src:NAME dstparent:32 dst:NAME uid:32 GIDS}. */
    record Rename(int msgid, int srcParent, ByteString srcName, int dstParent, ByteString dstName, int uid,
                  Gids gids) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_RENAME.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(srcParent);
            WireWriter.name(out, srcName);
            out.writeInt(dstParent);
            WireWriter.name(out, dstName);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
        }
    }

    /** {@code msgid:32 inode:32 dstparent:32 name:NAME uid:32 GIDS}. */
    record Link(int msgid, int inode, int dstParent, ByteString name, int uid, Gids gids) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_LINK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(dstParent);
            WireWriter.name(out, name);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
        }
    }

    /**
     * {@code msgid:32 inode:32 uid:32 GIDS flags:8 maxentries:32 nedgeid:64}. flags 0x01 = with attributes;
     * nedgeid is the continuation cookie (0 = from the start).
     */
    record Readdir(int msgid, int inode, int uid, Gids gids, int flags, int maxEntries, long nedgeId)
            implements ClientRequest {
        public static final int FLAG_WITH_ATTR = 0x01;

        public boolean withAttr() {
            return (flags & FLAG_WITH_ATTR) != 0;
        }

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_READDIR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
            out.writeByte(flags);
            out.writeInt(maxEntries);
            out.writeLong(nedgeId);
        }
    }

    /**
     * {@code msgid:32 inode:32 uid:32 GIDS flags:8}; flags 0x01 READ, 0x02 WRITE, 0x04 AFTER_CREATE, 0x08 TRUNCATE,
     * 0x10 CACHE_CLEARED.
     */
    record Open(int msgid, int inode, int uid, Gids gids, int flags) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_OPEN.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
            out.writeByte(flags);
        }
    }

    /** {@code msgid:32 parent:32 name:NAME mode:16 umask:16 uid:32 GIDS}. */
    record Create(int msgid, int parent, ByteString name, int mode, int umask, int uid, Gids gids)
            implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_CREATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(parent);
            WireWriter.name(out, name);
            out.writeShort(mode);
            out.writeShort(umask);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
        }
    }

    /** {@code msgid:32 inode:32 indx:32 chunkopflags:8}. */
    record ReadChunk(int msgid, int inode, int index, int chunkOpFlags) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_READ_CHUNK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(index);
            out.writeByte(chunkOpFlags);
        }
    }

    /**
     * {@code msgid:32 inode:32 indx:32 chunkopflags:8}; chunkopflags 0x01 CANMODTIME, 0x02 CONTINUEOP,
     * 0x04 CANUSERESERVESPACE.
     */
    record WriteChunk(int msgid, int inode, int index, int chunkOpFlags) implements ClientRequest {
        public static final int CANMODTIME = 0x01;
        public static final int CONTINUEOP = 0x02;
        public static final int CANUSERESERVESPACE = 0x04;

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_WRITE_CHUNK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(index);
            out.writeByte(chunkOpFlags);
        }
    }

    /** {@code msgid:32 chunkid:64 inode:32 indx:32 flen:64 chunkopflags:8}. */
    record WriteChunkEnd(int msgid, long chunkId, int inode, int index, long fileLength, int chunkOpFlags)
            implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_WRITE_CHUNK_END.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(chunkId);
            out.writeInt(inode);
            out.writeInt(index);
            out.writeLong(fileLength);
            out.writeByte(chunkOpFlags);
        }
    }

    /**
     * {@code msgid:32 inode:32 flags:8 uid:32 GIDS length:64}; flags 0x01 OPENED, 0x02 UPDATE, 0x04 TIMEFIX,
     * 0x08 RESERVE (append: length is the number of bytes to add).
     */
    record Truncate(int msgid, int inode, int flags, int uid, Gids gids, long length) implements ClientRequest {
        public static final int OPENED = 0x01;
        public static final int UPDATE = 0x02;
        public static final int TIMEFIX = 0x04;
        public static final int RESERVE = 0x08;

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_TRUNCATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(flags);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
            out.writeLong(length);
        }
    }

    /**
     * {@code msgid:32 inode:32 name:NAME mode:8 opened:8 uid:32 GIDS}; an empty name lists the names, mode 1 asks
     * only for the length.
     */
    record GetXattr(int msgid, int inode, ByteString name, int mode, int opened, int uid, Gids gids)
            implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETXATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            WireWriter.name(out, name);
            out.writeByte(mode);
            out.writeByte(opened);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
        }
    }

    /**
     * {@code msgid:32 inode:32 name:NAME vleng:32 value[vleng] mode:8 opened:8 uid:32 GIDS}; mode 0 set, 1 create,
     * 2 replace, 3 remove.
     */
    record SetXattr(int msgid, int inode, ByteString name, ByteString value, int mode, int opened, int uid,
                    Gids gids) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SETXATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            WireWriter.name(out, name);
            WireWriter.string32(out, value);
            out.writeByte(mode);
            out.writeByte(opened);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
        }
    }

    /** {@code msgid:32 inode:32 acltype:8} (clients from 3.0.92; acltype 1 access, 2 default). */
    record GetFacl(int msgid, int inode, int aclType) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETFACL.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(aclType);
        }
    }

    /** {@code msgid:32 inode:32 reqid:32 owner:64 cmd:8}. */
    record Flock(int msgid, int inode, int reqId, long owner, int cmd) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_FLOCK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(reqId);
            out.writeLong(owner);
            out.writeByte(cmd);
        }
    }

    /** {@code msgid:32 inode:32 reqid:32 owner:64 pid:32 cmd:8 type:8 start:64 end:64}. */
    record PosixLock(int msgid, int inode, int reqId, long owner, int pid, int cmd, int lockType, long start, long end)
            implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_POSIX_LOCK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(reqId);
            out.writeLong(owner);
            out.writeInt(pid);
            out.writeByte(cmd);
            out.writeByte(lockType);
            out.writeLong(start);
            out.writeLong(end);
        }
    }

    /** {@code msgid:32 inode:32 gmode:8}. */
    record GetTrashTime(int msgid, int inode, int gmode) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETTRASHTIME.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(gmode);
        }
    }

    /** {@code msgid:32 inode:32 uid:32 trashtime:32 smode:8}. */
    record SetTrashTime(int msgid, int inode, int uid, int trashTime, int smode) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SETTRASHTIME.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(uid);
            out.writeInt(trashTime);
            out.writeByte(smode);
        }
    }

    /** {@code msgid:32 inode:32 gmode:8}. */
    record GetSclass(int msgid, int inode, int gmode) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETSCLASS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(gmode);
        }
    }

    /**
     * Two forms: {@code msgid:32 inode:32 uid:32 goal:8 smode:8} (mfssetgoal; goal 1..9) or
     * {@code msgid:32 inode:32 uid:32 0xFF smode:8 [src:NAME] dst:NAME} (storage class by name; src only for
     * SMODE_EXCHANGE, smode&3 == 3). In the named form {@link #goal()} is 0xFF.
     */
    record SetSclass(int msgid, int inode, int uid, int goal, int smode, Optional<ByteString> srcClass,
                     Optional<ByteString> dstClass) implements ClientRequest {
        public static final int NAMED = 0xFF;
        public static final int SMODE_EXCHANGE = 3;
        public static final int SMODE_TMASK = 3;

        public SetSclass {
            boolean named = goal == NAMED;
            if (named != dstClass.isPresent()) {
                throw new IllegalArgumentException("a storage class name goes with goal 0xFF and only with it");
            }
            if (srcClass.isPresent() != (named && (smode & SMODE_TMASK) == SMODE_EXCHANGE)) {
                throw new IllegalArgumentException("a source class name goes with SMODE_EXCHANGE and only with it");
            }
        }

        /** The classic goal form. */
        public static SetSclass goal(int msgid, int inode, int uid, int goal, int smode) {
            return new SetSclass(msgid, inode, uid, goal, smode, Optional.empty(), Optional.empty());
        }

        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SETSCLASS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(uid);
            out.writeByte(goal);
            out.writeByte(smode);
            srcClass.ifPresent(n -> WireWriter.name(out, n));
            dstClass.ifPresent(n -> WireWriter.name(out, n));
        }
    }

    /** {@code msgid:32 inode:32 gmode:8}. */
    record GetEattr(int msgid, int inode, int gmode) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETEATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeByte(gmode);
        }
    }

    /** {@code msgid:32 inode:32 uid:32 eattr:8 smode:8}. */
    record SetEattr(int msgid, int inode, int uid, int eattr, int smode) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SETEATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(uid);
            out.writeByte(eattr);
            out.writeByte(smode);
        }
    }

    /** {@code msgid:32 inode:32}. */
    record GetDirStats(int msgid, int inode) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_GETDIRSTATS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
        }
    }

    /** {@code msgid:32 inode:32 [indx:32]}: copy counts of all chunks, or the copies of one chunk. */
    record Check(int msgid, int inode, OptionalInt index) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_CHECK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            index.ifPresent(out::writeInt);
        }
    }

    /** {@code msgid:32 inode:32 dstparent:32 name:NAME uid:32 GIDS smode:8 umask:16}. */
    record Snapshot(int msgid, int inode, int dstParent, ByteString name, int uid, Gids gids, int smode, int umask)
            implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_SNAPSHOT.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            out.writeInt(dstParent);
            WireWriter.name(out, name);
            out.writeInt(uid);
            WireWriter.gids(out, gids);
            out.writeByte(smode);
            out.writeShort(umask);
        }
    }

    /** {@code msgid:32 inode:32}. */
    record Paths(int msgid, int inode) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_FUSE_PATHS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
        }
    }

    /** {@code msgid:32 longmode:8}: the storage class names (tools); only the short form (0) is decoded in replies. */
    record SclassList(int msgid, int longMode) implements ClientRequest {
        @Override
        public int type() {
            return MessageType.CLTOMA_SCLASS_LIST.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(longMode);
        }
    }

    /** {@code N*[inode:32]}, no msgid: the files this mount still holds open (sent every 60 s and at unmount). */
    record SustainedInodes(List<Integer> inodes) implements ClientRequest {
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
    record AmtimeInodes(List<Amtime> entries) implements ClientRequest {
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
