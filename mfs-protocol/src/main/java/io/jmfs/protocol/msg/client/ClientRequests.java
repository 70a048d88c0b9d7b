package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.codec.WireReader;
import io.jmfs.protocol.msg.client.ChunkRequest.*;
import io.jmfs.protocol.msg.client.LockRequest.*;
import io.jmfs.protocol.msg.client.NamespaceRequest.*;
import io.jmfs.protocol.msg.client.SessionRequest.*;
import io.jmfs.protocol.msg.client.ToolRequest.*;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decodes client-to-master packets into {@link ClientRequest}s, checking that each payload has exactly the size its
 * grammar implies. The payload's reader index is advanced; the buffer is not released.
 */
public final class ClientRequests {
    private static final int BLOB_SIZE = 64;

    private ClientRequests() {
    }

    /** Whether {@link #decode} knows this packet type. */
    public static boolean isKnown(int type) {
        return MessageType.of(type).map(t -> switch (t) {
            case ANTOAN_NOP, CLTOMA_FUSE_REGISTER, CLTOMA_FUSE_TIME_SYNC, CLTOMA_FUSE_STATFS, CLTOMA_FUSE_ACCESS,
                 CLTOMA_FUSE_LOOKUP, CLTOMA_FUSE_GETATTR, CLTOMA_FUSE_SETATTR, CLTOMA_FUSE_READLINK,
                 CLTOMA_FUSE_SYMLINK, CLTOMA_FUSE_MKNOD, CLTOMA_FUSE_MKDIR, CLTOMA_FUSE_UNLINK, CLTOMA_FUSE_RMDIR,
                 CLTOMA_FUSE_RENAME, CLTOMA_FUSE_LINK, CLTOMA_FUSE_READDIR, CLTOMA_FUSE_OPEN, CLTOMA_FUSE_CREATE,
                 CLTOMA_FUSE_READ_CHUNK, CLTOMA_FUSE_WRITE_CHUNK, CLTOMA_FUSE_WRITE_CHUNK_END, CLTOMA_FUSE_TRUNCATE,
                 CLTOMA_FUSE_GETXATTR, CLTOMA_FUSE_SETXATTR, CLTOMA_FUSE_GETFACL, CLTOMA_FUSE_FLOCK,
                 CLTOMA_FUSE_POSIX_LOCK, CLTOMA_FUSE_GETTRASHTIME, CLTOMA_FUSE_SETTRASHTIME, CLTOMA_FUSE_GETSCLASS,
                 CLTOMA_FUSE_SETSCLASS, CLTOMA_FUSE_GETEATTR, CLTOMA_FUSE_SETEATTR, CLTOMA_FUSE_GETDIRSTATS,
                 CLTOMA_FUSE_CHECK, CLTOMA_FUSE_SNAPSHOT, CLTOMA_FUSE_PATHS, CLTOMA_FUSE_SUSTAINED_INODES,
                 CLTOMA_FUSE_AMTIME_INODES, CLTOMA_SCLASS_LIST, CLTOMA_FUSE_ARCHCTL, CLTOMA_FUSE_APPEND_SLICE,
                 CLTOMA_FUSE_QUOTACONTROL -> true;
            default -> false;
        }).orElse(false);
    }

