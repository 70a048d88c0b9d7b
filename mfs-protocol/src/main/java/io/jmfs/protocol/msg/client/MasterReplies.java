package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.codec.WireReader;
import io.jmfs.protocol.msg.client.ChunkOpReply.*;
import io.jmfs.protocol.msg.client.LockReply.*;
import io.jmfs.protocol.msg.client.MasterReply.*;
import io.jmfs.protocol.msg.client.NamespaceReply.*;
import io.jmfs.protocol.msg.client.SessionReply.*;
import io.jmfs.protocol.msg.client.ToolReply.*;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes master-to-client packets into {@link MasterReply}s, as a client announcing 3.0.117 receives them. A
 * {@code msgid:32 status:8} payload decodes to {@link Status} for every reply type (the client tells error answers
 * apart by length too). The payload's reader index is advanced; the buffer is not released.
 */
public final class MasterReplies {
    private static final int STATUS_SIZE = 5;
    private static final int CHECK_COUNTS = 12;

    private MasterReplies() {
    }

    /**
     * Decodes one packet. READDIR answers are taken as the with-attributes form when they parse as such, otherwise
     * as the type-only form; a client that knows which it asked for uses {@link #decodeReaddir}.
     */
    public static MasterReply decode(int type, ByteBuf payload) throws MalformedPacketException {
        WireReader r = new WireReader(type, payload);
        MessageType t = MessageType.of(type).filter(REPLY_TYPES::contains)
                .orElseThrow(() -> r.malformed("not a master reply"));
        if (t == MessageType.MATOCL_FUSE_REGISTER) {
            MasterReply m = register(r);
            r.end();
            return m;
        }
        if (t == MessageType.ANTOAN_NOP) {
            MasterReply m = new Nop(r.u32("msgid"));
            r.end();
            return m;
        }
        if (r.remaining() == STATUS_SIZE && hasStatusForm(t)) {
            MasterReply m = new Status(type, r.u32("msgid"), r.status());
            r.end();
            return m;
        }
        if (t == MessageType.MATOCL_FUSE_READDIR) {
            int start = payload.readerIndex();
            try {
                return decodeReaddir(payload, true);
            } catch (MalformedPacketException e) {
                payload.readerIndex(start);
                return decodeReaddir(payload, false);
            }
        }
        MasterReply m = switch (t) {
            case MATOCL_FUSE_TIME_SYNC -> new TimeSync(r.u32("msgid"), r.u64("usec"));
            case MATOCL_FUSE_STATFS -> new Statfs(r.u32("msgid"), r.u64("total"), r.u64("avail"), r.u64("free"),
                    r.u64("trash"), r.u64("sustained"), r.u32("inodes"));
            case MATOCL_FUSE_LOOKUP -> lookup(r);
            case MATOCL_FUSE_GETATTR, MATOCL_FUSE_SETATTR -> new AttrReply(type, r.u32("msgid"), r.attr());
            case MATOCL_FUSE_SYMLINK, MATOCL_FUSE_MKNOD, MATOCL_FUSE_MKDIR, MATOCL_FUSE_RENAME, MATOCL_FUSE_LINK ->
                    new EntryReply(type, r.u32("msgid"), r.u32("inode"), r.attr());
            case MATOCL_FUSE_UNLINK, MATOCL_FUSE_RMDIR -> new InodeReply(type, r.u32("msgid"), r.u32("inode"));
            case MATOCL_FUSE_READLINK -> new ReadLink(r.u32("msgid"), r.nulString32("path"));
            case MATOCL_FUSE_OPEN -> new Open(r.u32("msgid"), r.u8("oflags"), r.attr());
            case MATOCL_FUSE_CREATE -> new Create(r.u32("msgid"), r.u8("oflags"), r.u32("inode"), r.attr());
            case MATOCL_FUSE_READ_CHUNK, MATOCL_FUSE_WRITE_CHUNK -> chunk(type, r);
            case MATOCL_FUSE_TRUNCATE -> new Truncate(r.u32("msgid"), r.u64("prevsize"), r.attr());
            case MATOCL_FUSE_GETXATTR -> {
                int msgid = r.u32("msgid");
                int vleng = r.u32("value length");
                yield new GetXattr(msgid, vleng,
                        r.remaining() == 0 ? Optional.empty() : Optional.of(r.byteString(vleng, "value")));
            }
            case MATOCL_FUSE_GETFACL -> facl(r);
            case MATOCL_FUSE_POSIX_LOCK -> new PosixLockInfo(r.u32("msgid"), r.u32("pid"), r.u8("type"),
                    r.u64("start"), r.u64("end"));
            case MATOCL_FUSE_GETTRASHTIME -> trashTime(r);
            case MATOCL_FUSE_SETTRASHTIME, MATOCL_FUSE_SETSCLASS, MATOCL_FUSE_SETEATTR -> new SetResult(type,
                    r.u32("msgid"), r.u32("changed"), r.u32("notchanged"), r.u32("notpermitted"));
            case MATOCL_FUSE_GETSCLASS -> sclass(r);
            case MATOCL_FUSE_GETEATTR -> eattr(r);
            case MATOCL_FUSE_GETDIRSTATS -> dirStats(r);
            case MATOCL_FUSE_CHECK -> check(r);
            case MATOCL_FUSE_PATHS -> paths(r);
            case MATOCL_FUSE_ARCHCTL -> r.remaining() == ArchiveCounts.SIZE
                    ? new ArchiveCounts(r.u32("msgid"), r.u64("archchunks"), r.u64("notarchchunks"),
                    r.u32("archinodes"), r.u32("partialinodes"), r.u32("notarchinodes"))
                    : new ArchiveChanged(r.u32("msgid"), r.u64("chunkschanged"), r.u64("chunksnotchanged"),
                    r.u32("inodesnotpermitted"));
            case MATOCL_FUSE_QUOTACONTROL -> quotaControl(r);
            case MATOCL_SCLASS_LIST -> {
                int msgid = r.u32("msgid");
                List<ByteString> names = new ArrayList<>();
                while (r.remaining() > 0) {
                    names.add(r.name("sclass name"));
                }
                yield new SclassList(msgid, names);
            }
            case MATOCL_FUSE_CHUNK_HAS_CHANGED -> {
                zeroMsgid(r);
                yield new ChunkHasChanged(r.u32("inode"), r.u32("indx"), r.u64("chunkid"), r.u32("version"),
                        r.u64("flen"), r.u8("truncflag"));
            }
            case MATOCL_FUSE_FLENG_HAS_CHANGED -> {
                zeroMsgid(r);
                yield new FlengHasChanged(r.u32("inode"), r.u64("flen"));
            }
            case MATOCL_FUSE_INVALIDATE_CHUNK_CACHE -> {
                zeroMsgid(r);
                yield new InvalidateChunkCache();
            }
            default -> throw r.malformed("no decoder for this master reply");
        };
        r.end();
        return m;
    }

