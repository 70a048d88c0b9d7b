package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Per-node policies a subtree can be summarised by or set on: storage class (goal), trash time, extra attributes
 * (eattr). The SET forms record one change for the whole subtree, with MooseFS's changed / not changed / not
 * permitted counts; the GET forms count values over one node or (GMODE_RECURSIVE) its subtree.
 */
final class PolicyOps {
    static final int GMODE_NORMAL = 0;
    static final int GMODE_RECURSIVE = 1;
    /** Eattr bits a non-directory reports (NOECACHE is a directory's property). */
    private static final int FILE_EATTR_MASK = 0xFF & ~NodeAttr.EATTR_NOECACHE;
    private static final int ADMIN_EATTRS = NodeAttr.EATTR_UNDELETABLE | NodeAttr.EATTR_APPENDONLY
            | NodeAttr.EATTR_IMMUTABLE;

    private final FsCore core;
    private final FsState s;

    PolicyOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    static boolean classBearing(int type) {
        return type == NodeType.DIRECTORY || NodeType.isFileLike(type);
    }

    private static boolean foreignOwner(FsState s, int inode, int uid) {
        return (s.nodes.eattr(inode) & NodeAttr.EATTR_NOOWNER) == 0 && uid != 0 && s.nodes.uid(inode) != uid;
    }

    // ---- storage class ------------------------------------------------------------------------------------------

    private static boolean adminOnly(FsState s, int id) {
        return s.classes.exists(id) && s.classes.get(id).adminOnly();
    }

    /** What "increase" and "decrease" compare: the most copies the class keeps (normal or archived). */
    private static int copies(FsState s, int id) {
        var c = s.classes.get(id);
        return c == null ? 0 : Math.max(c.keep().size(), c.archive().size());
    }

    /** The rule of SETSCLASS, for counting and applying alike (live and replay). */
    static SubtreeSet.Rule sclassRule(FsState s, int ts, int uid, int src, int dst, int smode, boolean admin) {
        return new SubtreeSet.Rule() {
            @Override
            public int decide(int n) {
                int cur = s.nodes.sclass(n);
                if (foreignOwner(s, n, uid) || (s.nodes.eattr(n) & NodeAttr.EATTR_IMMUTABLE) != 0
                        || ((adminOnly(s, cur) || adminOnly(s, dst)) && !admin)) {
                    return SubtreeSet.NOT_PERMITTED;
                }
                boolean set = switch (smode & SubtreeSet.SMODE_TMASK) {
                    case SubtreeSet.SMODE_SET -> cur != dst;
                    case SubtreeSet.SMODE_INCREASE -> copies(s, cur) < copies(s, dst);
                    case SubtreeSet.SMODE_DECREASE -> copies(s, cur) > copies(s, dst);
                    default -> cur == src;
                };
                return set ? SubtreeSet.CHANGED : SubtreeSet.NOT_CHANGED;
            }

            @Override
            public void apply(int n) {
                s.setSclass(n, dst);
                s.nodes.setCtime(n, ts);
            }
        };
    }

