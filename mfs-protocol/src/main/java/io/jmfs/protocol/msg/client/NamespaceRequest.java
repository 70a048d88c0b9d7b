package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.WireWriter;
import io.netty.buffer.ByteBuf;

/**
 * Requests on the namespace a mount sees: statfs, permission checks, lookup, attributes, directory entries (create,
 * remove, rename, link, list), open, extended attributes and ACLs. {@code GIDS} is as described in
 * {@link ClientRequest}.
 */
public sealed interface NamespaceRequest extends ClientRequest {

    /** {@code msgid:32}. */
    record Statfs(int msgid) implements NamespaceRequest {
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
    record Access(int msgid, int inode, int uid, Gids gids, int perm) implements NamespaceRequest {
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
    record Lookup(int msgid, int parent, ByteString name, int uid, Gids gids) implements NamespaceRequest {
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
    record GetAttr(int msgid, int inode, int opened, int uid, int gid) implements NamespaceRequest {
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
                   int attrGid, int atime, int mtime, int winattr, int sugidClearMode) implements NamespaceRequest {
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
    record ReadLink(int msgid, int inode) implements NamespaceRequest {
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
            implements NamespaceRequest {
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
                 int rdev) implements NamespaceRequest {
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
            implements NamespaceRequest {
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
    record Unlink(int msgid, int parent, ByteString name, int uid, Gids gids) implements NamespaceRequest {
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
    record Rmdir(int msgid, int parent, ByteString name, int uid, Gids gids) implements NamespaceRequest {
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
                  Gids gids) implements NamespaceRequest {
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
    record Link(int msgid, int inode, int dstParent, ByteString name, int uid, Gids gids) implements NamespaceRequest {
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
            implements NamespaceRequest {
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
    record Open(int msgid, int inode, int uid, Gids gids, int flags) implements NamespaceRequest {
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
            implements NamespaceRequest {
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

    /**
     * {@code msgid:32 inode:32 name:NAME mode:8 opened:8 uid:32 GIDS}; an empty name lists the names, mode 1 asks
     * only for the length.
     */
    record GetXattr(int msgid, int inode, ByteString name, int mode, int opened, int uid, Gids gids)
            implements NamespaceRequest {
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
                    Gids gids) implements NamespaceRequest {
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
    record GetFacl(int msgid, int inode, int aclType) implements NamespaceRequest {
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
}