    /** Every reply passes this test: a set built once, not a name comparison per packet. */
    private static final Set<MessageType> REPLY_TYPES = EnumSet.copyOf(Arrays.stream(MessageType.values())
            .filter(MasterReplies::isMasterReplyType).toList());

    private static boolean isMasterReplyType(MessageType m) {
        return m.name().startsWith("MATOCL_FUSE") || m == MessageType.MATOCL_SCLASS_LIST
                || m == MessageType.ANTOAN_NOP;
    }

    /** Decodes a READDIR answer of the form the request asked for ({@code flags & 1}). */
    public static Readdir decodeReaddir(ByteBuf payload, boolean withAttr) throws MalformedPacketException {
        WireReader r = new WireReader(MessageType.MATOCL_FUSE_READDIR.id(), payload);
        int msgid = r.u32("msgid");
        long next = r.u64("nedgeid");
        List<DirEntry> entries = new ArrayList<>();
        while (r.remaining() > 0) {
            ByteString name = r.name("entry name");
            int inode = r.u32("entry inode");
            entries.add(withAttr ? DirEntry.withAttr(name, inode, r.attr())
                    : DirEntry.withType(name, inode, r.u8("entry type")));
        }
        return new Readdir(msgid, next, entries);
    }

    private static boolean hasStatusForm(MessageType t) {
        return t != MessageType.MATOCL_FUSE_CHUNK_HAS_CHANGED && t != MessageType.MATOCL_FUSE_FLENG_HAS_CHANGED
                && t != MessageType.MATOCL_FUSE_INVALIDATE_CHUNK_CACHE;
    }

