package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.fs.store.InodeBuckets;
import io.jmfs.master.fs.store.NodeTable;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one mutation path: applies a {@link Change} to the state, for live operations (after validation) and for
 * changelog replay alike. It re-checks the structural preconditions and the resolved values a record carries
 * (new inode numbers, purge counts and checksums) and answers {@code MISMATCH} or the failing status without
 * touching anything when they do not hold, so a bad changelog never half-applies.
 */
final class Applier {
    private final FsState s;

    Applier(FsState state) {
        this.s = state;
    }

    MfsStatus apply(Change change) {
        return switch (change) {
            case Change.Create c -> create(c);
            case Change.Symlink c -> symlink(c);
            case Change.Unlink c -> unlink(c);
            case Change.Move c -> move(c);
            case Change.Link c -> link(c);
            case Change.Attr c -> attr(c);
            case Change.Length c -> length(c);
            case Change.Access c -> access(c);
            case Change.Amtime c -> amtime(c);
            case Change.SetXattr c -> setXattr(c);
            case Change.SetTrashTime c -> setTrashTime(c);
            case Change.SetSclass c -> setSclass(c);
            case Change.SetEattr c -> setEattr(c);
            case Change.ArchChg c -> ArchiveOps.replay(s, c);
            case Change.EmptyTrash c -> emptyTrash(c);
            case Change.EmptySustained c -> emptySustained(c);
            case Change.FreeInodes c -> freeInodes(c);
            case Change.Purge c -> purge(c);
            case Change.Acquire c -> s.open.acquire(c.sessionId(), c.inode()) ? MfsStatus.OK : MfsStatus.MISMATCH;
            case Change.Release c -> s.open.release(c.sessionId(), c.inode()) ? MfsStatus.OK : MfsStatus.MISMATCH;
            case Change.SetFileChunk c -> setFileChunk(c);
            case Change.Snapshot c -> recountQuotas(snapshot(c));
            case Change.Append c -> new ChunkAppend(s).apply(c);
            case Change.ScSet c -> recountQuotas(s.classes.set(c.isNew(), c.definition()));
            case Change.Quota c -> quota(c);
            case Change.ScDup c -> s.classes.duplicate(StorageClass.nameOf(c.srcName()), StorageClass.nameOf(c.dstName()),
                    c.srcId(), c.dstId());
            case Change.ScRen c -> s.classes.rename(StorageClass.nameOf(c.oldName()), StorageClass.nameOf(c.newName()),
                    c.id());
            case Change.ScDel c -> s.classes.delete(StorageClass.nameOf(c.name()), c.id());
        };
    }

    /** Changes too wide to follow entry by entry: quota'd directories are counted again (only when any exist). */
    private MfsStatus recountQuotas(MfsStatus applied) {
        if (applied.isOk() && s.quota.active()) {
            s.quota.recountAll();
        }
        return applied;
    }

    private MfsStatus quota(Change.Quota c) {
        int dir = c.definition().inode();
        if (!s.nodes.exists(dir)) {
            return MfsStatus.ENOENT;
        }
        if (!s.isDir(dir)) {
            return MfsStatus.EPERM;
        }
        s.quota.apply(c.definition());
        return MfsStatus.OK;
    }

    private MfsStatus entryTarget(int parent, byte[] name) {
        if (!s.isDir(parent)) {
            return s.nodes.exists(parent) ? MfsStatus.ENOTDIR : MfsStatus.ENOENT;
        }
        if (!Names.valid(name)) {
            return MfsStatus.EINVAL;
        }
        return s.edges.find(parent, name) != 0 ? MfsStatus.EEXIST : MfsStatus.OK;
    }

    private MfsStatus create(Change.Create c) {
        MfsStatus st = entryTarget(c.parent(), c.name());
        if (!st.isOk()) {
            return st;
        }
        if (!NodeType.isCreatable(c.type())) {
            return MfsStatus.EINVAL;
        }
        if (s.inodes.peekNext() != c.inode()) {
            return MfsStatus.MISMATCH;
        }
        s.createNode(c.ts(), c.parent(), c.name(), c.type(), c.mode(), c.umask(), c.uid(), c.gid(), c.rdev(),
                c.inode());
        return MfsStatus.OK;
    }

