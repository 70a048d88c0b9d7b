package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.quota.QuotaDefinition;
import io.jmfs.master.quota.QuotaFlags;
import io.jmfs.master.quota.QuotaState;
import io.jmfs.master.quota.Usage;
import io.jmfs.protocol.MfsStatus;
import java.util.List;

/**
 * QUOTACONTROL (read, set, delete a directory's quota), the once-a-second soft-limit check, and the growth checks
 * the other operation families ask before they commit. Session rules (read-only, admin, root mapping) are the
 * network layer's; this answers for the node.
 */
final class QuotaOps {
    private final FsCore core;
    private final FsState s;

    QuotaOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    /**
     * MooseFS's quota control on directory {@code inode}. {@code delete}: the limits named by {@code request}'s
     * flags go (the whole quota when none is left); flags 0 only reads. Otherwise the named limits are set (added to
     * those already there), and a non-zero grace period replaces the old one. Soft-limit state is kept.
     */
    FsResult<QuotaState> control(int inode, boolean delete, QuotaDefinition request) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!s.isDir(inode)) {
            return FsResult.error(MfsStatus.EPERM);
        }
        QuotaDefinition old = s.quota.table.definition(inode);
        int flags = request.flags();
        QuotaDefinition next = old;
        if (delete) {
            if (old != null && flags != 0) {
                int left = old.flags() & ~flags;
                next = left == 0 ? null : new QuotaDefinition(inode, old.exceeded(), left, old.softSince(),
                        old.gracePeriod(), old.softInodes(), old.hardInodes(), old.softLength(), old.hardLength(),
                        old.softSize(), old.hardSize(), old.softRealSize(), old.hardRealSize()).normalized();
            }
        } else if (flags != 0) {
            QuotaDefinition base = old != null ? old : QuotaDefinition.none(inode);
            next = new QuotaDefinition(inode, base.exceeded(), base.flags() | flags, base.softSince(),
                    request.gracePeriod() != 0 ? request.gracePeriod() : base.gracePeriod(),
                    pick(flags, QuotaFlags.SOFT_INODES, request.softInodes(), base.softInodes()),
                    pick(flags, QuotaFlags.HARD_INODES, request.hardInodes(), base.hardInodes()),
                    pick(flags, QuotaFlags.SOFT_LENGTH, request.softLength(), base.softLength()),
                    pick(flags, QuotaFlags.HARD_LENGTH, request.hardLength(), base.hardLength()),
                    pick(flags, QuotaFlags.SOFT_SIZE, request.softSize(), base.softSize()),
                    pick(flags, QuotaFlags.HARD_SIZE, request.hardSize(), base.hardSize()),
                    pick(flags, QuotaFlags.SOFT_REALSIZE, request.softRealSize(), base.softRealSize()),
                    pick(flags, QuotaFlags.HARD_REALSIZE, request.hardRealSize(), base.hardRealSize()))
                    .normalized();
        }
        // MooseFS records every request that names flags, even one that changes nothing or deletes what is not there
        if (flags != 0) {
            core.commit(new Change.Quota(core.clock.now(), next != null ? next : QuotaDefinition.none(inode)));
        }
        QuotaDefinition now = s.quota.table.definition(inode);
        return FsResult.ok(new QuotaState(now != null ? now : QuotaDefinition.none(inode),
                now != null ? s.quota.table.usage(inode) : s.quota.content(inode)));
    }

    private static int pick(int flags, int flag, int requested, int old) {
        return (flags & flag) != 0 ? requested : old;
    }

    private static long pick(int flags, int flag, long requested, long old) {
        return (flags & flag) != 0 ? requested : old;
    }

    /** The once-a-second check: soft limits start, clear or run out their grace period, each change recorded. */
    void tick() {
        if (!s.quota.active()) {
            return;
        }
        int now = core.clock.now();
        List<QuotaDefinition> changed = s.quota.table.softStateChanges(now);
        for (QuotaDefinition d : changed) {
            core.commit(new Change.Quota(now, d));
        }
    }

    /** Every quota with its usage. */
    List<QuotaState> states() {
        return s.quota.table.definitions().stream()
                .map(d -> new QuotaState(d, s.quota.table.usage(d.inode()))).toList();
    }

    /**
     * statfs under a session rooted at {@code root}: the space of the cluster ({@code space[0]} total, each further
     * element an available figure) shrunk to what the size, length or real-size quotas of {@code root} and the
     * directories above it leave, as MooseFS answers it (the smallest of soft and hard limit of each kind).
     */
    long[] capSpace(int root, long[] space) {
        long[] out = space.clone();
        if (!s.quota.active() || !core.exists(root)) {
            return out;
        }
        // MooseFS caps the total with the available figure first, then again with the free one
        for (int i = 1; i < out.length; i++) {
            for (int d = root; d != 0; d = s.firstParentDir(d)) {
                QuotaDefinition q = s.quota.table.definition(d);
                if (q == null) {
                    continue;
                }
                Usage u = s.quota.table.usage(d);
                cap(out, i, q, QuotaFlags.HARD_REALSIZE, q.hardRealSize(), QuotaFlags.SOFT_REALSIZE,
                        q.softRealSize(), u.realSize());
                cap(out, i, q, QuotaFlags.HARD_SIZE, q.hardSize(), QuotaFlags.SOFT_SIZE, q.softSize(), u.size());
                cap(out, i, q, QuotaFlags.HARD_LENGTH, q.hardLength(), QuotaFlags.SOFT_LENGTH, q.softLength(),
                        u.length());
            }
        }
        return out;
    }

    private static void cap(long[] space, int i, QuotaDefinition q, int hardFlag, long hard, int softFlag,
                            long soft, long used) {
        if (!q.has(hardFlag) && !q.has(softFlag)) {
            return;
        }
        long limit = -1L;
        if (q.has(hardFlag) && Long.compareUnsigned(hard, limit) < 0) {
            limit = hard;
        }
        if (q.has(softFlag) && Long.compareUnsigned(soft, limit) < 0) {
            limit = soft;
        }
        long total = space[0];
        long avail = space[i];
        if (Long.compareUnsigned(used, limit) >= 0) {
            avail = 0;
        } else if (Long.compareUnsigned(avail, limit - used) > 0) {
            avail = limit - used;
        }
        if (Long.compareUnsigned(total, limit) > 0) {
            total = limit;
        }
        if (Long.compareUnsigned(used + avail, total) < 0) {
            total = used + avail;
        }
        space[0] = total;
        space[i] = avail;
    }

    // ---- growth checks ----------------------------------------------------------------------------------

    /** Whether a new entry of {@code inodes} inodes and {@code length} bytes of length in {@code dir} is refused. */
    boolean refusesNewEntry(int dir, long length) {
        return s.quota.refuses(dir, new Usage(1, length, 0, 0));
    }

    /** Whether another entry for existing node {@code inode} in {@code dir} is refused (link: all it counts). */
    boolean refusesLink(int dir, int inode) {
        return s.quota.active() && s.quota.refuses(dir, s.quota.subtree(inode));
    }

    /**
     * Whether a snapshot of {@code src} into {@code dir} (over {@code existing}, 0: none) is refused: what the copy
     * adds beyond what the existing target already counts must fit every quota above {@code dir}.
     */
    boolean refusesCopy(int dir, int src, int existing) {
        if (!s.quota.active()) {
            return false;
        }
        return s.quota.refuses(dir, growth(src, existing));
    }

    private Usage growth(int inode, int replaced) {
        Usage grow = s.quota.subtree(inode);
        if (replaced == 0) {
            return grow;
        }
        Usage gone = s.quota.subtree(replaced);
        return new Usage(Math.max(0, grow.inodes() - gone.inodes()), Math.max(0, grow.length() - gone.length()),
                Math.max(0, grow.size() - gone.size()), Math.max(0, grow.realSize() - gone.realSize()));
    }

    /** Whether moving {@code inode} from {@code from} to {@code to}, replacing {@code replaced} (0: none), is refused. */
    boolean refusesMove(int to, int from, int inode, int replaced) {
        if (!s.quota.active()) {
            return false;
        }
        return s.quota.refusesMove(to, from, growth(inode, replaced));
    }

    private static final long FULL_CHUNK = (1L << FsState.CHUNK_BITS) + 0x2000;

    /** The chunk-file size of the last chunk of a file of {@code length} (MooseFS rounds it up to 64 KiB blocks). */
    private static long lastChunkSize(long length) {
        return length > 0 ? ((((length - 1) & ((1L << FsState.CHUNK_BITS) - 1)) + 0x10000) & ~0xFFFFL) + 0x2000
                : 0x2000;
    }

    private static long lastChunk(long length) {
        return length > 0 ? (length - 1) >>> FsState.CHUNK_BITS : 0;
    }

    private boolean hasChunk(int inode, long index) {
        long[] chunks = s.nodes.chunks(inode);
        return chunks != null && index < chunks.length && chunks[(int) index] != 0;
    }

    /**
     * Whether appending {@code chunks} whole chunks of another file to {@code inode} (mfsappendchunks), making it
     * {@code length} long, is refused; each shared chunk counts as a full chunk, as a new copy would.
     */
    boolean refusesAppend(int inode, long length, long chunks) {
        return s.quota.active() && refusesFileGrowth(inode, length, chunks * FULL_CHUNK);
    }

    /** Whether truncating file {@code inode} up to {@code length} is refused (shrinking never is). */
    boolean refusesGrowTo(int inode, long length) {
        long old = s.nodes.length(inode);
        if (!s.quota.active() || length <= old) {
            return false;
        }
        long sizeGrowth;
        if (!hasChunk(inode, lastChunk(old))) {
            sizeGrowth = 0;
        } else if (lastChunk(length) > lastChunk(old)) {
            sizeGrowth = FULL_CHUNK - lastChunkSize(old);
        } else {
            sizeGrowth = lastChunkSize(length) - lastChunkSize(old);
        }
        return refusesFileGrowth(inode, length, sizeGrowth);
    }

    /**
     * Whether writing chunk {@code index} of file {@code inode} is refused: MooseFS counts the chunk as becoming
     * full (a hole as a whole new chunk) and a chunk past the end as growing the file to its start.
     */
    boolean refusesWrite(int inode, long index) {
        if (!s.quota.active()) {
            return false;
        }
        long old = s.nodes.length(inode);
        long last = lastChunk(old);
        long length = old;
        long sizeGrowth;
        if (index < last) {
            sizeGrowth = hasChunk(inode, index) ? 0 : FULL_CHUNK;
        } else if (index == last) {
            sizeGrowth = hasChunk(inode, index) ? FULL_CHUNK - lastChunkSize(old) : FULL_CHUNK;
        } else {
            length = index << FsState.CHUNK_BITS;
            sizeGrowth = FULL_CHUNK;
        }
        return refusesFileGrowth(inode, length, sizeGrowth);
    }

    /** Whether file {@code inode} growing to {@code length} with {@code sizeGrowth} more chunk bytes is refused. */
    boolean refusesFileGrowth(int inode, long length, long sizeGrowth) {
        if (!s.quota.active()) {
            return false;
        }
        long lengthGrowth = length - s.nodes.length(inode);
        return s.quota.refuses(inode, new Usage(0, Math.max(0, lengthGrowth), sizeGrowth,
                sizeGrowth * s.quota.copies(inode)));
    }
}
