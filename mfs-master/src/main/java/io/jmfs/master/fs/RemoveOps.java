package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;

/** UNLINK, RMDIR and RENAME: everything that takes a directory entry away. */
final class RemoveOps {
    private final FsCore core;
    private final FsState s;

    RemoveOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    private static final int UNDELETABLE = NodeAttr.EATTR_UNDELETABLE | NodeAttr.EATTR_IMMUTABLE
            | NodeAttr.EATTR_APPENDONLY;

    /** Checks on a directory an entry is removed from (source of unlink, rmdir and rename). */
    private MfsStatus checkRemovalDir(Credentials c, int parent) {
        if (!core.exists(parent)) {
            return MfsStatus.ENOENT;
        }
        if (!s.isDir(parent)) {
            return MfsStatus.ENOTDIR;
        }
        if ((s.nodes.eattr(parent) & (NodeAttr.EATTR_IMMUTABLE | NodeAttr.EATTR_APPENDONLY)) != 0) {
            return MfsStatus.EPERM;
        }
        if (!Perms.allows(s, parent, c, Perms.W | Perms.X)) {
            return MfsStatus.EACCES;
        }
        return MfsStatus.OK;
    }

    /** UNLINK (directory = false) or RMDIR (directory = true); answers the removed inode. */
    FsResult<Integer> remove(Credentials c, int parent, byte[] name, boolean directory) {
        MfsStatus st = checkRemovalDir(c, parent);
        if (!st.isOk()) {
            return FsResult.error(st);
        }
        if (!Names.valid(name)) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        int e = s.edges.find(parent, name);
        if (e == 0) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        int child = s.edges.child(e);
        if (!Perms.stickyAllows(s, parent, child, c) || (s.nodes.eattr(child) & UNDELETABLE) != 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (!directory && s.isDir(child)) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (directory) {
            if (!s.isDir(child)) {
                return FsResult.error(MfsStatus.ENOTDIR);
            }
            if (s.nodes.firstChild(child) != 0) {
                return FsResult.error(MfsStatus.ENOTEMPTY);
            }
        }
        core.commit(new Change.Unlink(core.clock.now(), parent, name.clone(), child));
        return FsResult.ok(child);
    }

    FsResult<Results.Entry> rename(Credentials c, int srcParent, byte[] srcName, int dstParent, byte[] dstName) {
        if (!core.exists(srcParent) || !core.exists(dstParent)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        MfsStatus st = checkRemovalDir(c, srcParent);
        if (!st.isOk()) {
            return FsResult.error(st);
        }
        if (!Names.valid(srcName)) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        int se = s.edges.find(srcParent, srcName);
        if (se == 0) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        int node = s.edges.child(se);
        if (!Perms.stickyAllows(s, srcParent, node, c)) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (!s.isDir(dstParent)) {
            return FsResult.error(MfsStatus.ENOTDIR);
        }
        if ((s.nodes.eattr(dstParent) & NodeAttr.EATTR_IMMUTABLE) != 0
                || (s.nodes.eattr(node) & NodeAttr.EATTR_IMMUTABLE) != 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (!Perms.allows(s, dstParent, c, Perms.W | Perms.X)) {
            return FsResult.error(MfsStatus.EACCES);
        }
        if (s.isDir(node)) {
            if (s.isAncestorOrSelf(node, dstParent)) {
                return FsResult.error(MfsStatus.EINVAL);
            }
            // moving a directory rewrites its ".." entry, which needs write access to it
            if (srcParent != dstParent && !Perms.allows(s, node, c, Perms.W)) {
                return FsResult.error(MfsStatus.EACCES);
            }
        }
        if (!Names.valid(dstName)) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        int de = s.edges.find(dstParent, dstName);
        if (de != 0) {
            int target = s.edges.child(de);
            if (target == node) {
                // both names are links to the same node: POSIX says do nothing
                return FsResult.ok(new Results.Entry(node, core.attr(node, s.nodes.eattr(dstParent))));
            }
            if (s.isDir(target) && s.nodes.firstChild(target) != 0) {
                return FsResult.error(MfsStatus.ENOTEMPTY);
            }
            if (!Perms.stickyAllows(s, dstParent, target, c) || (s.nodes.eattr(target) & UNDELETABLE) != 0) {
                return FsResult.error(MfsStatus.EPERM);
            }
        }
        if (core.quotas.refusesMove(dstParent, srcParent, node, de != 0 ? s.edges.child(de) : 0)) {
            return FsResult.error(MfsStatus.QUOTA);
        }
        core.commit(new Change.Move(core.clock.now(), srcParent, srcName.clone(), dstParent, dstName.clone(), node));
        return FsResult.ok(new Results.Entry(node, core.attr(node, s.nodes.eattr(dstParent))));
    }
}
