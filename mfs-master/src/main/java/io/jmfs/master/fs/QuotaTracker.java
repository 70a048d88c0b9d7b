package io.jmfs.master.fs;

import io.jmfs.master.quota.QuotaDefinition;
import io.jmfs.master.quota.QuotaTable;
import io.jmfs.master.quota.Usage;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Keeps the usage of quota'd directories current and answers whether a growth would break a quota. The
 * structural primitives of {@link FsState} call in when they change something a quota counts; every entry point
 * returns at once while no quota exists, so a namespace without quotas pays one emptiness check per change.
 * With quotas, a change costs a walk up the changed node's ancestors (what directory lengths cost already), and
 * linking or unlinking a directory a walk of that subtree.
 */
final class QuotaTracker {
    /** MooseFS's chunk-file header and block size: what a stored chunk costs beside its data. */
    private static final long CHUNK_HEADER = 0x2000;
    private static final long BLOCK = 0x10000;
    private static final long CHUNK = 1L << FsState.CHUNK_BITS;

    final QuotaTable table = new QuotaTable();
    private final FsState s;

    QuotaTracker(FsState state) {
        this.s = state;
    }

    boolean active() {
        return !table.isEmpty();
    }

    // ---- usage ----------------------------------------------------------------------------------------------

    /** What {@code inode} and everything below it count in a directory above it. */
    Usage subtree(int inode) {
        if (s.type(inode) != NodeType.DIRECTORY) {
            return single(inode);
        }
        return content(inode).plus(new Usage(1, 0, 0, 0));
    }

    /** What is below directory {@code dir} (not the directory itself): its quota usage. */
    Usage content(int dir) {
        long inodes = 0;
        long length = 0;
        long size = 0;
        long real = 0;
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(dir);
        while (!todo.isEmpty()) {
            int d = todo.pop();
            for (int e = s.nodes.firstChild(d); e != 0; e = s.edges.nextChild(e)) {
                int child = s.edges.child(e);
                if (s.type(child) == NodeType.DIRECTORY) {
                    inodes++;
                    todo.push(child);
                } else {
                    Usage u = single(child);
                    inodes += u.inodes();
                    length += u.length();
                    size += u.size();
                    real += u.realSize();
                }
            }
        }
        return new Usage(inodes, length, size, real);
    }

    /** A non-directory's own count: one inode, and a file's length, chunk size and copies, a symlink's length. */
    private Usage single(int inode) {
        int type = s.type(inode);
        if (type == NodeType.SYMLINK) {
            return new Usage(1, s.nodes.length(inode), 0, 0);
        }
        if (!NodeType.isFileLike(type)) {
            return new Usage(1, 0, 0, 0);
        }
        long len = s.nodes.length(inode);
        long size = chunkBytes(s.nodes.chunks(inode), len);
        return new Usage(1, len, size, size * copies(inode));
    }

    /** Bytes of chunk files a file of {@code length} with these chunks takes: full chunks, the last one by blocks. */
    static long chunkBytes(long[] chunks, long length) {
        if (chunks == null) {
            return 0;
        }
        long last = length > 0 ? (length - 1) >>> FsState.CHUNK_BITS : 0;
        long lastSize = length > 0 ? ((((length - 1) & (CHUNK - 1)) + BLOCK) & ~(BLOCK - 1)) + CHUNK_HEADER
                : CHUNK_HEADER;
        long size = 0;
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] != 0) {
                size += i < last ? CHUNK + CHUNK_HEADER : i == last ? lastSize : 0;
            }
        }
        return size;
    }

    /** The copies a file's chunks keep at most (its class's keep or archive count, the larger): real size / size. */
    int copies(int inode) {
        var c = s.classes.effective(s.nodes.sclass(inode));
        return Math.max(c.keep().size(), c.archive().size());
    }

    // ---- maintenance, called by FsState's primitives -----------------------------------------------------

    /** A node with everything below it was linked into (or, negated, unlinked from) directory {@code parent}. */
    void linked(int parent, int child, boolean added) {
        if (!active() || parent == 0) {
            return;
        }
        Usage u = subtree(child);
        addAbove(parent, added ? u : Usage.NONE.minus(u));
    }

    /** The count of non-directory {@code inode} before a change to it, or null when no quota exists. */
    Usage before(int inode) {
        return active() ? single(inode) : null;
    }

    /** After a change to non-directory {@code inode} whose count was {@code before}: every directory above follows. */
    void changed(int inode, Usage before) {
        if (before == null || !active()) {
            return;
        }
        Usage delta = single(inode).minus(before);
        if (delta.isZero()) {
            return;
        }
        for (int e = s.nodes.firstParent(inode); e != 0; e = s.edges.nextParent(e)) {
            addAbove(s.edges.parent(e), delta);
        }
    }

    private void addAbove(int dir, Usage delta) {
        for (int d = dir; d != 0; d = s.firstParentDir(d)) {
            table.add(d, delta);
        }
    }

    /** A directory is gone: its quota goes with it (MooseFS logs nothing for this). */
    void removed(int inode) {
        if (active()) {
            table.drop(inode);
        }
    }

    /** Counts every quota'd directory again: after changes too wide to follow (snapshots, class redefinitions). */
    void recountAll() {
        for (int dir : table.directories()) {
            table.recount(dir, content(dir));
        }
    }

    /** Applies a QUOTA record (live or replayed); a directory that gets a quota is counted once here. */
    void apply(QuotaDefinition d) {
        table.apply(d, this::content);
    }

    // ---- enforcement ------------------------------------------------------------------------------------

    /**
     * True when growing by {@code grow} below {@code node} breaks a quota of {@code node} itself (a directory) or
     * of any directory above it, through any of its entries.
     */
    boolean refuses(int node, Usage grow) {
        if (!active()) {
            return false;
        }
        if (refusesAt(node, grow)) {
            return true;
        }
        for (int e = s.nodes.firstParent(node); e != 0; e = s.edges.nextParent(e)) {
            for (int d = s.edges.parent(e); d != 0; d = s.firstParentDir(d)) {
                if (refusesAt(d, grow)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A move from directory {@code from} to directory {@code to}: only quotas above {@code to} that are not also
     * above {@code from} see the growth (what leaves one and enters the other stays inside a common one).
     */
    boolean refusesMove(int to, int from, Usage grow) {
        if (!active() || to == from) {
            return false;
        }
        Set<Integer> common = new HashSet<>();
        for (int d = from; d != 0; d = s.firstParentDir(d)) {
            if (table.has(d)) {
                common.add(d);
            }
        }
        for (int d = to; d != 0; d = s.firstParentDir(d)) {
            if (!common.contains(d) && refusesAt(d, grow)) {
                return true;
            }
        }
        return false;
    }

    private boolean refusesAt(int dir, Usage grow) {
        QuotaDefinition q = table.definition(dir);
        return q != null && q.refuses(table.usage(dir), grow);
    }
}
