package io.jmfs.master.fs.store;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Inode numbers as MooseFS hands them out: always the lowest number not in use, where a removed inode stays
 * "in use" until it has been free for the reuse delay (INODE_REUSE_DELAY, default 86400 s) and is then released
 * by an explicit, logged step ({@code FREEINODES}). Inode 0 is never used. Allocation is deterministic, so replay
 * reproduces the same numbers.
 */
public final class InodeAllocator {
    private long[] used = new long[64];
    private int searchWord;
    private int maxInode;
    /** Pending frees in release order: {@code inode << 32 | freeTime}. */
    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    private int lastFreeTime;

    public InodeAllocator() {
        used[0] = 1L; // inode 0
    }

    /** The number the next allocation will return. */
    public int peekNext() {
        int w = searchWord;
        while (w < used.length && used[w] == -1L) {
            w++;
        }
        searchWord = w;
        if (w == used.length) {
            return w << 6;
        }
        return (w << 6) + Long.numberOfTrailingZeros(~used[w]);
    }

    /**
     * The lowest number above {@code inode} not in use: what the allocation after taking {@code inode} would return
     * when {@code inode} is {@link #peekNext()} (a dry run can foresee a sequence of allocations this way).
     */
    public int nextFreeAfter(int inode) {
        int n = inode + 1;
        int w = n >>> 6;
        if (w >= used.length) {
            return n;
        }
        long free = ~used[w] & (-1L << (n & 63));
        while (free == 0) {
            w++;
            if (w == used.length) {
                return w << 6;
            }
            free = ~used[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(free);
    }

    /** Marks {@code inode} used (allocation, or loading a dump). */
    public void take(int inode) {
        int w = inode >>> 6;
        if (w >= used.length) {
            used = Arrays.copyOf(used, Math.max(w + 1, used.length * 2));
        }
        used[w] |= 1L << (inode & 63);
        maxInode = Math.max(maxInode, inode);
    }

    /**
     * A dump's recorded highest inode number (MooseFS keeps it even when that inode was freed since): kept, so a
     * dump of the loaded state records the same number.
     */
    public void raiseMax(int inode) {
        maxInode = Math.max(maxInode, inode);
    }

    public boolean isTaken(int inode) {
        int w = inode >>> 6;
        return w < used.length && (used[w] & (1L << (inode & 63))) != 0;
    }

    /** Queues a removed inode; its number stays reserved until {@link #releaseExpired}. */
    public void free(int inode, int ts) {
        if (ts < lastFreeTime) {
            // the clock went back: keep the queue ordered by clamping older entries to now
            ArrayDeque<Long> fixed = new ArrayDeque<>();
            for (long e : pending) {
                fixed.add((e & 0xFFFFFFFF00000000L) | Math.min(e & 0xFFFFFFFFL, ts & 0xFFFFFFFFL));
            }
            pending.clear();
            pending.addAll(fixed);
        }
        lastFreeTime = ts;
        pending.add(((long) inode << 32) | (ts & 0xFFFFFFFFL));
    }

    /** Result of one release step, as FREEINODES logs it. */
    public record Released(int freed, int stillOpen, int checksum) {
    }

    /**
     * Makes numbers free again after {@code delay} seconds. An inode some session still holds open keeps its
     * number and is queued again with time {@code ts}.
     */
    public Released releaseExpired(int ts, int delay, IntPredicate stillOpen) {
        int freed = 0;
        int kept = 0;
        int checksum = 0;
        ArrayDeque<Long> requeue = new ArrayDeque<>();
        while (!pending.isEmpty()) {
            long e = pending.peekFirst();
            int inode = (int) (e >>> 32);
            long ftime = e & 0xFFFFFFFFL;
            if (ftime + delay >= (ts & 0xFFFFFFFFL)) {
                break;
            }
            pending.pollFirst();
            checksum ^= inode;
            if (stillOpen.test(inode)) {
                kept++;
                requeue.add(((long) inode << 32) | (ts & 0xFFFFFFFFL));
            } else {
                freed++;
                used[inode >>> 6] &= ~(1L << (inode & 63));
                searchWord = Math.min(searchWord, inode >>> 6);
            }
        }
        if (!requeue.isEmpty()) {
            pending.addAll(requeue);
            lastFreeTime = ts;
        }
        return new Released(freed, kept, checksum);
    }

    /** What {@link #releaseExpired} would report now: {freed, stillOpen, checksum}; changes nothing. */
    public int[] previewExpired(int ts, int delay, IntPredicate stillOpen) {
        int freed = 0;
        int kept = 0;
        int checksum = 0;
        for (long e : pending) {
            if ((e & 0xFFFFFFFFL) + delay >= (ts & 0xFFFFFFFFL)) {
                break;
            }
            int inode = (int) (e >>> 32);
            checksum ^= inode;
            if (stillOpen.test(inode)) {
                kept++;
            } else {
                freed++;
            }
        }
        return new int[] {freed, kept, checksum};
    }

    public int maxInode() {
        return maxInode;
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Receives one pending free inode: its number and the time it was freed. */
    @FunctionalInterface
    public interface PendingVisitor {
        void pending(int inode, int freeTime);
    }

    /** Visits the pending frees in release order (the FREE section of a dump). */
    public void forEachPending(PendingVisitor visitor) {
        for (long e : pending) {
            visitor.pending((int) (e >>> 32), (int) e);
        }
    }

    /** Loads one pending free from a dump: the number stays reserved; entries come in release order. */
    public void loadPending(int inode, int freeTime) {
        if (isTaken(inode)) {
            throw new IllegalStateException("free inode " + Integer.toUnsignedString(inode) + " is also in use");
        }
        take(inode);
        lastFreeTime = freeTime;
        pending.add(((long) inode << 32) | (freeTime & 0xFFFFFFFFL));
    }
}
