package io.jmfs.master.locks;

import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BSD {@code flock} locks per inode: any number of shared holders or one exclusive holder, and a queue of owners
 * waiting. Waiters are granted the Linux way: when nothing is held, the first waiter if it wants exclusive access;
 * while only shared locks are held, every waiting shared request.
 */
final class FlockTable {
    static final int UNLOCK = 0;
    static final int TRY_SHARED = 1;
    static final int LOCK_SHARED = 2;
    static final int TRY_EXCLUSIVE = 3;
    static final int LOCK_EXCLUSIVE = 4;
    static final int INTERRUPT = 5;
    static final int RELEASE = 6;

    /** A holder or waiter; a waiter keeps every request (msgid, reqid) it must answer once decided. */
    private static final class Lock {
        final LockOwner owner;
        boolean shared;
        final List<int[]> requests = new ArrayList<>();

        Lock(LockOwner owner, boolean shared) {
            this.owner = owner;
            this.shared = shared;
        }
    }

    private static final class InodeLocks {
        final List<Lock> active = new ArrayList<>();
        final List<Lock> waiting = new ArrayList<>();

        boolean isEmpty() {
            return active.isEmpty() && waiting.isEmpty();
        }
    }

    private final Map<Integer, InodeLocks> inodes = new HashMap<>();
    private final Waker waker;

    FlockTable(Waker waker) {
        this.waker = waker;
    }

    /**
     * One FLOCK command; answers its status, or empty when the request waits (answered later through the waker).
     */
    Optional<MfsStatus> command(LockOwner who, int msgid, int reqid, int inode, int cmd) {
        if (cmd < UNLOCK || cmd > RELEASE) {
            return Optional.of(MfsStatus.EINVAL);
        }
        InodeLocks il = inodes.get(inode);
        if (il == null) {
            if (cmd == UNLOCK || cmd == INTERRUPT || cmd == RELEASE) {
                return Optional.of(MfsStatus.OK);
            }
            il = new InodeLocks();
            inodes.put(inode, il);
        }
        try {
            return run(il, who, msgid, reqid, cmd);
        } finally {
            if (il.isEmpty()) {
                inodes.remove(inode);
            }
        }
    }

    private Optional<MfsStatus> run(InodeLocks il, LockOwner who, int msgid, int reqid, int cmd) {
        if (cmd == INTERRUPT) {
            for (Iterator<Lock> it = il.waiting.iterator(); it.hasNext(); ) {
                Lock w = it.next();
                if (w.owner.equals(who)) {
                    for (Iterator<int[]> r = w.requests.iterator(); r.hasNext(); ) {
                        int[] req = r.next();
                        if (req[1] == reqid) {
                            waker.wake(who.sessionId(), req[0], MfsStatus.EINTR);
                            r.remove();
                        }
                    }
                    if (w.requests.isEmpty()) {
                        it.remove();
                    }
                }
            }
            return Optional.of(MfsStatus.OK);
        }
        Lock held = find(il.active, who);
        if (held != null) {
            switch (cmd) {
                case UNLOCK, RELEASE -> {
                    il.active.remove(held);
                    grantWaiting(il);
                    return Optional.of(MfsStatus.OK);
                }
                case TRY_SHARED -> {
                    if (!held.shared) {
                        held.shared = true;
                        grantWaiting(il);
                    }
                    return Optional.of(MfsStatus.OK);
                }
                case TRY_EXCLUSIVE -> {
                    if (held.shared && il.active.size() > 1) {
                        return Optional.of(MfsStatus.EAGAIN);
                    }
                    held.shared = false;
                    return Optional.of(MfsStatus.OK);
                }
                default -> {
                    boolean shared = cmd == LOCK_SHARED;
                    if (held.shared == shared) {
                        return Optional.of(MfsStatus.OK);
                    }
                    il.active.remove(held); // a conversion is an unlock and a new request
                    grantWaiting(il);
                    return newLock(il, who, shared, msgid, reqid);
                }
            }
        }
        Lock waiting = find(il.waiting, who);
        if (waiting != null) {
            switch (cmd) {
                case RELEASE -> {
                    answerAll(waiting, MfsStatus.ECANCELED);
                    il.waiting.remove(waiting);
                    return Optional.of(MfsStatus.OK);
                }
                case UNLOCK -> {
                    return Optional.of(MfsStatus.OK); // what the kernels do: a waiting request stays
                }
                case TRY_SHARED, TRY_EXCLUSIVE -> {
                    return Optional.of(MfsStatus.EAGAIN);
                }
                default -> {
                    boolean shared = cmd == LOCK_SHARED;
                    if (waiting.shared != shared) {
                        answerAll(waiting, MfsStatus.ECANCELED);
                        waiting.shared = shared;
                    }
                    waiting.requests.add(new int[] {msgid, reqid});
                    return Optional.empty();
                }
            }
        }
        if (cmd == UNLOCK || cmd == RELEASE) {
            return Optional.of(MfsStatus.OK);
        }
        boolean shared = cmd == TRY_SHARED || cmd == LOCK_SHARED;
        if ((cmd == TRY_SHARED || cmd == TRY_EXCLUSIVE) && conflicts(il, shared)) {
            return Optional.of(MfsStatus.EAGAIN);
        }
        return newLock(il, who, shared, msgid, reqid);
    }