    private static void zeroMsgid(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        if (msgid != 0) {
            throw r.malformed("notification with msgid " + msgid + " instead of 0");
        }
    }

    private static MasterReply register(WireReader r) throws MalformedPacketException {
        return switch (r.remaining()) {
            case 1 -> new RegisterStatus(r.status());
            case 5 -> new RegisterReconnected(r.u32("version"), r.status());
            case 32 -> new RegisterRandom(r.byteString(32, "random"));
            case RegisterMetaSession.SIZE -> new RegisterMetaSession(r.u32("version"), r.u32("sessionid"),
                    r.u64("metaid"), r.u8("sesflags"), r.u8("mingoal"), r.u8("maxgoal"), r.u32("mintrashtime"),
                    r.u32("maxtrashtime"));
            case RegisterSession.SIZE -> new RegisterSession(r.u32("version"), r.u32("sessionid"), r.u64("metaid"),
                    r.u8("sesflags"), r.u16("umask"), r.u32("rootuid"), r.u32("rootgid"), r.u32("mapalluid"),
                    r.u32("mapallgid"), r.u8("mingoal"), r.u8("maxgoal"), r.u32("mintrashtime"),
                    r.u32("maxtrashtime"), r.u32("disables"));
            default -> throw r.malformed("no 3.0.117 register answer has " + r.remaining() + " bytes");
        };
    }

    private static MasterReply lookup(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        int inode = r.u32("inode");
        Attr attr = r.attr();
        int lflags = r.u16("lflags");
        Optional<ChunkData> chunkZero = Optional.empty();
        if ((lflags & Lookup.CHUNK_ZERO_DATA) != 0) {
            chunkZero = Optional.of(chunkData(r));
        }
        return new Lookup(msgid, inode, attr, lflags, chunkZero);
    }

    private static ChunkData chunkData(WireReader r) throws MalformedPacketException {
        int protocol = r.u8("chunk data protocol id");
        if (protocol != ChunkData.PROTOCOL_ID) {
            throw r.malformed("chunk data protocol id " + protocol + " is not 2");
        }
        long chunkId = r.u64("chunkid");
        int version = r.u32("version");
        List<ChunkLocation> locations = r.chunkLocations();
        return new ChunkData(chunkId, version, locations);
    }

    private static MasterReply chunk(int type, WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        int protocol = r.u8("protocol id");
        if (protocol != ChunkData.PROTOCOL_ID) {
            throw r.malformed("chunk reply protocol id " + protocol + " is not 2");
        }
        long flen = r.u64("flen");
        long chunkId = r.u64("chunkid");
        int version = r.u32("version");
        return new ChunkReply(type, msgid, flen, new ChunkData(chunkId, version, r.chunkLocations()));
    }

