package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Archive flags of the chunks below a node (MooseFS's ARCHCTL and ARCHCHG): counting them, setting or clearing
 * them for the files a user may change, and the sweep that archives the chunks of files whose ctime is older than
 * their storage class's archive delay. Every change is one ARCHCHG record, applied by {@link #replay} for live
 * operations and changelog replay alike; the sweep's records are those of root setting the flags of one file.
 */
final class ArchiveOps {
    static final int CMD_CLR = 0;
    static final int CMD_SET = 1;
    /** MooseFS ignores archive delays above this many days (the delay in seconds would not fit 32 bits). */
    static final int MAX_DELAY_DAYS = 49710;
    private static final long DAY = 86400;
    /** The sweep visits at least this many inode numbers per call ... */
    static final int SWEEP_MIN_SLICE = 4096;
    /** ... and enough for a full pass in this many calls (about ten minutes at one call a second). */
    static final int SWEEP_PASS_CALLS = 600;

    private final FsCore core;
    private final FsState s;
    private int sweepCursor;

    ArchiveOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    private static boolean archivable(int type) {
        return type == NodeType.DIRECTORY || NodeType.isFileLike(type);
    }

    FsResult<ArchiveResults.Counts> counts(int inode) {
        int type = s.type(inode);
        if (type == 0) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!archivable(type)) {
            return FsResult.error(MfsStatus.EPERM);
        }
        long archived = 0;
        long notArchived = 0;
        int allFiles = 0;
        int partFiles = 0;
        int noneFiles = 0;
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(inode);
        while (!todo.isEmpty()) {
            int n = todo.pop();
            if (NodeType.isFileLike(s.type(n))) {
                int a = 0;
                int na = 0;
                for (long chunk : chunksOf(n)) {
                    int flag = chunk == 0 ? ChunkArchiveFlags.UNKNOWN : s.archiveFlags.flag(chunk);
                    if (flag == 1) {
                        a++;
                    } else if (flag == 0) {
                        na++;
                    }
                }
                if (a > 0 && na > 0) {
                    partFiles++;
                } else if (a > 0) {
                    allFiles++;
                } else if (na > 0) {
                    noneFiles++;
                }
                archived += a;
                notArchived += na;
            } else if (s.isDir(n)) {
                pushChildren(todo, n);
            }
        }
        return FsResult.ok(new ArchiveResults.Counts(archived, notArchived, allFiles, partFiles, noneFiles));
    }

    /**
     * SET or CLR below {@code inode}. EPERM for a node that is neither a directory nor a file, or for a single file
     * the user may not change; no permission is needed beyond owning the file (MooseFS checks no mode bits here).
     */
    FsResult<ArchiveResults.Changed> change(int inode, int uid, boolean set) {
        int type = s.type(inode);
        if (type == 0) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!archivable(type)) {
            return FsResult.error(MfsStatus.EPERM);
        }
        int ts = core.clock.now();
        int cmd = set ? CMD_SET : CMD_CLR;
        long[] c = walk(s, ts, inode, uid, cmd, false);
        if (type != NodeType.DIRECTORY && c[2] > 0 && c[0] == 0 && c[1] == 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        core.commit(new Change.ArchChg(ts, inode, uid, cmd, c[0], c[1], (int) c[2]));
        return FsResult.ok(new ArchiveResults.Changed(c[0], c[1], (int) c[2]));
    }

    /** Applies an ARCHCHG record after checking that its counts are what this state gives; nothing changes otherwise. */
    static MfsStatus replay(FsState s, Change.ArchChg c) {
        int type = s.type(c.inode());
        if (type == 0) {
            return MfsStatus.ENOENT;
        }
        if (!archivable(type)) {
            return MfsStatus.EPERM;
        }
        if (c.cmd() != CMD_SET && c.cmd() != CMD_CLR) {
            return MfsStatus.EINVAL;
        }
        long[] counts = walk(s, c.ts(), c.inode(), c.uid(), c.cmd(), false);
        if (counts[0] != c.changed() || counts[1] != c.notChanged()
                || counts[2] != Integer.toUnsignedLong(c.notPermitted())) {
            return MfsStatus.MISMATCH;
        }
        walk(s, c.ts(), c.inode(), c.uid(), c.cmd(), true);
        return MfsStatus.OK;
    }

    /**
     * The one walk of SET/CLR, counting ({@code apply} false) or changing: {changed chunks, not changed chunks,
     * not permitted files}. A file is not permitted when it is immutable, or owned by another user than a
     * non-root {@code uid} without the NOOWNER attribute. Every chunk slot of a permitted file counts once per
     * visit (a chunk already flipped through another file, or unknown, counts as not changed); CLR sets the ctime
     * of every permitted file, changed or not.
     */
    static long[] walk(FsState s, int ts, int inode, int uid, int cmd, boolean apply) {
        boolean set = cmd == CMD_SET;
        long changed = 0;
        long notChanged = 0;
        long notPermitted = 0;
        Set<Long> flipped = new HashSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(inode);
        while (!todo.isEmpty()) {
            int n = todo.pop();
            if (NodeType.isFileLike(s.type(n))) {
                int eattr = s.nodes.eattr(n);
                boolean foreign = (eattr & NodeAttr.EATTR_NOOWNER) == 0 && uid != 0 && s.nodes.uid(n) != uid;
                if (foreign || (eattr & NodeAttr.EATTR_IMMUTABLE) != 0) {
                    notPermitted++;
                    continue;
                }
                for (long chunk : chunksOf(s, n)) {
                    if (chunk == 0) {
                        continue;
                    }
                    int flag = s.archiveFlags.flag(chunk);
                    if (flag != ChunkArchiveFlags.UNKNOWN && (flag == 1) != set && flipped.add(chunk)) {
                        changed++;
                        if (apply) {
                            s.archiveFlags.set(chunk, set);
                        }
                    } else {
                        notChanged++;
                    }
                }
                if (!set && apply) {
                    s.nodes.setCtime(n, ts);
                }
            } else if (s.isDir(n)) {
                pushChildren(s, todo, n);
            }
        }
        return new long[] {changed, notChanged, notPermitted};
    }

    /**
     * One step of the archive-delay sweep: visits the next slice of inode numbers and, for each file whose storage
     * class has an archive delay its ctime is older than, archives the file's chunks as root would with SET
     * (one ARCHCHG record per file that had a chunk to flip). Immutable files are left alone, since root's SET
     * would refuse them in replay too.
     */
    void sweep(int now) {
        int max = s.inodes.maxInode();
        if (max <= 0 || s.classes.all().stream().noneMatch(c -> c.archDelay() > 0)) {
            return;
        }
        int slice = Math.min(max, Math.max(SWEEP_MIN_SLICE, max / SWEEP_PASS_CALLS));
        for (int k = 0; k < slice; k++) {
            sweepCursor = sweepCursor >= max ? 1 : sweepCursor + 1;
            archiveIfDue(sweepCursor, now);
        }
    }

    private void archiveIfDue(int inode, int now) {
        if (!NodeType.isFileLike(s.type(inode)) || (s.nodes.eattr(inode) & NodeAttr.EATTR_IMMUTABLE) != 0) {
            return;
        }
        int delay = s.classes.effective(s.nodes.sclass(inode)).archDelay();
        if (!due(delay, s.nodes.ctime(inode), now)) {
            return;
        }
        long[] c = walk(s, now, inode, 0, CMD_SET, false);
        if (c[0] > 0) {
            core.commit(new Change.ArchChg(now, inode, 0, CMD_SET, c[0], c[1], 0));
        }
    }

    /**
     * Whether a file last changed at {@code ctime} is due for archiving under a delay of {@code delayDays}: the
     * delay is set (1..49710 days), and ctime plus the delay lies before {@code now} without passing 2^32.
     */
    static boolean due(int delayDays, int ctime, int now) {
        if (delayDays <= 0 || delayDays > MAX_DELAY_DAYS) {
            return false;
        }
        long deadline = Integer.toUnsignedLong(ctime) + delayDays * DAY;
        return deadline <= 0xFFFF_FFFFL && deadline < Integer.toUnsignedLong(now);
    }

    private long[] chunksOf(int n) {
        return chunksOf(s, n);
    }

    private static long[] chunksOf(FsState s, int n) {
        long[] chunks = s.nodes.chunks(n);
        return chunks == null ? new long[0] : chunks;
    }

    private void pushChildren(ArrayDeque<Integer> todo, int dir) {
        pushChildren(s, todo, dir);
    }

    private static void pushChildren(FsState s, ArrayDeque<Integer> todo, int dir) {
        for (int e = s.nodes.firstChild(dir); e != 0; e = s.edges.nextChild(e)) {
            todo.push(s.edges.child(e));
        }
    }
}