    private MfsStatus symlink(Change.Symlink c) {
        MfsStatus st = entryTarget(c.parent(), c.name());
        if (!st.isOk()) {
            return st;
        }
        if (s.inodes.peekNext() != c.inode()) {
            return MfsStatus.MISMATCH;
        }
        s.createNode(c.ts(), c.parent(), c.name(), NodeType.SYMLINK, 0777, 0, c.uid(), c.gid(), 0, c.inode());
        s.setSymlinkPath(c.inode(), c.path());
        return MfsStatus.OK;
    }

    private MfsStatus unlink(Change.Unlink c) {
        if (!s.isDir(c.parent())) {
            return MfsStatus.ENOENT;
        }
        int e = s.edges.find(c.parent(), c.name());
        if (e == 0) {
            return MfsStatus.ENOENT;
        }
        int child = s.edges.child(e);
        if (child != c.inode()) {
            return MfsStatus.MISMATCH;
        }
        if (s.isDir(child) && s.nodes.firstChild(child) != 0) {
            return MfsStatus.ENOTEMPTY;
        }
        s.unlink(c.ts(), e);
        return MfsStatus.OK;
    }

    private MfsStatus move(Change.Move c) {
        if (!s.isDir(c.srcParent()) || !s.isDir(c.dstParent())) {
            return MfsStatus.ENOENT;
        }
        if (!Names.valid(c.dstName())) {
            return MfsStatus.EINVAL;
        }
        int se = s.edges.find(c.srcParent(), c.srcName());
        if (se == 0) {
            return MfsStatus.ENOENT;
        }
        int node = s.edges.child(se);
        if (node != c.inode()) {
            return MfsStatus.MISMATCH;
        }
        if (s.isDir(node) && s.isAncestorOrSelf(node, c.dstParent())) {
            return MfsStatus.EINVAL;
        }
        int de = s.edges.find(c.dstParent(), c.dstName());
        if (de == se) {
            return MfsStatus.OK;
        }
        if (de != 0) {
            int target = s.edges.child(de);
            if (s.isDir(target) && s.nodes.firstChild(target) != 0) {
                return MfsStatus.ENOTEMPTY;
            }
            s.unlink(c.ts(), de);
        }
        s.removeEdge(c.ts(), se);
        s.link(c.ts(), c.dstParent(), node, c.dstName());
        return MfsStatus.OK;
    }

    private MfsStatus link(Change.Link c) {
        int t = s.type(c.inode());
        if (t == 0 || t == NodeType.TRASH || t == NodeType.SUSTAINED) {
            return MfsStatus.ENOENT;
        }
        if (t == NodeType.DIRECTORY) {
            return MfsStatus.EPERM;
        }
        MfsStatus st = entryTarget(c.parent(), c.name());
        if (!st.isOk()) {
            return st;
        }
        s.link(c.ts(), c.parent(), c.inode(), c.name());
        return MfsStatus.OK;
    }

    private MfsStatus attr(Change.Attr c) {
        if (!s.nodes.exists(c.inode())) {
            return MfsStatus.ENOENT;
        }
        if ((c.mode() & ~07777) != 0) {
            return MfsStatus.EINVAL;
        }
        int i = c.inode();
        s.nodes.setMode(i, c.mode());
        s.nodes.setUid(i, c.uid());
        s.nodes.setGid(i, c.gid());
        s.nodes.setAtime(i, c.atime());
        s.nodes.setMtime(i, c.mtime());
        s.nodes.setWinattr(i, c.winattr());
        s.nodes.setCtime(i, c.ts());
        return MfsStatus.OK;
    }

    private MfsStatus length(Change.Length c) {
        if (!s.nodes.exists(c.inode())) {
            return MfsStatus.ENOENT;
        }
        if (!NodeType.isFileLike(s.type(c.inode()))) {
            return MfsStatus.EINVAL;
        }
        s.setLength(c.inode(), c.length());
        if (c.modTime()) {
            s.nodes.setMtime(c.inode(), c.ts());
            s.nodes.setCtime(c.inode(), c.ts());
        }
        return MfsStatus.OK;
    }

    private MfsStatus access(Change.Access c) {
        if (!s.nodes.exists(c.inode())) {
            return MfsStatus.ENOENT;
        }
        s.nodes.setAtime(c.inode(), c.ts());
        return MfsStatus.OK;
    }

    private MfsStatus amtime(Change.Amtime c) {
        if (!s.nodes.exists(c.inode())) {
            return MfsStatus.ENOENT;
        }
        s.nodes.setAtime(c.inode(), c.atime());
        s.nodes.setMtime(c.inode(), c.mtime());
        s.nodes.setCtime(c.inode(), c.ctime());
        return MfsStatus.OK;
    }