    /**
     * SETSCLASS. {@code src} matters only for SMODE_EXCHANGE; {@code admin}: the session has the export's admin
     * flag. Answers EINVAL for a bad mode or class, ENOENT, EPERM for a node without a class or (non-recursive)
     * when the only node was not permitted.
     */
    FsResult<Results.SetCounts> setSclass(int inode, int uid, int src, int dst, int smode, boolean admin) {
        if (!SubtreeSet.validSmode(smode) || !s.classes.exists(dst) || src == 0) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        int kind = smode & SubtreeSet.SMODE_TMASK;
        if ((kind == SubtreeSet.SMODE_INCREASE || kind == SubtreeSet.SMODE_DECREASE)
                && dst >= io.jmfs.master.sclass.StorageClassTable.FIRST_USER_ID) {
            return FsResult.error(MfsStatus.EINVAL); // as 3.0.117: more or less than a named class means nothing
        }
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!classBearing(s.type(inode))) {
            return FsResult.error(MfsStatus.EPERM);
        }
        int ts = core.clock.now();
        int[] c = SubtreeSet.walk(s, inode, smode, sclassRule(s, ts, uid, src, dst, smode, admin), false,
                PolicyOps::classBearing);
        if (onlyRefused(smode, c)) {
            return FsResult.error(MfsStatus.EPERM);
        }
        core.commit(new Change.SetSclass(ts, inode, uid, src, dst, smode, c[0], c[1], c[2]));
        return FsResult.ok(new Results.SetCounts(c[0], c[1], c[2]));
    }

    private static boolean onlyRefused(int smode, int[] c) {
        return (smode & SubtreeSet.SMODE_RMASK) == 0 && c[2] > 0 && c[0] == 0 && c[1] == 0;
    }

    // ---- eattr --------------------------------------------------------------------------------------------------

    static SubtreeSet.Rule eattrRule(FsState s, int ts, int uid, int eattr, int smode) {
        return new SubtreeSet.Rule() {
            private int target(int n) {
                int wanted = s.isDir(n) ? eattr : eattr & FILE_EATTR_MASK;
                int cur = s.nodes.eattr(n);
                return switch (smode & SubtreeSet.SMODE_TMASK) {
                    case SubtreeSet.SMODE_SET -> wanted;
                    case SubtreeSet.SMODE_INCREASE -> cur | wanted;
                    case SubtreeSet.SMODE_DECREASE -> cur & ~wanted;
                    default -> cur;
                };
            }

            @Override
            public int decide(int n) {
                if (foreignOwner(s, n, uid) || ((s.nodes.eattr(n) & NodeAttr.EATTR_IMMUTABLE) != 0
                        && (eattr & NodeAttr.EATTR_NOOWNER) != 0)) {
                    return SubtreeSet.NOT_PERMITTED;
                }
                return target(n) != s.nodes.eattr(n) ? SubtreeSet.CHANGED : SubtreeSet.NOT_CHANGED;
            }

            @Override
            public void apply(int n) {
                s.nodes.setEattr(n, target(n));
                s.nodes.setCtime(n, ts);
            }
        };
    }

    /**
     * SETEATTR; only an admin session may touch UNDELETABLE, APPENDONLY and IMMUTABLE (EPERM otherwise).
     */
    FsResult<Results.SetCounts> setEattr(int inode, int uid, int eattr, int smode, boolean admin) {
        if (!SubtreeSet.validSmode(smode) || (eattr & ~0xFF) != 0) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        if (!admin && (eattr & ADMIN_EATTRS) != 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        int ts = core.clock.now();
        int[] c = SubtreeSet.walk(s, inode, smode, eattrRule(s, ts, uid, eattr, smode), false, t -> true);
        if (onlyRefused(smode, c)) {
            return FsResult.error(MfsStatus.EPERM);
        }
        core.commit(new Change.SetEattr(ts, inode, uid, eattr, smode, c[0], c[1], c[2]));
        return FsResult.ok(new Results.SetCounts(c[0], c[1], c[2]));
    }

    // ---- summaries ----------------------------------------------------------------------------------------------

    FsResult<Results.ValueCounts> sclassCounts(int inode, int gmode) {
        return summarise(inode, gmode, PolicyOps::classBearing, s.nodes::sclass, s.nodes::sclass);
    }

    /** Trash times in seconds. */
    FsResult<Results.ValueCounts> trashTimeCounts(int inode, int gmode) {
        IntUnaryOperator seconds = n -> s.nodes.trashHours(n) * 3600;
        return summarise(inode, gmode, PolicyOps::classBearing, seconds, seconds);
    }

    FsResult<Results.ValueCounts> eattrCounts(int inode, int gmode) {
        return summarise(inode, gmode, t -> true, n -> s.nodes.eattr(n) & FILE_EATTR_MASK, s.nodes::eattr);
    }

    /**
     * Counts values over files (regular, trash, sustained; or any non-directory where {@code counted} allows)
     * and directories, below {@code inode} too with GMODE_RECURSIVE.
     */
    private FsResult<Results.ValueCounts> summarise(int inode, int gmode, IntPredicate counted,
                                                    IntUnaryOperator fileValue, IntUnaryOperator dirValue) {
        if (gmode != GMODE_NORMAL && gmode != GMODE_RECURSIVE) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        Map<Integer, Integer> files = new TreeMap<>();
        Map<Integer, Integer> dirs = new TreeMap<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(inode);
        while (!todo.isEmpty()) {
            int n = todo.pop();
            int type = s.type(n);
            if (type == NodeType.DIRECTORY) {
                dirs.merge(dirValue.applyAsInt(n), 1, Integer::sum);
                if (gmode == GMODE_RECURSIVE) {
                    for (int e = s.nodes.firstChild(n); e != 0; e = s.edges.nextChild(e)) {
                        todo.push(s.edges.child(e));
                    }
                }
            } else if (counted.test(type)) {
                files.merge(fileValue.applyAsInt(n), 1, Integer::sum);
            }
        }
        return FsResult.ok(new Results.ValueCounts(files, dirs));
    }
}
