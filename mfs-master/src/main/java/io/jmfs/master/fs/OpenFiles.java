package io.jmfs.master.fs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which sessions hold which files open (MooseFS's ACQUIRE/RELEASE). Only what the namespace needs: an
 * unlinked file that is still open is kept (sustained) until released, and its inode number is not reused.
 */
final class OpenFiles {
    private final Set<Long> pairs = new HashSet<>();
    private final Map<Integer, Integer> countByInode = new HashMap<>();

    private static long key(int sessionId, int inode) {
        return ((long) sessionId << 32) | (inode & 0xFFFFFFFFL);
    }

    boolean acquire(int sessionId, int inode) {
        if (!pairs.add(key(sessionId, inode))) {
            return false;
        }
        countByInode.merge(inode, 1, Integer::sum);
        return true;
    }

    boolean holds(int sessionId, int inode) {
        return pairs.contains(key(sessionId, inode));
    }

    boolean release(int sessionId, int inode) {
        if (!pairs.remove(key(sessionId, inode))) {
            return false;
        }
        countByInode.computeIfPresent(inode, (i, c) -> c == 1 ? null : c - 1);
        return true;
    }

    boolean isOpen(int inode) {
        return countByInode.containsKey(inode);
    }

    /** Every (session, inode) pair, sorted by session then inode: dumps list them in a stable order. */
    long[] sortedPairs() {
        return pairs.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    int size() {
        return pairs.size();
    }
}