    /**
     * Decodes one packet.
     *
     * @throws MalformedPacketException for an unknown type (see {@link #isKnown}) or a payload that does not match
     */
    public static ClientRequest decode(int type, ByteBuf payload) throws MalformedPacketException {
        WireReader r = new WireReader(type, payload);
        if (!isKnown(type)) {
            throw r.malformed("not a client request this decoder knows");
        }
        ClientRequest m = switch (MessageType.of(type).orElseThrow()) {
            case ANTOAN_NOP -> new Nop(r.u32("msgid"));
            case CLTOMA_FUSE_REGISTER -> register(r);
            case CLTOMA_FUSE_TIME_SYNC -> new TimeSync(r.u32("msgid"));
            case CLTOMA_FUSE_STATFS -> new Statfs(r.u32("msgid"));
            case CLTOMA_FUSE_ACCESS -> access(r);
            case CLTOMA_FUSE_LOOKUP -> new Lookup(r.u32("msgid"), r.u32("parent"), r.name("name"), r.u32("uid"),
                    r.gids(0));
            case CLTOMA_FUSE_GETATTR -> new GetAttr(r.u32("msgid"), r.u32("inode"), r.u8("opened"), r.u32("uid"),
                    r.u32("gid"));
            case CLTOMA_FUSE_SETATTR -> new SetAttr(r.u32("msgid"), r.u32("inode"), r.u8("opened"), r.u32("uid"),
                    r.gids(21), r.u8("setmask"), r.u16("mode"), r.u32("attruid"), r.u32("attrgid"), r.u32("atime"),
                    r.u32("mtime"), r.u8("winattr"), r.u8("sugidclearmode"));
            case CLTOMA_FUSE_READLINK -> new ReadLink(r.u32("msgid"), r.u32("inode"));
            case CLTOMA_FUSE_SYMLINK -> new Symlink(r.u32("msgid"), r.u32("parent"), r.name("name"),
                    r.nulString32("path"), r.u32("uid"), r.gids(0));
            case CLTOMA_FUSE_MKNOD -> new Mknod(r.u32("msgid"), r.u32("parent"), r.name("name"), r.u8("type"),
                    r.u16("mode"), r.u16("umask"), r.u32("uid"), r.gids(4), r.u32("rdev"));
            case CLTOMA_FUSE_MKDIR -> new Mkdir(r.u32("msgid"), r.u32("parent"), r.name("name"), r.u16("mode"),
                    r.u16("umask"), r.u32("uid"), r.gids(1), r.u8("copysgid"));
            case CLTOMA_FUSE_UNLINK -> new Unlink(r.u32("msgid"), r.u32("parent"), r.name("name"), r.u32("uid"),
                    r.gids(0));
            case CLTOMA_FUSE_RMDIR -> new Rmdir(r.u32("msgid"), r.u32("parent"), r.name("name"), r.u32("uid"),
                    r.gids(0));
            case CLTOMA_FUSE_RENAME -> new Rename(r.u32("msgid"), r.u32("srcparent"), r.name("src name"),
                    r.u32("dstparent"), r.name("dst name"), r.u32("uid"), r.gids(0));
            case CLTOMA_FUSE_LINK -> new Link(r.u32("msgid"), r.u32("inode"), r.u32("dstparent"), r.name("name"),
                    r.u32("uid"), r.gids(0));
            case CLTOMA_FUSE_READDIR -> new Readdir(r.u32("msgid"), r.u32("inode"), r.u32("uid"), r.gids(13),
                    r.u8("flags"), r.u32("maxentries"), r.u64("nedgeid"));
            case CLTOMA_FUSE_OPEN -> new Open(r.u32("msgid"), r.u32("inode"), r.u32("uid"), r.gids(1), r.u8("flags"));
            case CLTOMA_FUSE_CREATE -> new Create(r.u32("msgid"), r.u32("parent"), r.name("name"), r.u16("mode"),
                    r.u16("umask"), r.u32("uid"), r.gids(0));
            case CLTOMA_FUSE_READ_CHUNK -> new ReadChunk(r.u32("msgid"), r.u32("inode"), r.u32("indx"),
                    r.u8("chunkopflags"));
            case CLTOMA_FUSE_WRITE_CHUNK -> new WriteChunk(r.u32("msgid"), r.u32("inode"), r.u32("indx"),
                    r.u8("chunkopflags"));
            case CLTOMA_FUSE_WRITE_CHUNK_END -> new WriteChunkEnd(r.u32("msgid"), r.u64("chunkid"), r.u32("inode"),
                    r.u32("indx"), r.u64("flen"), r.u8("chunkopflags"));
            case CLTOMA_FUSE_TRUNCATE -> new Truncate(r.u32("msgid"), r.u32("inode"), r.u8("flags"), r.u32("uid"),
                    r.gids(8), r.u64("length"));
            case CLTOMA_FUSE_GETXATTR -> new GetXattr(r.u32("msgid"), r.u32("inode"), r.name("name"), r.u8("mode"),
                    r.u8("opened"), r.u32("uid"), r.gids(0));
            case CLTOMA_FUSE_SETXATTR -> new SetXattr(r.u32("msgid"), r.u32("inode"), r.name("name"),
                    r.string32("value"), r.u8("mode"), r.u8("opened"), r.u32("uid"), r.gids(0));
            case CLTOMA_FUSE_GETFACL -> new GetFacl(r.u32("msgid"), r.u32("inode"), r.u8("acltype"));
            case CLTOMA_FUSE_FLOCK -> new Flock(r.u32("msgid"), r.u32("inode"), r.u32("reqid"), r.u64("owner"),
                    r.u8("cmd"));
            case CLTOMA_FUSE_POSIX_LOCK -> new PosixLock(r.u32("msgid"), r.u32("inode"), r.u32("reqid"),
                    r.u64("owner"), r.u32("pid"), r.u8("cmd"), r.u8("type"), r.u64("start"), r.u64("end"));
            case CLTOMA_FUSE_GETTRASHTIME -> new GetTrashTime(r.u32("msgid"), r.u32("inode"), r.u8("gmode"));
            case CLTOMA_FUSE_SETTRASHTIME -> new SetTrashTime(r.u32("msgid"), r.u32("inode"), r.u32("uid"),
                    r.u32("trashtime"), r.u8("smode"));
            case CLTOMA_FUSE_GETSCLASS -> new GetSclass(r.u32("msgid"), r.u32("inode"), r.u8("gmode"));
            case CLTOMA_FUSE_SETSCLASS -> setSclass(r);
            case CLTOMA_FUSE_GETEATTR -> new GetEattr(r.u32("msgid"), r.u32("inode"), r.u8("gmode"));
            case CLTOMA_FUSE_SETEATTR -> new SetEattr(r.u32("msgid"), r.u32("inode"), r.u32("uid"), r.u8("eattr"),
                    r.u8("smode"));
            case CLTOMA_FUSE_GETDIRSTATS -> new GetDirStats(r.u32("msgid"), r.u32("inode"));
            case CLTOMA_FUSE_CHECK -> new Check(r.u32("msgid"), r.u32("inode"),
                    r.remaining() == 4 ? OptionalInt.of(r.u32("indx")) : OptionalInt.empty());
            case CLTOMA_FUSE_SNAPSHOT -> new Snapshot(r.u32("msgid"), r.u32("inode"), r.u32("dstparent"),
                    r.name("name"), r.u32("uid"), r.gids(3), r.u8("smode"), r.u16("umask"));
            case CLTOMA_FUSE_PATHS -> new Paths(r.u32("msgid"), r.u32("inode"));
            case CLTOMA_SCLASS_LIST -> new SclassList(r.u32("msgid"), r.u8("longmode"));
            case CLTOMA_FUSE_ARCHCTL -> archCtl(r);
            case CLTOMA_FUSE_SUSTAINED_INODES -> sustained(r);
            case CLTOMA_FUSE_AMTIME_INODES -> amtime(r);
            case CLTOMA_FUSE_APPEND_SLICE -> appendSlice(r);
            case CLTOMA_FUSE_QUOTACONTROL -> quotaControl(r);
            default -> throw r.malformed("not a client request this decoder knows");
        };
        r.end();
        return m;
    }