    private MfsStatus setXattr(Change.SetXattr c) {
        int i = c.inode();
        if (!s.nodes.exists(i)) {
            return MfsStatus.ENOENT;
        }
        MfsStatus st = XattrOps.check(s.xattrs, i, c.name(), c.value(), c.mode());
        if (!st.isOk()) {
            return st;
        }
        if (c.mode() == XattrOps.REMOVE) {
            if (s.xattrs.remove(i, c.name())) {
                s.nodes.setFlags(i, s.nodes.flags(i) & ~NodeTable.FLAG_XATTR);
            }
        } else {
            s.xattrs.put(i, c.name(), c.value());
            s.nodes.setFlags(i, s.nodes.flags(i) | NodeTable.FLAG_XATTR);
        }
        s.nodes.setCtime(i, c.ts());
        return MfsStatus.OK;
    }

    private MfsStatus setTrashTime(Change.SetTrashTime c) {
        int t = s.type(c.inode());
        if (t != NodeType.DIRECTORY && !NodeType.isFileLike(t)) {
            return t == 0 ? MfsStatus.ENOENT : MfsStatus.EPERM;
        }
        int[] counts = new int[3];
        int hours = (int) ((Integer.toUnsignedLong(c.trashTime()) + 3599) / 3600);
        TrashOps.setTrashHours(s, c.ts(), c.inode(), c.uid(), Math.min(hours, 0xFFFF), c.smode(), counts, false);
        if (counts[0] != c.changed() || counts[1] != c.notChanged() || counts[2] != c.notPermitted()) {
            return MfsStatus.MISMATCH;
        }
        TrashOps.setTrashHours(s, c.ts(), c.inode(), c.uid(), Math.min(hours, 0xFFFF), c.smode(), counts, true);
        return MfsStatus.OK;
    }

    /** Replays as an admin: the record exists only because the live check let it through. */
    private MfsStatus setSclass(Change.SetSclass c) {
        int t = s.type(c.inode());
        if (!PolicyOps.classBearing(t)) {
            return t == 0 ? MfsStatus.ENOENT : MfsStatus.EPERM;
        }
        if (!SubtreeSet.validSmode(c.smode()) || !s.classes.exists(c.dstClass())) {
            return MfsStatus.EINVAL;
        }
        // MooseFS replays as an admin; but a non-admin session's change that admin-only classes refused in part
        // counts differently then, so the non-admin reading is tried when the admin one does not fit the line
        SubtreeSet.Rule asAdmin = PolicyOps.sclassRule(s, c.ts(), c.uid(), c.srcClass(), c.dstClass(), c.smode(),
                true);
        MfsStatus st = countedApply(c.inode(), c.smode(), asAdmin, PolicyOps::classBearing, c.changed(),
                c.notChanged(), c.notPermitted());
        if (st != MfsStatus.MISMATCH || c.notPermitted() == 0) {
            return st;
        }
        SubtreeSet.Rule asUser = PolicyOps.sclassRule(s, c.ts(), c.uid(), c.srcClass(), c.dstClass(), c.smode(),
                false);
        return countedApply(c.inode(), c.smode(), asUser, PolicyOps::classBearing, c.changed(), c.notChanged(),
                c.notPermitted());
    }

    private MfsStatus setEattr(Change.SetEattr c) {
        if (!s.nodes.exists(c.inode())) {
            return MfsStatus.ENOENT;
        }
        if (!SubtreeSet.validSmode(c.smode())) {
            return MfsStatus.EINVAL;
        }
        SubtreeSet.Rule rule = PolicyOps.eattrRule(s, c.ts(), c.uid(), c.eattr(), c.smode());
        return countedApply(c.inode(), c.smode(), rule, t -> true, c.changed(), c.notChanged(), c.notPermitted());
    }

    private MfsStatus countedApply(int inode, int smode, SubtreeSet.Rule rule, java.util.function.IntPredicate types,
                                   int changed, int notChanged, int notPermitted) {
        int[] counts = SubtreeSet.walk(s, inode, smode, rule, false, types);
        if (counts[0] != changed || counts[1] != notChanged || counts[2] != notPermitted) {
            return MfsStatus.MISMATCH;
        }
        SubtreeSet.walk(s, inode, smode, rule, true, types);
        return MfsStatus.OK;
    }

