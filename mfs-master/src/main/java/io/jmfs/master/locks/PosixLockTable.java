package io.jmfs.master.locks;

import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POSIX byte-range locks per inode. Ranges are half-open {@code [start, end)}; an owner's own ranges never
 * conflict with each other (a new lock replaces what it covers, splitting ranges as needed); two owners conflict
 * where their ranges overlap and at least one is a write lock. Waiting requests are retried, in arrival order,
 * whenever a lock on the inode changes.
 */
final class PosixLockTable {
    static final int CMD_GET = 0;
    static final int CMD_SET = 1;
    static final int CMD_TRY = 2;
    static final int CMD_INT = 3;
    static final int UNLCK = 0;
    static final int RDLCK = 1;
    static final int WRLCK = 2;

    /** A lock range, or the answer to GET. */
    record Range(int type, long start, long end, int pid) {
        boolean overlaps(long s, long e) {
            return Long.compareUnsigned(e, start) > 0 && Long.compareUnsigned(s, end) < 0;
        }
    }

    /** GET's answer: the first conflicting lock, or type UNLCK with zeros. */
    record Conflict(int pid, int type, long start, long end) {
        static final Conflict NONE = new Conflict(0, UNLCK, 0, 0);
    }

    private record Waiting(LockOwner owner, int msgid, int reqid, int type, long start, long end, int pid) {
    }

    private static final class InodeLocks {
        final Map<LockOwner, List<Range>> active = new LinkedHashMap<>();
        final List<Waiting> waiting = new ArrayList<>();

        boolean isEmpty() {
            return active.isEmpty() && waiting.isEmpty();
        }
    }

    private final Map<Integer, InodeLocks> inodes = new HashMap<>();
    private final Waker waker;

    PosixLockTable(Waker waker) {
        this.waker = waker;
    }

    /** GET: the first lock of another owner that would block this one (its pid only within the same session). */
    Conflict get(LockOwner who, int inode, int type, long start, long end) {
        InodeLocks il = inodes.get(inode);
        if (il == null || type == UNLCK) {
            return Conflict.NONE;
        }
        for (Map.Entry<LockOwner, List<Range>> e : il.active.entrySet()) {
            if (e.getKey().equals(who)) {
                continue;
            }
            for (Range r : e.getValue()) {
                if ((type == WRLCK || r.type() == WRLCK) && r.overlaps(start, end)) {
                    int pid = e.getKey().sessionId() == who.sessionId() ? r.pid() : 0;
                    return new Conflict(pid, r.type(), r.start(), r.end());
                }
            }
        }
        return Conflict.NONE;
    }

    /**
     * SET (blocking) or TRY; an UNLCK request removes the owner's locks in the range. Answers a status, or
     * {@link MfsStatus#WAITING} when the request waits (answered later through the waker).
     */
    MfsStatus set(LockOwner who, int msgid, int reqid, int inode, boolean blocking, int type, long start, long end,
                  int pid) {
        if (type < UNLCK || type > WRLCK || Long.compareUnsigned(start, end) > 0) {
            return MfsStatus.EINVAL;
        }
        InodeLocks il = inodes.get(inode);
        if (il == null) {
            if (type == UNLCK) {
                return MfsStatus.OK;
            }
            il = new InodeLocks();
            inodes.put(inode, il);
        }
        if (type != UNLCK && blocked(il, who, type, start, end)) {
            if (!blocking) {
                dropIfEmpty(inode, il);
                return MfsStatus.EAGAIN;
            }
            il.waiting.add(new Waiting(who, msgid, reqid, type, start, end, pid));
            return MfsStatus.WAITING;
        }
        apply(il, who, type, start, end, pid);
        retryWaiting(il);
        dropIfEmpty(inode, il);
        return MfsStatus.OK;
    }

