package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;

/**
 * SNAPSHOT, live: the caller-facing checks MooseFS makes before the walk (and skips in replay), then the walk is
 * planned, its counts recorded in the change, and the change applied through {@link Applier} like any other.
 */
final class SnapshotOps {
    private final FsCore core;
    private final FsState s;

    SnapshotOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    /**
     * Makes ({@code smode} without 0x80) or removes (with 0x80, {@code src} 0) a snapshot; {@code sesflags} are the
     * session's, recorded so that replay judges the caller's access the same way.
     */
    MfsStatus snapshot(Credentials c, int sesflags, int src, int dstParent, byte[] name, int smode, int umask) {
        MfsStatus st = (smode & SnapshotWalk.DELETE) != 0 ? checkRemoval(c, src, dstParent, name, smode)
                : checkCopy(c, src, dstParent, name);
        if (!st.isOk()) {
            return st;
        }
        if ((smode & SnapshotWalk.DELETE) == 0) {
            int existing = s.edges.find(dstParent, name);
            if (core.quotas.refusesCopy(dstParent, src, existing != 0 ? s.edges.child(existing) : 0)) {
                return MfsStatus.QUOTA;
            }
        }
        Change.Snapshot draft = new Change.Snapshot(core.clock.now(), src, dstParent, name.clone(), smode & 0xFF,
                sesflags & 0xFF, c.uid(), c.gids(), umask & 07777, 0, 0, 0, 0, 0, 0);
        FsResult<SnapshotWalk.Plan> plan = new SnapshotWalk(s).plan(draft);
        if (!plan.isOk()) {
            return plan.status();
        }
        SnapshotWalk.Counts n = plan.value().counts();
        core.commit(new Change.Snapshot(draft.ts(), src, dstParent, draft.name(), draft.smode(), draft.sesflags(),
                draft.uid(), draft.gids(), draft.umask(), n.inodeChecksum(), n.removed(), n.same(), n.existing(),
                n.hardlinks(), n.created()));
        return MfsStatus.OK;
    }

    /** MooseFS's order: existence, immutable target, readable source, directory target, loop, writable target. */
    private MfsStatus checkCopy(Credentials c, int src, int dstParent, byte[] name) {
        if (src == 0) {
            return MfsStatus.EINVAL;
        }
        if (!core.exists(src) || !core.exists(dstParent)) {
            return MfsStatus.ENOENT;
        }
        if ((s.nodes.eattr(dstParent) & NodeAttr.EATTR_IMMUTABLE) != 0) {
            return MfsStatus.EPERM;
        }
        if (!Perms.allows(s, src, c, Perms.R)) {
            return MfsStatus.EACCES;
        }
        if (!s.isDir(dstParent)) {
            return MfsStatus.EPERM;
        }
        if (s.isDir(src) && s.isAncestorOrSelf(src, dstParent)) {
            return MfsStatus.EINVAL;
        }
        if (!Perms.allows(s, dstParent, c, Perms.W | Perms.X)) {
            return MfsStatus.EACCES;
        }
        return Names.valid(name) ? MfsStatus.OK : MfsStatus.EINVAL;
    }

    private MfsStatus checkRemoval(Credentials c, int src, int dstParent, byte[] name, int smode) {
        if (src != 0) {
            return MfsStatus.EINVAL;
        }
        if (!core.exists(dstParent)) {
            return MfsStatus.ENOENT;
        }
        if (!s.isDir(dstParent)) {
            return MfsStatus.EPERM;
        }
        if (!Perms.allows(s, dstParent, c, Perms.W | Perms.X)) {
            return MfsStatus.EACCES;
        }
        if (!Names.valid(name)) {
            return MfsStatus.EINVAL;
        }
        int e = s.edges.find(dstParent, name);
        if (e == 0) {
            return MfsStatus.ENOENT;
        }
        if (!Perms.stickyAllows(s, dstParent, s.edges.child(e), c)) {
            return MfsStatus.EPERM;
        }
        if ((smode & SnapshotWalk.FORCE_REMOVAL) != 0) {
            return MfsStatus.OK;
        }
        if ((s.nodes.eattr(dstParent) & (NodeAttr.EATTR_APPENDONLY | NodeAttr.EATTR_IMMUTABLE)) != 0) {
            return MfsStatus.EPERM;
        }
        return removable(c, s.edges.child(e));
    }

    /** Without -f everything below must be a removable snapshot node, or nothing is removed. */
    private MfsStatus removable(Credentials c, int node) {
        if (s.isDir(node)) {
            if ((s.nodes.eattr(node) & NodeAttr.EATTR_APPENDONLY) != 0) {
                return MfsStatus.EPERM;
            }
            if (!Perms.allows(s, node, c, Perms.W | Perms.X)) {
                return MfsStatus.EACCES;
            }
            for (int e = s.nodes.firstChild(node); e != 0; e = s.edges.nextChild(e)) {
                MfsStatus st = removable(c, s.edges.child(e));
                if (!st.isOk()) {
                    return st;
                }
            }
        }
        int eattr = s.nodes.eattr(node);
        if ((eattr & NodeAttr.EATTR_SNAPSHOT) == 0 || (eattr & (NodeAttr.EATTR_UNDELETABLE
                | NodeAttr.EATTR_IMMUTABLE | NodeAttr.EATTR_APPENDONLY)) != 0) {
            return MfsStatus.EPERM;
        }
        return MfsStatus.OK;
    }
}