    private static ClientRequest access(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        int inode = r.u32("inode");
        int uid = r.u32("uid");
        if (r.remaining() == 5) {
            return new Access(msgid, inode, uid, Gids.single(r.u32("gid")), r.u8("perm"));
        }
        return new Access(msgid, inode, uid, r.gids(2), r.u16("perm"));
    }

    /** 9 bytes for GET, 13 (with the uid) for SET and CLR, as the master checks it. */
    private static ClientRequest archCtl(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        int inode = r.u32("inode");
        int cmd = r.u8("cmd");
        if (cmd == ArchCtl.GET) {
            return ArchCtl.get(msgid, inode);
        }
        return ArchCtl.change(msgid, inode, cmd, r.u32("uid"));
    }

    private static ClientRequest setSclass(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        int inode = r.u32("inode");
        int uid = r.u32("uid");
        int goal = r.u8("goal");
        int smode = r.u8("smode");
        if (goal != SetSclass.NAMED) {
            return SetSclass.goal(msgid, inode, uid, goal, smode);
        }
        Optional<ByteString> src = (smode & SetSclass.SMODE_TMASK) == SetSclass.SMODE_EXCHANGE
                ? Optional.of(r.name("src class")) : Optional.empty();
        return new SetSclass(msgid, inode, uid, goal, smode, src, Optional.of(r.name("dst class")));
    }

