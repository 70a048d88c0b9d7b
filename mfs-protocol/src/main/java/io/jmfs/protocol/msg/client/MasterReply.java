package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.AttrCodec;
import io.jmfs.protocol.codec.WireWriter;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Packets the master sends to a client on port 9421, in the 3.0.117 formats (36-byte ATTR; the formats a client
 * announcing 3.0.113 or later gets). Each record's javadoc gives its grammar after the 8-byte header. Every reply
 * except MATOCL_FUSE_REGISTER starts with the request's {@code msgid:32}; unsolicited packets carry msgid 0. Any
 * reply can instead be a {@link Status} ({@code msgid:32 status:8}), which the client recognises by its length.
 * Decoding is {@link MasterReplies#decode}.
 */
public sealed interface MasterReply extends WireMessage {

    /** The echoed request id (0 for unsolicited packets and REGISTER replies). */
    int msgid();

    /** Marker for MATOCL_FUSE_REGISTER answers (no msgid). */
    sealed interface RegisterReply extends MasterReply {
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
    record Nop(int msgid) implements MasterReply {
        @Override
        public int type() {
            return MessageType.ANTOAN_NOP.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
        }
    }

    /** {@code msgid:32 status:8}: an error (or a plain OK) answer to the request of reply type {@code type}. */
    record Status(int type, int msgid, MfsStatus status) implements MasterReply {
        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(status.code());
        }
    }

    /** {@code msgid:32 usec:64}: the master's wall clock in microseconds. */
    record TimeSync(int msgid, long wallClockMicros) implements MasterReply {
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

    /** {@code msgid:32 total:64 avail:64 free:64 trash:64 sustained:64 inodes:32} (clients from 3.0.102). */
    record Statfs(int msgid, long totalSpace, long availSpace, long freeSpace, long trashSpace, long sustainedSpace,
                  int inodes) implements MasterReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_STATFS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(totalSpace);
            out.writeLong(availSpace);
            out.writeLong(freeSpace);
            out.writeLong(trashSpace);
            out.writeLong(sustainedSpace);
            out.writeInt(inodes);
        }
    }

    /**
     * Where a chunk's copies are, as READ_CHUNK/WRITE_CHUNK answers and LOOKUP's chunk-0 data carry them:
     * {@code protocolid:8(=2) ... chunkid:64 version:32 N*CSLOC}.
     */
    record ChunkData(long chunkId, int version, List<ChunkLocation> locations) {
        public static final int PROTOCOL_ID = 2;

        public ChunkData {
            locations = List.copyOf(locations);
        }
    }

    /**
     * {@code msgid:32 inode:32 ATTR lflags:16 [02 chunkid:64 version:32 N*CSLOC]}; the bracket is present iff
     * lflags has {@link #CHUNK_ZERO_DATA}. The low byte of lflags is the bitmap of allowed access modes.
     */
    record Lookup(int msgid, int inode, Attr attr, int lflags, Optional<ChunkData> chunkZero) implements MasterReply {
        public static final int CHUNK_ZERO_DATA = 0x0100;
        public static final int RO_FILESYSTEM = 0x0200;
        public static final int KEEPCACHE = 0x0400;
        public static final int IMMUTABLE = 0x0800;
        public static final int DIRECTMODE = 0x1000;
        public static final int APPENDONLY = 0x2000;

        public Lookup {
            if (chunkZero.isPresent() != ((lflags & CHUNK_ZERO_DATA) != 0)) {
                throw new IllegalArgumentException("chunk-0 data must be present exactly when lflags has 0x0100");
            }
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_LOOKUP.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            AttrCodec.write(out, attr);
            out.writeShort(lflags);
            chunkZero.ifPresent(c -> {
                out.writeByte(ChunkData.PROTOCOL_ID);
                out.writeLong(c.chunkId());
                out.writeInt(c.version());
                WireWriter.chunkLocations(out, c.locations());
            });
        }
    }

    /** {@code msgid:32 ATTR}: the answer to GETATTR (409) and SETATTR (411). */
    record AttrReply(int type, int msgid, Attr attr) implements MasterReply {
        static final Set<MessageType> TYPES = Set.of(MessageType.MATOCL_FUSE_GETATTR, MessageType.MATOCL_FUSE_SETATTR);

        public AttrReply {
            requireType(type, TYPES);
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            AttrCodec.write(out, attr);
        }
    }

    /** {@code msgid:32 inode:32 ATTR}: the answer to SYMLINK, MKNOD, MKDIR, RENAME and LINK. */
    record EntryReply(int type, int msgid, int inode, Attr attr) implements MasterReply {
        static final Set<MessageType> TYPES = Set.of(MessageType.MATOCL_FUSE_SYMLINK, MessageType.MATOCL_FUSE_MKNOD,
                MessageType.MATOCL_FUSE_MKDIR, MessageType.MATOCL_FUSE_RENAME, MessageType.MATOCL_FUSE_LINK);

        public EntryReply {
            requireType(type, TYPES);
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
            AttrCodec.write(out, attr);
        }
    }

    /** {@code msgid:32 inode:32}: the answer to UNLINK and RMDIR (clients from 3.0.107), the removed inode. */
    record InodeReply(int type, int msgid, int inode) implements MasterReply {
        static final Set<MessageType> TYPES = Set.of(MessageType.MATOCL_FUSE_UNLINK, MessageType.MATOCL_FUSE_RMDIR);

        public InodeReply {
            requireType(type, TYPES);
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inode);
        }
    }

    /** {@code msgid:32 pleng:32 path[pleng]} with pleng counting a trailing NUL; {@link #path()} excludes it. */
    record ReadLink(int msgid, ByteString path) implements MasterReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_READLINK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            WireWriter.nulString32(out, path);
        }
    }

    /** One READDIR entry: {@code name:NAME inode:32 ATTR} (with attributes) or {@code name:NAME inode:32 type:8}. */
    record DirEntry(ByteString name, int inode, int nodeType, Optional<Attr> attr) {
        public static DirEntry withAttr(ByteString name, int inode, Attr attr) {
            return new DirEntry(name, inode, attr.type().code(), Optional.of(attr));
        }

        public static DirEntry withType(ByteString name, int inode, int nodeType) {
            return new DirEntry(name, inode, nodeType, Optional.empty());
        }
    }

    /**
     * {@code msgid:32 nedgeid:64 N*[name:NAME inode:32 ATTR]} when the request asked for attributes, otherwise
     * {@code msgid:32 nedgeid:64 N*[name:NAME inode:32 type:8]}; includes "." and "..". nedgeid continues a partial
     * listing (0 when complete).
     */
    record Readdir(int msgid, long nextEdgeId, List<DirEntry> entries) implements MasterReply {
        public Readdir {
            entries = List.copyOf(entries);
            long withAttr = entries.stream().filter(e -> e.attr().isPresent()).count();
            if (withAttr != 0 && withAttr != entries.size()) {
                throw new IllegalArgumentException("READDIR entries must all carry attributes or none");
            }
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_READDIR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(nextEdgeId);
            for (DirEntry e : entries) {
                WireWriter.name(out, e.name());
                out.writeInt(e.inode());
                if (e.attr().isPresent()) {
                    AttrCodec.write(out, e.attr().get());
                } else {
                    out.writeByte(e.nodeType());
                }
            }
        }
    }

    /** {@code msgid:32 oflags:8 ATTR}; oflags 0x01 KEEPCACHE, 0x02 DIRECTMODE, 0x04 APPENDONLY. */
    record Open(int msgid, int oflags, Attr attr) implements MasterReply {
        public static final int KEEPCACHE = 0x01;
        public static final int DIRECTMODE = 0x02;
        public static final int APPENDONLY = 0x04;

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_OPEN.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(oflags);
            AttrCodec.write(out, attr);
        }
    }

    /** {@code msgid:32 oflags:8 inode:32 ATTR}. */
    record Create(int msgid, int oflags, int inode, Attr attr) implements MasterReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_CREATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(oflags);
            out.writeInt(inode);
            AttrCodec.write(out, attr);
        }
    }

    /**
     * {@code msgid:32 02 flen:64 chunkid:64 version:32 N*CSLOC}: the answer to READ_CHUNK (433; chunkid 0 and no
     * locations for a hole) and WRITE_CHUNK (435; the first location heads the write chain).
     */
    record ChunkReply(int type, int msgid, long fileLength, ChunkData chunk) implements MasterReply {
        static final Set<MessageType> TYPES = Set.of(MessageType.MATOCL_FUSE_READ_CHUNK,
                MessageType.MATOCL_FUSE_WRITE_CHUNK);

        public ChunkReply {
            requireType(type, TYPES);
            Objects.requireNonNull(chunk);
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(ChunkData.PROTOCOL_ID);
            out.writeLong(fileLength);
            out.writeLong(chunk.chunkId());
            out.writeInt(chunk.version());
            WireWriter.chunkLocations(out, chunk.locations());
        }
    }

    /** {@code msgid:32 prevsize:64 ATTR} (clients from 3.0.113). */
    record Truncate(int msgid, long previousLength, Attr attr) implements MasterReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_TRUNCATE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(previousLength);
            AttrCodec.write(out, attr);
        }
    }

    /**
     * {@code msgid:32 vleng:32 [value[vleng]]}: the value is absent when the request asked only for the length
     * (mode 1). In list mode the value is the NUL-separated names.
     */
    record GetXattr(int msgid, int valueLength, Optional<ByteString> value) implements MasterReply {
        public GetXattr {
            if (value.isPresent() && value.get().length() != valueLength) {
                throw new IllegalArgumentException("xattr value length mismatch");
            }
        }

        public static GetXattr of(int msgid, ByteString value) {
            return new GetXattr(msgid, value.length(), Optional.of(value));
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_GETXATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(valueLength);
            value.ifPresent(v -> WireWriter.bytes(out, v));
        }
    }

    /** A named ACL entry: {@code id:32 perm:16}. */
    record AclEntry(int id, int perm) {
    }

    /**
     * {@code msgid:32 userperm:16 groupperm:16 otherperm:16 mask:16 nusers:16 ngroups:16 nusers*[uid:32 perm:16]
     * ngroups*[gid:32 perm:16]}.
     */
    record GetFacl(int msgid, int userPerm, int groupPerm, int otherPerm, int mask, List<AclEntry> users,
                   List<AclEntry> groups) implements MasterReply {
        public GetFacl {
            users = List.copyOf(users);
            groups = List.copyOf(groups);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_GETFACL.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeShort(userPerm);
            out.writeShort(groupPerm);
            out.writeShort(otherPerm);
            out.writeShort(mask);
            out.writeShort(users.size());
            out.writeShort(groups.size());
            for (AclEntry e : users) {
                out.writeInt(e.id());
                out.writeShort(e.perm());
            }
            for (AclEntry e : groups) {
                out.writeInt(e.id());
                out.writeShort(e.perm());
            }
        }
    }

    /** {@code msgid:32 pid:32 type:8 start:64 end:64}: the conflicting lock for a GET request. */
    record PosixLockInfo(int msgid, int pid, int lockType, long start, long end) implements MasterReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_POSIX_LOCK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(pid);
            out.writeByte(lockType);
            out.writeLong(start);
            out.writeLong(end);
        }
    }

    /** A (value, number of nodes with it) pair in the GET* summaries. */
    record ValueCount(int value, int count) {
    }

    /** {@code msgid:32 fcnt:32 dcnt:32 fcnt*[trashtime:32 n:32] dcnt*[trashtime:32 n:32]} (files first). */
    record GetTrashTime(int msgid, List<ValueCount> files, List<ValueCount> dirs) implements MasterReply {
        public GetTrashTime {
            files = List.copyOf(files);
            dirs = List.copyOf(dirs);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_GETTRASHTIME.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(files.size());
            out.writeInt(dirs.size());
            for (ValueCount v : files) {
                out.writeInt(v.value());
                out.writeInt(v.count());
            }
            for (ValueCount v : dirs) {
                out.writeInt(v.value());
                out.writeInt(v.count());
            }
        }
    }

    /** {@code msgid:32 changed:32 notchanged:32 notpermitted:32}: the answer to SETTRASHTIME, SETSCLASS, SETEATTR. */
    record SetResult(int type, int msgid, int changed, int notChanged, int notPermitted) implements MasterReply {
        static final Set<MessageType> TYPES = Set.of(MessageType.MATOCL_FUSE_SETTRASHTIME,
                MessageType.MATOCL_FUSE_SETSCLASS, MessageType.MATOCL_FUSE_SETEATTR);

        public SetResult {
            requireType(type, TYPES);
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(changed);
            out.writeInt(notChanged);
            out.writeInt(notPermitted);
        }
    }

    /** A GETSCLASS entry: {@code id:8 n:32} for ids below 0xFF, or {@code 0xFF name:NAME n:32}. */
    record SclassCount(int classId, Optional<ByteString> name, int count) {
        public static final int NAMED = 0xFF;

        public SclassCount {
            if ((classId == NAMED) != name.isPresent()) {
                throw new IllegalArgumentException("a storage class name goes with id 0xFF and only with it");
            }
        }
    }

    /** {@code msgid:32 fcnt:8 dcnt:8 fcnt*ENTRY dcnt*ENTRY} with ENTRY as in {@link SclassCount} (files first). */
    record GetSclass(int msgid, List<SclassCount> files, List<SclassCount> dirs) implements MasterReply {
        public GetSclass {
            files = List.copyOf(files);
            dirs = List.copyOf(dirs);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_GETSCLASS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(files.size());
            out.writeByte(dirs.size());
            for (List<SclassCount> l : List.of(files, dirs)) {
                for (SclassCount c : l) {
                    out.writeByte(c.classId());
                    c.name().ifPresent(n -> WireWriter.name(out, n));
                    out.writeInt(c.count());
                }
            }
        }
    }

    /** {@code msgid:32 fcnt:8 dcnt:8 fcnt*[eattr:8 n:32] dcnt*[eattr:8 n:32]} (files first). */
    record GetEattr(int msgid, List<ValueCount> files, List<ValueCount> dirs) implements MasterReply {
        public GetEattr {
            files = List.copyOf(files);
            dirs = List.copyOf(dirs);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_GETEATTR.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(files.size());
            out.writeByte(dirs.size());
            for (List<ValueCount> l : List.of(files, dirs)) {
                for (ValueCount v : l) {
                    out.writeByte(v.value());
                    out.writeInt(v.count());
                }
            }
        }
    }

    /**
     * Mounts get the 60-byte form {@code msgid:32 inodes:32 dirs:32 files:32 0:32 0:32 chunks:32 0:32 0:32
     * length:64 size:64 realsize:64}; unproxied tools the 44-byte form {@code msgid:32 inodes:32 dirs:32 files:32
     * chunks:32 length:64 size:64 realsize:64}.
     */
    record GetDirStats(int msgid, int inodes, int dirs, int files, int chunks, long length, long size, long realSize,
                       boolean mountForm) implements MasterReply {
        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_GETDIRSTATS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeInt(inodes);
            out.writeInt(dirs);
            out.writeInt(files);
            if (mountForm) {
                out.writeInt(0);
                out.writeInt(0);
            }
            out.writeInt(chunks);
            if (mountForm) {
                out.writeInt(0);
                out.writeInt(0);
            }
            out.writeLong(length);
            out.writeLong(size);
            out.writeLong(realSize);
        }
    }

    /** {@code msgid:32 count:32*N}: how many chunks have 0, 1, ... copies (3.0.117 sends 12 counts). */
    record CheckCounts(int msgid, List<Integer> counts) implements MasterReply {
        public CheckCounts {
            counts = List.copyOf(counts);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_CHECK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            counts.forEach(out::writeInt);
        }
    }

    /** One copy of a checked chunk: {@code ip:32 port:16 type:8}. */
    record CheckCopy(int ip, int port, int copyType) {
    }

    /** {@code msgid:32 chunkid:64 version:32 N*[ip:32 port:16 type:8]}: the copies of one chunk. */
    record CheckChunk(int msgid, long chunkId, int version, List<CheckCopy> copies) implements MasterReply {
        public CheckChunk {
            copies = List.copyOf(copies);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_CHECK.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeLong(chunkId);
            out.writeInt(version);
            for (CheckCopy c : copies) {
                out.writeInt(c.ip());
                out.writeShort(c.port());
                out.writeByte(c.copyType());
            }
        }
    }

    /** {@code msgid:32 N*[len:32 path[len]]} (no NUL). */
    record Paths(int msgid, List<ByteString> paths) implements MasterReply {
        public Paths {
            paths = List.copyOf(paths);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_PATHS.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            paths.forEach(p -> WireWriter.string32(out, p));
        }
    }

    /** {@code msgid:32 N*NAME}: storage class names, the answer to a short-mode SCLASS_LIST. */
    record SclassList(int msgid, List<ByteString> names) implements MasterReply {
        public SclassList {
            names = List.copyOf(names);
        }

        @Override
        public int type() {
            return MessageType.MATOCL_SCLASS_LIST.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            names.forEach(n -> WireWriter.name(out, n));
        }
    }

    /**
     * {@code 0:32 inode:32 indx:32 chunkid:64 version:32 flen:64 truncflag:8} (702, msgid 0): another session changed
     * a chunk of a file this one has open.
     */
    record ChunkHasChanged(int inode, int index, long chunkId, int version, long fileLength, int truncFlag)
            implements MasterReply {
        @Override
        public int msgid() {
            return 0;
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_CHUNK_HAS_CHANGED.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(0);
            out.writeInt(inode);
            out.writeInt(index);
            out.writeLong(chunkId);
            out.writeInt(version);
            out.writeLong(fileLength);
            out.writeByte(truncFlag);
        }
    }

    /** {@code 0:32 inode:32 flen:64} (703, msgid 0): a file's length changed. */
    record FlengHasChanged(int inode, long fileLength) implements MasterReply {
        @Override
        public int msgid() {
            return 0;
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_FLENG_HAS_CHANGED.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(0);
            out.writeInt(inode);
            out.writeLong(fileLength);
        }
    }

    /** {@code 0:32} (706, msgid 0): drop every cached chunk location. */
    record InvalidateChunkCache() implements MasterReply {
        @Override
        public int msgid() {
            return 0;
        }

        @Override
        public int type() {
            return MessageType.MATOCL_FUSE_INVALIDATE_CHUNK_CACHE.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(0);
        }
    }

    private static void requireType(int type, Set<MessageType> allowed) {
        if (allowed.stream().noneMatch(t -> t.id() == type)) {
            throw new IllegalArgumentException(MessageType.nameOf(type) + " is not one of " + allowed);
        }
    }
}
