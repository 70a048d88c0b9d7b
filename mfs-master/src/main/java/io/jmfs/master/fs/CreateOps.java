package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;

/** MKNOD, MKDIR, CREATE, SYMLINK, LINK: everything that adds a directory entry. */
final class CreateOps {
    private final FsCore core;
    private final FsState s;

    CreateOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    /** The checks every new entry passes, in MooseFS's order. */
    private MfsStatus checkNewEntry(Credentials c, int parent, byte[] name) {
        if (!core.exists(parent)) {
            return MfsStatus.ENOENT;
        }
        if (!s.isDir(parent)) {
            return MfsStatus.ENOTDIR;
        }
        if ((s.nodes.eattr(parent) & NodeAttr.EATTR_IMMUTABLE) != 0) {
            return MfsStatus.EPERM;
        }
        if (!Perms.allows(s, parent, c, Perms.W | Perms.X)) {
            return MfsStatus.EACCES;
        }
        if (!Names.valid(name)) {
            return MfsStatus.EINVAL;
        }
        if (s.edges.find(parent, name) != 0) {
            return MfsStatus.EEXIST;
        }
        return MfsStatus.OK;
    }

    /** New nodes in a setgid directory take the directory's group. */
    private int groupFor(Credentials c, int parent) {
        return (s.nodes.mode(parent) & 02000) != 0 ? s.nodes.gid(parent) : c.primaryGid();
    }

    FsResult<Results.Entry> mknod(Credentials c, int parent, byte[] name, int type, int mode, int umask, int rdev,
                                  boolean copySgid) {
        if (!NodeType.isCreatable(type)) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        MfsStatus st = checkNewEntry(c, parent, name);
        if (!st.isOk()) {
            return FsResult.error(st);
        }
        if (core.quotas.refusesNewEntry(parent, 0)) {
            return FsResult.error(MfsStatus.QUOTA);
        }
        int resolvedMode = mode & 07777;
        if (type == NodeType.DIRECTORY && copySgid && (s.nodes.mode(parent) & 02000) != 0) {
            resolvedMode |= 02000;
        }
        int inode = s.inodes.peekNext();
        int rdevValue = type == NodeType.BLOCKDEV || type == NodeType.CHARDEV ? rdev : 0;
        core.commit(new Change.Create(core.clock.now(), parent, name.clone(), type, resolvedMode, umask & 07777,
                c.uid(), groupFor(c, parent), rdevValue, inode));
        return FsResult.ok(new Results.Entry(inode, core.attr(inode, s.nodes.eattr(parent))));
    }

    FsResult<Results.Opened> create(Credentials c, int parent, byte[] name, int mode, int umask) {
        FsResult<Results.Entry> r = mknod(c, parent, name, NodeType.FILE, mode, umask, 0, false);
        if (!r.isOk()) {
            return FsResult.error(r.status());
        }
        int inode = r.value().inode();
        return FsResult.ok(new Results.Opened(inode, AttrOps.openFlags(s, inode), r.value().attr()));
    }

    FsResult<Results.Entry> symlink(Credentials c, int parent, byte[] name, byte[] path) {
        if (path.length == 0 || path.length > Names.SYMLINK_MAX) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        for (byte b : path) {
            if (b == 0) {
                return FsResult.error(MfsStatus.EINVAL);
            }
        }
        MfsStatus st = checkNewEntry(c, parent, name);
        if (!st.isOk()) {
            return FsResult.error(st);
        }
        if (core.quotas.refusesNewEntry(parent, path.length)) {
            return FsResult.error(MfsStatus.QUOTA);
        }
        int inode = s.inodes.peekNext();
        core.commit(new Change.Symlink(core.clock.now(), parent, name.clone(), path.clone(), c.uid(),
                groupFor(c, parent), inode));
        return FsResult.ok(new Results.Entry(inode, core.attr(inode, s.nodes.eattr(parent))));
    }

    FsResult<Results.Entry> link(Credentials c, int inode, int parent, byte[] name) {
        if (!core.exists(inode) || !core.exists(parent)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if ((s.nodes.eattr(inode) & NodeAttr.EATTR_IMMUTABLE) != 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        int type = s.type(inode);
        if (type == NodeType.TRASH || type == NodeType.SUSTAINED) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (type == NodeType.DIRECTORY) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (s.nodes.nlink(inode) >= core.settings.maxHardLinks()) {
            return FsResult.error(MfsStatus.NOSPACE);
        }
        MfsStatus st = checkNewEntry(c, parent, name);
        if (!st.isOk()) {
            return FsResult.error(st);
        }
        if (core.quotas.refusesLink(parent, inode)) {
            return FsResult.error(MfsStatus.QUOTA);
        }
        core.commit(new Change.Link(core.clock.now(), inode, parent, name.clone()));
        return FsResult.ok(new Results.Entry(inode, core.attr(inode, s.nodes.eattr(parent))));
    }
}
