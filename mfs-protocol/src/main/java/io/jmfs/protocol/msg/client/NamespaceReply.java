package io.jmfs.protocol.msg.client;

import static io.jmfs.protocol.msg.client.ReplyTypes.requireType;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.AttrCodec;
import io.jmfs.protocol.codec.WireWriter;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Answers to {@link NamespaceRequest}s: statfs, lookup, attributes, directory entries, open, xattrs, ACLs. */
public sealed interface NamespaceReply extends MasterReply {

    /** {@code msgid:32 total:64 avail:64 free:64 trash:64 sustained:64 inodes:32} (clients from 3.0.102). */
    record Statfs(int msgid, long totalSpace, long availSpace, long freeSpace, long trashSpace, long sustainedSpace,
                  int inodes) implements NamespaceReply {
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
     * {@code msgid:32 inode:32 ATTR lflags:16 [02 chunkid:64 version:32 N*CSLOC]}; the bracket is present iff
     * lflags has {@link #CHUNK_ZERO_DATA}. The low byte of lflags is the bitmap of allowed access modes.
     */
    record Lookup(int msgid, int inode, Attr attr, int lflags, Optional<ChunkData> chunkZero) implements NamespaceReply {
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
    record AttrReply(int type, int msgid, Attr attr) implements NamespaceReply {
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
    record EntryReply(int type, int msgid, int inode, Attr attr) implements NamespaceReply {
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
    record InodeReply(int type, int msgid, int inode) implements NamespaceReply {
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
    record ReadLink(int msgid, ByteString path) implements NamespaceReply {
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
    record Readdir(int msgid, long nextEdgeId, List<DirEntry> entries) implements NamespaceReply {
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
    record Open(int msgid, int oflags, Attr attr) implements NamespaceReply {
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
    record Create(int msgid, int oflags, int inode, Attr attr) implements NamespaceReply {
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
     * {@code msgid:32 vleng:32 [value[vleng]]}: the value is absent when the request asked only for the length
     * (mode 1). In list mode the value is the NUL-separated names.
     */
    record GetXattr(int msgid, int valueLength, Optional<ByteString> value) implements NamespaceReply {
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
                   List<AclEntry> groups) implements NamespaceReply {
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
}
