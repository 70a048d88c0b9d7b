package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Trash time, the periodic trash/sustained/inode-number maintenance, PURGE, and the open-file hooks
 * (ACQUIRE/RELEASE) that keep an unlinked but open file alive.
 */
final class TrashOps {
    static final int SMODE_TMASK = 3;
    static final int SMODE_RMASK = 4;
    static final int TRASH_ALL_BUCKETS = 4096;
    static final int SUSTAINED_ALL_BUCKETS = 256;

    private final FsCore core;
    private final FsState s;
    // which bucket the next pass visits: as MooseFS, one trash and one sustained bucket per pass (per second), so a
    // pass costs 1/4096 of the trash however big it grows, and an expired file goes within 4096 passes
    private int nextTrashBucket;
    private int nextSustainedBucket;

    TrashOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    /** A trash file expires when its atime, mtime and ctime are all older than its trash time. */
    static boolean expired(FsState s, int inode, int ts) {
        long limit = Integer.toUnsignedLong(ts);
        long keep = s.nodes.trashHours(inode) * 3600L;
        return Integer.toUnsignedLong(s.nodes.atime(inode)) + keep < limit
                && Integer.toUnsignedLong(s.nodes.mtime(inode)) + keep < limit
                && Integer.toUnsignedLong(s.nodes.ctime(inode)) + keep < limit;
    }

    /**
     * Sets (smode 0), raises (1) or lowers (2) the trash time, recursively when smode has bit 4. Counts
     * changed / unchanged / not permitted nodes into {@code counts}; mutates only when {@code apply}.
     */
    static void setTrashHours(FsState s, int ts, int inode, int uid, int hours, int smode, int[] counts,
                              boolean apply) {
        counts[0] = 0;
        counts[1] = 0;
        counts[2] = 0;
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(inode);
        while (!todo.isEmpty()) {
            int n = todo.pop();
            int type = s.type(n);
            if (type != NodeType.DIRECTORY && !NodeType.isFileLike(type)) {
                continue;
            }
            int eattr = s.nodes.eattr(n);
            if (((eattr & NodeAttr.EATTR_NOOWNER) == 0 && uid != 0 && s.nodes.uid(n) != uid)
                    || (eattr & NodeAttr.EATTR_IMMUTABLE) != 0) {
                counts[2]++;
            } else {
                int cur = s.nodes.trashHours(n);
                boolean set = switch (smode & SMODE_TMASK) {
                    case 0 -> cur != hours;
                    case 1 -> cur < hours;
                    case 2 -> cur > hours;
                    default -> false;
                };
                if (set) {
                    counts[0]++;
                    if (apply) {
                        s.nodes.setTrashHours(n, hours);
                        s.nodes.setCtime(n, ts);
                    }
                } else {
                    counts[1]++;
                }
            }
            if (type == NodeType.DIRECTORY && (smode & SMODE_RMASK) != 0) {
                for (int e = s.nodes.firstChild(n); e != 0; e = s.edges.nextChild(e)) {
                    todo.push(s.edges.child(e));
                }
            }
        }
    }

    FsResult<Results.SetCounts> setTrashTime(Credentials c, int inode, int seconds, int smode) {
        if (smode < 0 || smode > 7 || (smode & SMODE_TMASK) == 3) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        int type = s.type(inode);
        if (type != NodeType.DIRECTORY && !NodeType.isFileLike(type)) {
            return FsResult.error(MfsStatus.EPERM);
        }
        int hours = (int) Math.min((Integer.toUnsignedLong(seconds) + 3599) / 3600, 0xFFFF);
        int[] counts = new int[3];
        int ts = core.clock.now();
        setTrashHours(s, ts, inode, c.uid(), hours, smode, counts, false);
        if ((smode & SMODE_RMASK) == 0 && counts[2] > 0 && counts[0] == 0 && counts[1] == 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        core.commit(new Change.SetTrashTime(ts, inode, c.uid(), seconds, smode, counts[0], counts[1], counts[2]));
        return FsResult.ok(new Results.SetCounts(counts[0], counts[1], counts[2]));
    }

    /** Trash time in seconds as clients see it (stored in hours, like MooseFS). */
    FsResult<Integer> trashTime(int inode) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        return FsResult.ok(s.nodes.trashHours(inode) * 3600);
    }

    /**
     * One maintenance pass at the current time: purge expired trash (chunks released; still-open files move to
     * sustained), drop sustained files nobody holds open any more, and make inode numbers whose reuse delay
     * passed available again. Each step that changes something is one logged change.
     */
    Results.Maintenance maintain() {
        int ts = core.clock.now();
        int bucket = nextTrashBucket;
        nextTrashBucket = (bucket + 1) % TRASH_ALL_BUCKETS;
        int purged = 0;
        int toSustained = 0;
        int checksum = 0;
        for (int inode : s.trash.bucket(bucket)) {
            if (expired(s, inode, ts)) {
                checksum ^= inode;
                if (s.open.isOpen(inode)) {
                    toSustained++;
                } else {
                    purged++;
                }
            }
        }
        if (purged + toSustained > 0) {
            core.commit(new Change.EmptyTrash(ts, bucket, purged, toSustained, checksum));
        }
        bucket = nextSustainedBucket;
        nextSustainedBucket = (bucket + 1) % SUSTAINED_ALL_BUCKETS;
        int closed = 0;
        checksum = 0;
        for (int inode : s.sustained.bucket(bucket)) {
            if (!s.open.isOpen(inode)) {
                closed++;
                checksum ^= inode;
            }
        }
        if (closed > 0) {
            core.commit(new Change.EmptySustained(ts, bucket, closed, checksum));
        }
        int delay = core.settings.inodeReuseDelay();
        var preview = previewFree(ts, delay);
        if (preview[0] + preview[1] > 0) {
            core.commit(new Change.FreeInodes(ts, delay, preview[0], preview[1], preview[2]));
        }
        return new Results.Maintenance(purged, toSustained, closed, preview[0]);
    }

    private int[] previewFree(int ts, int delay) {
        return s.inodes.previewExpired(ts, delay, s.open::isOpen);
    }

    MfsStatus purge(int inode) {
        int type = s.type(inode);
        if (type != NodeType.TRASH && type != NodeType.SUSTAINED) {
            return MfsStatus.ENOENT;
        }
        core.commit(new Change.Purge(core.clock.now(), inode));
        return MfsStatus.OK;
    }

    List<Integer> trashInodes() {
        return Arrays.stream(s.trash.toArray()).boxed().toList();
    }

    List<Integer> sustainedInodes() {
        return Arrays.stream(s.sustained.toArray()).boxed().toList();
    }

    MfsStatus acquire(int sessionId, int inode) {
        if (!core.exists(inode)) {
            return MfsStatus.ENOENT;
        }
        if (s.open.holds(sessionId, inode)) {
            return MfsStatus.OK;
        }
        core.commit(new Change.Acquire(core.clock.now(), inode, sessionId));
        return MfsStatus.OK;
    }

    MfsStatus release(int sessionId, int inode) {
        if (!s.open.holds(sessionId, inode)) {
            return MfsStatus.OK;
        }
        core.commit(new Change.Release(core.clock.now(), inode, sessionId));
        return MfsStatus.OK;
    }
}