    private static MasterReply facl(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        int userPerm = r.u16("userperm");
        int groupPerm = r.u16("groupperm");
        int otherPerm = r.u16("otherperm");
        int mask = r.u16("mask");
        int users = r.u16("namedusers");
        int groups = r.u16("namedgroups");
        if (r.remaining() != (users + groups) * 6) {
            throw r.malformed("acl entry counts do not match the length");
        }
        List<AclEntry> u = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            u.add(new AclEntry(r.u32("uid"), r.u16("perm")));
        }
        List<AclEntry> g = new ArrayList<>(groups);
        for (int i = 0; i < groups; i++) {
            g.add(new AclEntry(r.u32("gid"), r.u16("perm")));
        }
        return new GetFacl(msgid, userPerm, groupPerm, otherPerm, mask, u, g);
    }

    private static MasterReply trashTime(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        int fcnt = r.u32("file count");
        int dcnt = r.u32("dir count");
        if ((long) r.remaining() != 8L * (Integer.toUnsignedLong(fcnt) + Integer.toUnsignedLong(dcnt))) {
            throw r.malformed("trashtime counts do not match the length");
        }
        List<ValueCount> files = new ArrayList<>();
        for (int i = 0; i < fcnt; i++) {
            files.add(new ValueCount(r.u32("trashtime"), r.u32("count")));
        }
        List<ValueCount> dirs = new ArrayList<>();
        for (int i = 0; i < dcnt; i++) {
            dirs.add(new ValueCount(r.u32("trashtime"), r.u32("count")));
        }
        return new GetTrashTime(msgid, files, dirs);
    }

    private static MasterReply sclass(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        int fcnt = r.u8("file count");
        int dcnt = r.u8("dir count");
        List<SclassCount> files = new ArrayList<>(fcnt);
        for (int i = 0; i < fcnt; i++) {
            files.add(sclassCount(r));
        }
        List<SclassCount> dirs = new ArrayList<>(dcnt);
        for (int i = 0; i < dcnt; i++) {
            dirs.add(sclassCount(r));
        }
        return new GetSclass(msgid, files, dirs);
    }

    private static SclassCount sclassCount(WireReader r) throws MalformedPacketException {
        int id = r.u8("sclass id");
        Optional<ByteString> name = id == SclassCount.NAMED ? Optional.of(r.name("sclass name")) : Optional.empty();
        return new SclassCount(id, name, r.u32("count"));
    }

    private static MasterReply eattr(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        int fcnt = r.u8("file count");
        int dcnt = r.u8("dir count");
        List<ValueCount> files = new ArrayList<>(fcnt);
        for (int i = 0; i < fcnt; i++) {
            files.add(new ValueCount(r.u8("eattr"), r.u32("count")));
        }
        List<ValueCount> dirs = new ArrayList<>(dcnt);
        for (int i = 0; i < dcnt; i++) {
            dirs.add(new ValueCount(r.u8("eattr"), r.u32("count")));
        }
        return new GetEattr(msgid, files, dirs);
    }

    private static MasterReply dirStats(WireReader r) throws MalformedPacketException {
        boolean mountForm = r.remaining() == 60;
        if (!mountForm && r.remaining() != 44) {
            throw r.malformed("dirstats answer is neither 60 nor 44 bytes");
        }
        int msgid = r.u32("msgid");
        int inodes = r.u32("inodes");
        int dirs = r.u32("dirs");
        int files = r.u32("files");
        if (mountForm) {
            r.u32("unused");
            r.u32("unused");
        }
        int chunks = r.u32("chunks");
        if (mountForm) {
            r.u32("unused");
            r.u32("unused");
        }
        return new GetDirStats(msgid, inodes, dirs, files, chunks, r.u64("length"), r.u64("size"), r.u64("realsize"),
                mountForm);
    }

    private static MasterReply quotaControl(WireReader r) throws MalformedPacketException {
        int size = r.remaining();
        if (size != 89 && size != 93) {
            throw r.malformed("QUOTACONTROL answer is 89 or 93 bytes, not " + size);
        }
        int msgid = r.u32("msgid");
        int flags = r.u8("qflags");
        ToolRequest.QuotaLimits limits = ClientRequests.quotaLimits(r, size == 93);
        return new QuotaControl(msgid, flags, limits, r.u32("curinodes"), r.u64("curlength"), r.u64("cursize"),
                r.u64("currealsize"));
    }

    private static MasterReply check(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        if (r.remaining() == CHECK_COUNTS * 4) {
            List<Integer> counts = new ArrayList<>(CHECK_COUNTS);
            for (int i = 0; i < CHECK_COUNTS; i++) {
                counts.add(r.u32("count"));
            }
            return new CheckCounts(msgid, counts);
        }
        long chunkId = r.u64("chunkid");
        int version = r.u32("version");
        if (r.remaining() % 7 != 0) {
            throw r.malformed("chunk copy list is not a multiple of 7 bytes");
        }
        List<CheckCopy> copies = new ArrayList<>();
        while (r.remaining() > 0) {
            copies.add(new CheckCopy(r.u32("ip"), r.u16("port"), r.u8("type")));
        }
        return new CheckChunk(msgid, chunkId, version, copies);
    }

    private static MasterReply paths(WireReader r) throws MalformedPacketException {
        int msgid = r.u32("msgid");
        List<ByteString> paths = new ArrayList<>();
        while (r.remaining() > 0) {
            paths.add(r.string32("path"));
        }
        return new Paths(msgid, paths);
    }
}