    /**
     * Only the slice form (odd length, sent since 3.0.92) is taken; the older even-length forms have no flags or
     * slice and a 3.0.117 master appends nothing for them anyway.
     */
    private static ClientRequest appendSlice(WireReader r) throws MalformedPacketException {
        if (r.remaining() % 2 == 0) {
            throw r.malformed("only the slice form (3.0.92+, odd length) is supported, not " + r.remaining()
                    + " bytes");
        }
        int msgid = r.u32("msgid");
        int flags = r.u8("flags");
        if ((flags & ~(AppendSlice.FROM_NEG | AppendSlice.TO_NEG)) != 0) {
            throw r.malformed("unknown flags 0x" + Integer.toHexString(flags));
        }
        int inode = r.u32("inode");
        int src = r.u32("srcinode");
        int from = r.u32("slice_from");
        int to = r.u32("slice_to");
        int uid = r.u32("uid");
        int count = r.u32("gids count");
        if (count <= 0 || (long) count * 4 != r.remaining()) {
            throw r.malformed("gids count " + Integer.toUnsignedString(count) + " does not match " + r.remaining()
                    + " remaining bytes");
        }
        int[] gids = new int[count];
        for (int i = 0; i < count; i++) {
            gids[i] = r.u32("gid");
        }
        return new AppendSlice(msgid, flags, inode, src, from, to, uid, Gids.of(gids));
    }

    private static ClientRequest quotaControl(WireReader r) throws MalformedPacketException {
        int size = r.remaining();
        if (size != 9 && size != 65 && size != 69) {
            throw r.malformed("QUOTACONTROL is 9, 65 or 69 bytes, not " + size);
        }
        int msgid = r.u32("msgid");
        int inode = r.u32("inode");
        int flags = r.u8("qflags");
        if (size == 9) {
            return new QuotaControl(msgid, inode, flags, Optional.empty());
        }
        return new QuotaControl(msgid, inode, flags, Optional.of(quotaLimits(r, size == 69)));
    }

    /** The limits of a QUOTACONTROL request or answer; package-wide so the reply decoder shares it. */
    static QuotaLimits quotaLimits(WireReader r, boolean withGrace) throws MalformedPacketException {
        OptionalInt grace = withGrace ? OptionalInt.of(r.u32("graceperiod")) : OptionalInt.empty();
        return new QuotaLimits(grace, r.u32("sinodes"), r.u64("slength"), r.u64("ssize"), r.u64("srealsize"),
                r.u32("hinodes"), r.u64("hlength"), r.u64("hsize"), r.u64("hrealsize"));
    }