    /** INT: the waiting request {@code reqid} of the session is answered EINTR and forgotten. */
    void interrupt(int sessionId, int inode, int reqid) {
        InodeLocks il = inodes.get(inode);
        if (il == null) {
            return;
        }
        for (Iterator<Waiting> it = il.waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.owner().sessionId() == sessionId && w.reqid() == reqid) {
                waker.wake(sessionId, w.msgid(), MfsStatus.EINTR);
                it.remove();
            }
        }
        dropIfEmpty(inode, il);
    }

    private static boolean blocked(InodeLocks il, LockOwner who, int type, long start, long end) {
        for (Map.Entry<LockOwner, List<Range>> e : il.active.entrySet()) {
            if (!e.getKey().equals(who)) {
                for (Range r : e.getValue()) {
                    if ((type == WRLCK || r.type() == WRLCK) && r.overlaps(start, end)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Replaces whatever the owner holds in [start, end) with {@code type} (nothing for UNLCK). */
    private static void apply(InodeLocks il, LockOwner who, int type, long start, long end, int pid) {
        List<Range> old = il.active.getOrDefault(who, List.of());
        List<Range> now = new ArrayList<>();
        for (Range r : old) {
            if (!r.overlaps(start, end)) {
                now.add(r);
                continue;
            }
            if (Long.compareUnsigned(r.start(), start) < 0) {
                now.add(new Range(r.type(), r.start(), start, r.pid()));
            }
            if (Long.compareUnsigned(r.end(), end) > 0) {
                now.add(new Range(r.type(), end, r.end(), r.pid()));
            }
        }
        if (type != UNLCK && start != end) {
            now.add(new Range(type, start, end, pid));
        }
        now.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
        if (now.isEmpty()) {
            il.active.remove(who);
        } else {
            il.active.put(who, now);
        }
    }

    private void retryWaiting(InodeLocks il) {
        boolean granted = true;
        while (granted) {
            granted = false;
            for (Iterator<Waiting> it = il.waiting.iterator(); it.hasNext(); ) {
                Waiting w = it.next();
                if (!blocked(il, w.owner(), w.type(), w.start(), w.end())) {
                    it.remove();
                    apply(il, w.owner(), w.type(), w.start(), w.end(), w.pid());
                    waker.wake(w.owner().sessionId(), w.msgid(), MfsStatus.OK);
                    granted = true;
                    break; // the granted lock may block later waiters: start over
                }
            }
        }
    }

    private void dropIfEmpty(int inode, InodeLocks il) {
        if (il.isEmpty()) {
            inodes.remove(inode);
        }
    }

    /** The session closed the file: its locks on it go and its waiting requests are cancelled. */
    void fileClosed(int sessionId, int inode) {
        InodeLocks il = inodes.get(inode);
        if (il == null) {
            return;
        }
        for (Iterator<Waiting> it = il.waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (w.owner().sessionId() == sessionId) {
                waker.wake(sessionId, w.msgid(), MfsStatus.ECANCELED);
                it.remove();
            }
        }
        if (il.active.keySet().removeIf(o -> o.sessionId() == sessionId)) {
            retryWaiting(il);
        }
        dropIfEmpty(inode, il);
    }

    void dropWaiting(int sessionId) {
        for (Iterator<InodeLocks> it = inodes.values().iterator(); it.hasNext(); ) {
            InodeLocks il = it.next();
            il.waiting.removeIf(w -> w.owner().sessionId() == sessionId);
            if (il.isEmpty()) {
                it.remove();
            }
        }
    }

    List<Integer> inodesOf(int sessionId) {
        List<Integer> out = new ArrayList<>();
        inodes.forEach((inode, il) -> {
            if (il.active.keySet().stream().anyMatch(o -> o.sessionId() == sessionId)
                    || il.waiting.stream().anyMatch(w -> w.owner().sessionId() == sessionId)) {
                out.add(inode);
            }
        });
        return out;
    }

    int lockedInodes() {
        return inodes.size();
    }
}
