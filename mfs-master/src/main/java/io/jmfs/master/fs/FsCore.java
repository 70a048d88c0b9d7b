package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.fs.change.ChangeSink;
import io.jmfs.master.fs.store.NodeTable;
import io.jmfs.protocol.MfsStatus;

/** What every operation family shares: the state, the clock, and the record-then-apply step. */
final class FsCore {
    final FsState s;
    final Applier applier;
    final ChangeSink sink;
    final MetaClock clock;
    final NamespaceSettings settings;
    final QuotaOps quotas;

    FsCore(FsState state, ChangeSink sink, MetaClock clock, NamespaceSettings settings) {
        this.s = state;
        this.applier = new Applier(state);
        this.sink = sink;
        this.clock = clock;
        this.settings = settings;
        this.quotas = new QuotaOps(this);
    }

    /** Records a validated change and applies it through the replay path; a failure here is a bug. */
    void commit(Change change) {
        sink.record(change);
        MfsStatus st = applier.apply(change);
        if (!st.isOk()) {
            throw new IllegalStateException("validated change failed to apply (" + st + "): " + change);
        }
    }

    boolean exists(int inode) {
        return s.nodes.exists(inode);
    }

    NodeAttr attr(int inode, int parentEattr) {
        NodeTable n = s.nodes;
        return new NodeAttr(inode, n.type(inode), n.mode(inode), n.uid(inode), n.gid(inode), n.atime(inode),
                n.mtime(inode), n.ctime(inode), n.nlink(inode), n.length(inode), n.eattr(inode), n.winattr(inode),
                parentEattr, (n.flags(inode) & NodeTable.FLAG_XATTR) != 0);
    }

    NodeAttr attr(int inode) {
        return attr(inode, 0);
    }

    /** MooseFS's relative atime rule (ATIME_MODE 2, its default) for reads of directories and symlinks. */
    void touchAtime(int inode) {
        int ts = clock.now();
        int atime = s.nodes.atime(inode);
        if (atime == ts) {
            return;
        }
        int ctime = s.nodes.ctime(inode);
        int mtime = s.nodes.mtime(inode);
        if ((atime <= ctime && ts >= ctime) || (atime <= mtime && ts >= mtime)
                || Integer.toUnsignedLong(atime) + 86400 < Integer.toUnsignedLong(ts)) {
            commit(new Change.Access(ts, inode));
        }
    }
}