    private MfsStatus emptyTrash(Change.EmptyTrash c) {
        List<Integer> expired = new ArrayList<>();
        int checksum = 0;
        for (int inode : members(s.trash, c.bucket())) {
            if (TrashOps.expired(s, inode, c.ts())) {
                expired.add(inode);
                checksum ^= inode;
            }
        }
        int stillOpen = 0;
        for (int inode : expired) {
            if (s.open.isOpen(inode)) {
                stillOpen++;
            }
        }
        if (expired.size() - stillOpen != c.freed() || stillOpen != c.sustained()
                || (c.checksum() != 0 && checksum != c.checksum())) {
            return MfsStatus.MISMATCH;
        }
        for (int inode : expired) {
            s.purge(c.ts(), inode);
        }
        return MfsStatus.OK;
    }

    /** One bucket's members, or (a bucket number out of range, as MooseFS reads it) all of them. */
    private static int[] members(InodeBuckets set, int bucket) {
        if (bucket >= 0 && bucket < set.bucketCount()) {
            return set.bucket(bucket);
        }
        return set.toArray();
    }

    private MfsStatus emptySustained(Change.EmptySustained c) {
        List<Integer> closed = new ArrayList<>();
        int checksum = 0;
        for (int inode : members(s.sustained, c.bucket())) {
            if (!s.open.isOpen(inode)) {
                closed.add(inode);
                checksum ^= inode;
            }
        }
        if (closed.size() != c.freed() || (c.checksum() != 0 && checksum != c.checksum())) {
            return MfsStatus.MISMATCH;
        }
        for (int inode : closed) {
            s.purge(c.ts(), inode);
        }
        return MfsStatus.OK;
    }

    private MfsStatus freeInodes(Change.FreeInodes c) {
        var r = s.inodes.releaseExpired(c.ts(), c.reuseDelay(), s.open::isOpen);
        if (r.freed() != c.freed() || r.stillOpen() != c.stillOpen()
                || (c.checksum() != 0 && r.checksum() != c.checksum())) {
            return MfsStatus.MISMATCH;
        }
        return MfsStatus.OK;
    }

    private MfsStatus purge(Change.Purge c) {
        int t = s.type(c.inode());
        if (t != NodeType.TRASH && t != NodeType.SUSTAINED) {
            return MfsStatus.ENOENT;
        }
        s.purge(c.ts(), c.inode());
        return MfsStatus.OK;
    }

    /** Plans the whole walk first, so a record whose counts differ is refused before anything changes. */
    private MfsStatus snapshot(Change.Snapshot c) {
        SnapshotWalk walk = new SnapshotWalk(s);
        FsResult<SnapshotWalk.Plan> plan = walk.plan(c);
        if (!plan.isOk()) {
            return plan.status();
        }
        if (c.hasResults() && !plan.value().counts().matches(c)) {
            return MfsStatus.MISMATCH;
        }
        walk.execute(c, plan.value());
        return MfsStatus.OK;
    }

    private MfsStatus setFileChunk(Change.SetFileChunk c) {
        if (!NodeType.isFileLike(s.type(c.inode()))) {
            return s.nodes.exists(c.inode()) ? MfsStatus.EINVAL : MfsStatus.ENOENT;
        }
        if (c.index() < 0) {
            return MfsStatus.INDEXTOOBIG;
        }
        long[] chunks = s.nodes.chunks(c.inode());
        long previous = chunks != null && c.index() < chunks.length ? chunks[c.index()] : 0;
        if (previous == c.chunkId()) {
            return MfsStatus.OK;
        }
        var counted = s.quota.before(c.inode()); // before the slot changes: the array may be the stored one
        // the slot is what counts a chunk's file reference (see ChunkReleaser): the new chunk gains it here, the
        // chunk it replaces (copy-on-write) loses it here, in the same changelog line; the new chunk first, so an
        // unknown chunk id is refused before the slot changes
        if (c.chunkId() != 0) {
            int sclass = s.nodes.sclass(c.inode());
            s.releaser.referenced(c.inode(), c.chunkId(), s.classes.effective(sclass).id());
        }
        if (chunks == null || chunks.length <= c.index()) {
            chunks = chunks == null ? new long[c.index() + 1] : Arrays.copyOf(chunks, c.index() + 1);
        }
        chunks[c.index()] = c.chunkId();
        s.nodes.setChunks(c.inode(), chunks);
        s.quota.changed(c.inode(), counted);
        if (previous != 0) {
            s.releaser.released(c.inode(), previous);
        }
        return MfsStatus.OK;
    }
}
