package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.fs.store.NodeTable;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SNAPSHOT walk (mfsmakesnapshot, mfsrmsnapshot), shared by the live operation and replay: {@link #plan} reads
 * the state only and lists every step the snapshot takes, with the inode numbers it will allocate and the counts
 * the changelog records; {@link #execute} then performs exactly those steps. Planning everything against the state
 * before the first mutation means a record whose counts do not match is refused untouched, and a walk that writes
 * into directories it also reads (a snapshot merged over its own parent) still does what was planned, identically
 * live and in replay.
 *
 * <p>Copy mode follows MooseFS 3.0.117: a new node gets the source's type, mode, owner (only root or the owner keeps
 * them; anyone else becomes the owner and loses set-uid/gid), times, storage class, trash time, extra attributes,
 * Windows attributes and extended attributes, plus the SNAPSHOT extra attribute; a file shares the source's chunks
 * (each chunk gains one file reference, so the first write to either copy duplicates it). Files the caller may not
 * read are skipped; directories it may not list are copied empty. An existing destination is merged: directories
 * are walked, identical files (same length, same chunks) kept, other files replaced (the old one unlinked as by
 * UNLINK), symlink targets and device numbers overwritten, and attributes refreshed. {@code -c} (CPLIKE_ATTR) makes
 * new nodes as {@code cp} would: the caller's owner, the umask applied, the destination's defaults, times now.
 * {@code -p} (PRESERVE_HARDLINKS) links files that are hard links of one another inside the source to one new node.
 * Remove mode removes, depth first, every node carrying the SNAPSHOT attribute (and no undeletable ones) in
 * directories the caller may write, without the trash.
 *
 * <p>The whole tree is done at once on the metadata thread, as MooseFS 3.0 does: a very large tree holds the
 * thread (and every client) for the duration of the walk, planned twice live (once to record the counts, once by
 * the apply step that replay shares). The walk recurses once per directory level.
 */
final class SnapshotWalk {
    static final int CAN_OVERWRITE = 0x01;
    static final int CPLIKE_ATTR = 0x02;
    static final int FORCE_REMOVAL = 0x04;
    static final int PRESERVE_HARDLINKS = 0x08;
    static final int DELETE = 0x80;
    /** SESFLAG_IGNOREGID: the replayed caller's group checks are the mount's. */
    static final int SESFLAG_IGNOREGID = 0x04;

    private static final int PROTECTED = NodeAttr.EATTR_UNDELETABLE | NodeAttr.EATTR_IMMUTABLE
            | NodeAttr.EATTR_APPENDONLY;

    /** What the changelog records about a walk. */
    record Counts(int inodeChecksum, int removed, int same, int existing, int hardlinks, int created) {
        boolean matches(Change.Snapshot c) {
            return c.inodeChecksum() == inodeChecksum && c.removed() == removed && c.same() == same
                    && c.existing() == existing && c.hardlinks() == hardlinks && c.created() == created;
        }
    }

    /** A planned walk: its steps in order and its counts. */
    record Plan(List<Step> steps, Counts counts) {
    }

    sealed interface Step {
    }

    /** A new node {@code inode} as {@code parent/name}, copied from {@code src} (chunks, path, device included). */
    private record Create(int parent, byte[] name, int src, int inode) implements Step {
    }

    /** Sets the new node's times (unless cp-like) and the SNAPSHOT attribute, after its subtree is done. */
    private record Finish(int inode, int src) implements Step {
    }

    /** {@code -p}: {@code parent/name} becomes another link of the node made for an earlier link of the source. */
    private record HardLink(int parent, byte[] name, int inode) implements Step {
    }

    /** The existing, different file {@code parent/name} is unlinked and a copy of {@code src} takes its name. */
    private record Replace(int parent, byte[] name, int src, int inode) implements Step {
    }

    /** An existing symlink takes the source's target. */
    private record SymlinkPath(int inode, int src) implements Step {
    }

    /** An existing device takes the source's device number. */
    private record Rdev(int inode, int src) implements Step {
    }

    /** An existing node takes the source's attributes and the SNAPSHOT attribute. */
    private record Refresh(int inode, int src) implements Step {
    }

    /** Remove mode: the entry {@code parent/name} (node {@code inode}) is removed, bypassing the trash. */
    private record Remove(int parent, byte[] name, int inode) implements Step {
    }

    private final FsState s;

    SnapshotWalk(FsState state) {
        this.s = state;
    }

    static Credentials credentials(Change.Snapshot c) {
        return new Credentials(c.uid(), c.gids(), (c.sesflags() & SESFLAG_IGNOREGID) != 0);
    }

    /**
     * Plans the snapshot {@code c} describes (its results are not looked at), or answers the status that stops it.
     * Checks here are the ones MooseFS makes in replay too; the caller-facing permission checks are the live
     * operation's ({@link SnapshotOps}).
     */
    FsResult<Plan> plan(Change.Snapshot c) {
        Planner p = new Planner(c);
        MfsStatus st = (c.smode() & DELETE) != 0 ? p.planRemoval() : p.planCopy();
        return st.isOk() ? FsResult.ok(new Plan(p.steps, p.counts())) : FsResult.error(st);
    }

    /** Performs a plan made against the current state by {@link #plan} for the same record. */
    void execute(Change.Snapshot c, Plan plan) {
        Executor x = new Executor(c);
        for (Step step : plan.steps()) {
            x.run(step);
        }
    }

    // ---- planning (reads only) ---------------------------------------------------------------------------------

    private final class Planner {
        private final Change.Snapshot c;
        private final Credentials who;
        private final List<Step> steps = new ArrayList<>();
        private final Map<Integer, Integer> linkedCopies = new HashMap<>();
        private int nextInode;
        private int checksum;
        private int removed;
        private int same;
        private int existing;
        private int hardlinks;
        private int created;

        Planner(Change.Snapshot c) {
            this.c = c;
            this.who = credentials(c);
            this.nextInode = s.inodes.peekNext();
        }

        Counts counts() {
            return new Counts(checksum, removed, same, existing, hardlinks, created);
        }

        /** The inode numbers the executor's allocations will return, in order (removals keep numbers reserved). */
        private int allocate() {
            int inode = nextInode;
            nextInode = s.inodes.nextFreeAfter(inode);
            return inode;
        }

        MfsStatus planCopy() {
            int src = c.srcInode();
            int parent = c.dstParent();
            if (src == 0) {
                return MfsStatus.EINVAL;
            }
            if (!s.nodes.exists(src) || !s.nodes.exists(parent)) {
                return MfsStatus.ENOENT;
            }
            if (!s.isDir(parent)) {
                return MfsStatus.EPERM;
            }
            if (s.isDir(src) && s.isAncestorOrSelf(src, parent)) {
                return MfsStatus.EINVAL;
            }
            if (!Names.valid(c.name())) {
                return MfsStatus.EINVAL;
            }
            MfsStatus st = checkTarget(src, src, parent, c.name(), (c.smode() & CAN_OVERWRITE) != 0);
            if (!st.isOk()) {
                return st;
            }
            copy(src, parent, c.name(), false);
            return MfsStatus.OK;
        }

        /** What may stop a copy before anything is done: conflicts with what already exists at the target. */
        private MfsStatus checkTarget(int origin, int src, int parent, byte[] name, boolean canOverwrite) {
            int e = s.edges.find(parent, name);
            if (e == 0) {
                return MfsStatus.OK;
            }
            int dst = s.edges.child(e);
            if (dst == origin) {
                return MfsStatus.EINVAL;
            }
            if ((s.nodes.eattr(dst) & PROTECTED) != 0 || s.type(dst) != s.type(src)
                    || s.type(src) == NodeType.TRASH || s.type(src) == NodeType.SUSTAINED) {
                return MfsStatus.EPERM;
            }
            if (s.isDir(src)) {
                for (int ce = s.nodes.firstChild(src); ce != 0; ce = s.edges.nextChild(ce)) {
                    MfsStatus st = checkTarget(origin, s.edges.child(ce), dst, s.edges.name(ce), canOverwrite);
                    if (!st.isOk()) {
                        return st;
                    }
                }
                return MfsStatus.OK;
            }
            return canOverwrite ? MfsStatus.OK : MfsStatus.EEXIST;
        }

        private void copy(int src, int parent, byte[] name, boolean parentIsNew) {
            int type = s.type(src);
            boolean walkChildren = type == NodeType.DIRECTORY && Perms.allows(s, src, who, Perms.R | Perms.X);
            if (type == NodeType.FILE && !Perms.allows(s, src, who, Perms.R)) {
                return; // a file the caller cannot read is left out
            }
            int e = parentIsNew ? 0 : s.edges.find(parent, name);
            if (e != 0) {
                merge(src, parent, name, s.edges.child(e), walkChildren);
                return;
            }
            if (!NodeType.isCreatable(type) && type != NodeType.SYMLINK) {
                return;
            }
            boolean shareLinks = (c.smode() & PRESERVE_HARDLINKS) != 0 && type != NodeType.DIRECTORY
                    && s.edges.nextParent(s.nodes.firstParent(src)) != 0;
            if (shareLinks && linkedCopies.containsKey(src)) {
                hardlinks++;
                steps.add(new HardLink(parent, name, linkedCopies.get(src)));
                return;
            }
            int inode = allocate();
            checksum ^= inode;
            created++;
            if (shareLinks) {
                linkedCopies.put(src, inode);
            }
            steps.add(new Create(parent, name, src, inode));
            if (walkChildren) {
                for (int ce = s.nodes.firstChild(src); ce != 0; ce = s.edges.nextChild(ce)) {
                    copy(s.edges.child(ce), inode, s.edges.name(ce), true);
                }
            }
            steps.add(new Finish(inode, src));
        }

        /** An existing destination node of the source's type (the target check made sure of the type). */
        private void merge(int src, int parent, byte[] name, int dst, boolean walkChildren) {
            existing++;
            switch (s.type(src)) {
                case NodeType.DIRECTORY -> {
                    if (walkChildren) {
                        for (int ce = s.nodes.firstChild(src); ce != 0; ce = s.edges.nextChild(ce)) {
                            copy(s.edges.child(ce), dst, s.edges.name(ce), false);
                        }
                    }
                }
                case NodeType.FILE -> {
                    if (sameData(src, dst)) {
                        existing--;
                        same++;
                    } else {
                        int inode = allocate();
                        checksum ^= dst ^ inode;
                        steps.add(new Replace(parent, name, src, inode));
                        dst = inode;
                    }
                }
                case NodeType.SYMLINK -> steps.add(new SymlinkPath(dst, src));
                case NodeType.BLOCKDEV, NodeType.CHARDEV -> steps.add(new Rdev(dst, src));
                default -> {
                }
            }
            steps.add(new Refresh(dst, src));
        }

        private boolean sameData(int a, int b) {
            return s.nodes.length(a) == s.nodes.length(b) && Arrays.equals(slots(a), slots(b));
        }

        /**
         * The file's chunk slots without trailing holes: a slot emptied by a ROLLBACK stays in the live table but
         * not in a dump, and the comparison must not depend on whether the file came from one.
         */
        private long[] slots(int inode) {
            long[] chunks = s.nodes.chunks(inode);
            if (chunks == null) {
                return new long[0];
            }
            int n = chunks.length;
            while (n > 0 && chunks[n - 1] == 0) {
                n--;
            }
            return n == chunks.length ? chunks : Arrays.copyOf(chunks, n);
        }

        MfsStatus planRemoval() {
            if (c.srcInode() != 0) {
                return MfsStatus.EINVAL;
            }
            if (!s.nodes.exists(c.dstParent())) {
                return MfsStatus.ENOENT;
            }
            if (!s.isDir(c.dstParent())) {
                return MfsStatus.EPERM;
            }
            if (!Names.valid(c.name())) {
                return MfsStatus.EINVAL;
            }
            int e = s.edges.find(c.dstParent(), c.name());
            if (e == 0) {
                return MfsStatus.ENOENT;
            }
            remove(e, (s.nodes.eattr(c.dstParent()) & (NodeAttr.EATTR_APPENDONLY | NodeAttr.EATTR_IMMUTABLE)) == 0);
            return MfsStatus.OK;
        }

        /** Plans the removal of entry {@code e}'s subtree; true when the entry itself goes. */
        private boolean remove(int e, boolean allowed) {
            int node = s.edges.child(e);
            if (s.isDir(node)) {
                boolean emptied = true;
                if (Perms.allows(s, node, who, Perms.W | Perms.X)) {
                    boolean childAllowed = (s.nodes.eattr(node)
                            & (NodeAttr.EATTR_APPENDONLY | NodeAttr.EATTR_IMMUTABLE)) == 0;
                    for (int ce = s.nodes.firstChild(node); ce != 0; ce = s.edges.nextChild(ce)) {
                        emptied &= remove(ce, childAllowed);
                    }
                } else {
                    emptied = s.nodes.firstChild(node) == 0;
                }
                if (!emptied) {
                    return false;
                }
            }
            if ((s.nodes.eattr(node) & NodeAttr.EATTR_SNAPSHOT) == 0 || (s.nodes.eattr(node) & PROTECTED) != 0
                    || !allowed) {
                return false;
            }
            checksum ^= node;
            removed++;
            steps.add(new Remove(s.edges.parent(e), s.edges.name(e), node));
            return true;
        }
    }

    // ---- execution --------------------------------------------------------------------------------------------

    private final class Executor {
        private final Change.Snapshot c;
        private final int ts;
        private final boolean cpLike;
        private final int uid;
        private final int gid;

        Executor(Change.Snapshot c) {
            this.c = c;
            this.ts = c.ts();
            this.cpLike = (c.smode() & CPLIKE_ATTR) != 0;
            this.uid = c.uid();
            this.gid = c.gids()[0];
        }

        private boolean keepsOwner(int src) {
            return uid == 0 || uid == s.nodes.uid(src);
        }

        void run(Step step) {
            switch (step) {
                case Create x -> create(x);
                case Finish x -> {
                    if (!cpLike) {
                        s.nodes.setAtime(x.inode(), s.nodes.atime(x.src()));
                        s.nodes.setMtime(x.inode(), s.nodes.mtime(x.src()));
                        s.nodes.setCtime(x.inode(), s.nodes.ctime(x.src()));
                    }
                    markSnapshot(x.inode());
                }
                case HardLink x -> s.link(ts, x.parent(), x.inode(), x.name());
                case Replace x -> replace(x);
                case SymlinkPath x -> s.replaceSymlinkPath(x.inode(), s.symlinks.get(x.src()));
                case Rdev x -> s.nodes.setLength(x.inode(), s.nodes.length(x.src()));
                case Refresh x -> refresh(x.inode(), x.src());
                case Remove x -> {
                    int e = s.edges.find(x.parent(), x.name());
                    if (e == 0 || s.edges.child(e) != x.inode()) {
                        throw new IllegalStateException("planned removal of " + x.inode() + " lost its entry");
                    }
                    s.nodes.setTrashHours(x.inode(), 0);
                    s.unlink(ts, e);
                }
            }
        }

        private void newNode(int parent, byte[] name, int type, int src, int inode, boolean copyAttrs) {
            if (s.inodes.peekNext() != inode) {
                throw new IllegalStateException("snapshot planned inode " + inode + " but the next free one is "
                        + s.inodes.peekNext());
            }
            int mode = s.nodes.mode(src);
            int rdev = type == NodeType.BLOCKDEV || type == NodeType.CHARDEV ? (int) s.nodes.length(src) : 0;
            if (cpLike) {
                s.createNode(ts, parent, name, type, mode, c.umask(), uid, gid, rdev, inode);
            } else if (keepsOwner(src)) {
                s.createNode(ts, parent, name, type, mode, 0, s.nodes.uid(src), s.nodes.gid(src), rdev, inode);
            } else {
                s.createNode(ts, parent, name, type, mode & 01777, 0, uid, gid, rdev, inode);
            }
            if (copyAttrs) {
                s.nodes.setSclass(inode, s.nodes.sclass(src));
                s.nodes.setTrashHours(inode, s.nodes.trashHours(src));
            }
        }

        private void create(Create x) {
            int src = x.src();
            int type = s.type(src);
            newNode(x.parent(), x.name(), type, src, x.inode(), !cpLike);
            int inode = x.inode();
            if (!cpLike) {
                s.nodes.setEattr(inode, s.nodes.eattr(src));
                s.nodes.setWinattr(inode, s.nodes.winattr(src));
                var attrs = s.xattrs.of(src);
                if (!attrs.isEmpty()) {
                    attrs.forEach((k, v) -> s.xattrs.put(inode, k.bytes(), v));
                    s.nodes.setFlags(inode, s.nodes.flags(inode) | NodeTable.FLAG_XATTR);
                }
            }
            if (type == NodeType.FILE) {
                shareChunks(src, inode);
            } else if (type == NodeType.SYMLINK) {
                s.setSymlinkPath(inode, s.symlinks.get(src));
            }
        }

        private void replace(Replace x) {
            int e = s.edges.find(x.parent(), x.name());
            if (e == 0) {
                throw new IllegalStateException("planned replacement of " + x.parent() + "/" + x.name().length
                        + "-byte name lost its entry");
            }
            s.unlink(ts, e);
            newNode(x.parent(), x.name(), NodeType.FILE, x.src(), x.inode(), true);
            shareChunks(x.src(), x.inode());
        }

        /** The copy references the source's chunks: one more file per chunk, so a write to either copies first. */
        private void shareChunks(int src, int inode) {
            s.setLength(inode, s.nodes.length(src));
            long[] chunks = s.nodes.chunks(src);
            if (chunks == null || chunks.length == 0) {
                return;
            }
            s.nodes.setChunks(inode, chunks.clone());
            int sclass = s.nodes.sclass(inode);
            int placement = s.classes.effective(sclass).id();
            for (long chunk : chunks) {
                if (chunk != 0) {
                    s.releaser.referenced(inode, chunk, placement);
                }
            }
        }

        private void refresh(int dst, int src) {
            if (cpLike) {
                s.nodes.setUid(dst, uid);
                s.nodes.setGid(dst, gid);
                s.nodes.setMode(dst, s.nodes.mode(src) & ~c.umask() & 07777);
                s.nodes.setCtime(dst, ts);
            } else {
                if (keepsOwner(src)) {
                    s.nodes.setMode(dst, s.nodes.mode(src));
                    s.nodes.setUid(dst, s.nodes.uid(src));
                    s.nodes.setGid(dst, s.nodes.gid(src));
                    s.nodes.setCtime(dst, s.nodes.ctime(src));
                } else {
                    s.nodes.setMode(dst, s.nodes.mode(src) & 01777);
                    s.nodes.setUid(dst, uid);
                    s.nodes.setGid(dst, gid);
                    s.nodes.setCtime(dst, ts);
                }
                s.nodes.setAtime(dst, s.nodes.atime(src));
                s.nodes.setMtime(dst, s.nodes.mtime(src));
            }
            markSnapshot(dst);
        }

        private void markSnapshot(int inode) {
            s.nodes.setEattr(inode, s.nodes.eattr(inode) | NodeAttr.EATTR_SNAPSHOT);
        }
    }
}