    private Optional<MfsStatus> newLock(InodeLocks il, LockOwner who, boolean shared, int msgid, int reqid) {
        Lock lock = new Lock(who, shared);
        if (!conflicts(il, shared)) {
            il.active.add(lock);
            return Optional.of(MfsStatus.OK);
        }
        lock.requests.add(new int[] {msgid, reqid});
        il.waiting.add(lock);
        return Optional.empty();
    }

    private static boolean conflicts(InodeLocks il, boolean shared) {
        if (il.active.isEmpty()) {
            return false;
        }
        return !shared || !il.active.getFirst().shared;
    }

    private void grantWaiting(InodeLocks il) {
        if (il.waiting.isEmpty()) {
            return;
        }
        if (il.active.isEmpty() && !il.waiting.getFirst().shared) {
            grant(il, il.waiting.getFirst());
            return;
        }
        if (il.active.isEmpty() || il.active.getFirst().shared) {
            for (Lock w : List.copyOf(il.waiting)) {
                if (w.shared) {
                    grant(il, w);
                }
            }
        }
    }

    private void grant(InodeLocks il, Lock w) {
        il.waiting.remove(w);
        il.active.add(w);
        answerAll(w, MfsStatus.OK);
    }

    private void answerAll(Lock w, MfsStatus status) {
        for (int[] req : w.requests) {
            waker.wake(w.owner.sessionId(), req[0], status);
        }
        w.requests.clear();
    }

    private static Lock find(List<Lock> locks, LockOwner who) {
        for (Lock l : locks) {
            if (l.owner.equals(who)) {
                return l;
            }
        }
        return null;
    }

    /** The session closed the file: its locks on it go, its waiting requests are cancelled. */
    void fileClosed(int sessionId, int inode) {
        InodeLocks il = inodes.get(inode);
        if (il == null) {
            return;
        }
        for (Iterator<Lock> it = il.waiting.iterator(); it.hasNext(); ) {
            Lock w = it.next();
            if (w.owner.sessionId() == sessionId) {
                answerAll(w, MfsStatus.ECANCELED);
                it.remove();
            }
        }
        boolean removed = il.active.removeIf(l -> l.owner.sessionId() == sessionId);
        if (removed) {
            grantWaiting(il);
        }
        if (il.isEmpty()) {
            inodes.remove(inode);
        }
    }

    /** The session's connection went away: its waiting requests can no longer be answered. */
    void dropWaiting(int sessionId) {
        for (Iterator<InodeLocks> it = inodes.values().iterator(); it.hasNext(); ) {
            InodeLocks il = it.next();
            il.waiting.removeIf(w -> w.owner.sessionId() == sessionId);
            if (il.isEmpty()) {
                it.remove();
            }
        }
    }

    /** Inodes on which the session holds or waits for a lock. */
    List<Integer> inodesOf(int sessionId) {
        List<Integer> out = new ArrayList<>();
        inodes.forEach((inode, il) -> {
            if (il.active.stream().anyMatch(l -> l.owner.sessionId() == sessionId)
                    || il.waiting.stream().anyMatch(l -> l.owner.sessionId() == sessionId)) {
                out.add(inode);
            }
        });
        return out;
    }

    int lockedInodes() {
        return inodes.size();
    }
}