    private static ClientRequest sustained(WireReader r) throws MalformedPacketException {
        if (r.remaining() % 4 != 0) {
            throw r.malformed("not a multiple of 4 bytes");
        }
        List<Integer> inodes = new ArrayList<>(r.remaining() / 4);
        while (r.remaining() > 0) {
            inodes.add(r.u32("inode"));
        }
        return new SustainedInodes(inodes);
    }

    private static ClientRequest amtime(WireReader r) throws MalformedPacketException {
        if (r.remaining() % 12 != 0) {
            throw r.malformed("not a multiple of 12 bytes");
        }
        List<Amtime> entries = new ArrayList<>(r.remaining() / 12);
        while (r.remaining() > 0) {
            entries.add(new Amtime(r.u32("inode"), r.u32("atime"), r.u32("mtime")));
        }
        return new AmtimeInodes(entries);
    }

    private static ClientRequest register(WireReader r) throws MalformedPacketException {
        ByteString blob = r.byteString(BLOB_SIZE, "register blob");
        if (!blob.equals(SessionRequest.REGISTER_BLOB)) {
            throw r.malformed("unknown register blob " + blob);
        }
        int rcode = r.u8("rcode");
        return switch (rcode) {
            case SessionRequest.REGISTER_GETRANDOM -> new RegisterGetRandom();
            case SessionRequest.REGISTER_NEWSESSION -> {
                int version = r.u32("version");
                ByteString info = r.string32("info");
                ByteString path = r.string32("path");
                SessionFields f = sessionFields(r);
                yield new RegisterNewSession(version, info, path, f.sessionId, f.metaId, f.digest);
            }
            case SessionRequest.REGISTER_NEWMETASESSION -> {
                int version = r.u32("version");
                ByteString info = r.string32("info");
                SessionFields f = sessionFields(r);
                yield new RegisterNewMetaSession(version, info, f.sessionId, f.metaId, f.digest);
            }
            case SessionRequest.REGISTER_RECONNECT -> new RegisterReconnect(r.u32("sessionid"), r.u32("version"),
                    optionalMetaId(r));
            case SessionRequest.REGISTER_TOOLS -> new RegisterTools(r.u32("sessionid"), r.u32("version"),
                    optionalMetaId(r));
            case SessionRequest.REGISTER_CLOSESESSION -> new RegisterCloseSession(r.u32("sessionid"),
                    optionalMetaId(r));
            default -> throw r.malformed("unknown register code " + rcode);
        };
    }

    private static OptionalLong optionalMetaId(WireReader r) throws MalformedPacketException {
        return r.remaining() == 8 ? OptionalLong.of(r.u64("metaid")) : OptionalLong.empty();
    }

    private record SessionFields(OptionalInt sessionId, OptionalLong metaId, Optional<ByteString> digest) {
    }

    /** {@code [sessionid:32 [metaid:64]] [md5:16]}: told apart by the remaining length (0, 4, 12, 16, 20, 28). */
    private static SessionFields sessionFields(WireReader r) throws MalformedPacketException {
        int rest = r.remaining();
        int withoutDigest = rest >= 16 && (rest - 16 == 0 || rest - 16 == 4 || rest - 16 == 12) ? rest - 16 : rest;
        if (withoutDigest != 0 && withoutDigest != 4 && withoutDigest != 12) {
            throw r.malformed(rest + " bytes after the register strings fit no [sessionid [metaid]] [digest] form");
        }
        OptionalInt sessionId = withoutDigest >= 4 ? OptionalInt.of(r.u32("sessionid")) : OptionalInt.empty();
        OptionalLong metaId = withoutDigest == 12 ? OptionalLong.of(r.u64("metaid")) : OptionalLong.empty();
        Optional<ByteString> digest = r.remaining() == 16 ? Optional.of(r.byteString(16, "digest")) : Optional.empty();
        return new SessionFields(sessionId, metaId, digest);
    }
}
