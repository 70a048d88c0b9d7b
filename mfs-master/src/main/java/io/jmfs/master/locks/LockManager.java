package io.jmfs.master.locks;

import io.jmfs.protocol.MfsStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The master's file locks: FLOCK and POSIX_LOCK commands of sessions, deferred answers routed to the connection
 * of the session that waits, and clean-up when a file is closed, a connection drops or a session goes.
 */
public final class LockManager {
    private final Map<Integer, LockAnswers> connections = new HashMap<>();
    private final FlockTable flocks = new FlockTable(
            (session, msgid, status) -> answers(session).ifPresent(a -> a.flockAnswer(msgid, status)));
    private final PosixLockTable posix = new PosixLockTable(
            (session, msgid, status) -> answers(session).ifPresent(a -> a.posixLockAnswer(msgid, status)));

    /** The result of a POSIX_LOCK command: a status ({@code WAITING}: answered later), or GET's conflict. */
    public record PosixResult(MfsStatus status, int pid, int type, long start, long end) {
        static PosixResult of(MfsStatus status) {
            return new PosixResult(status, 0, 0, 0, 0);
        }
    }

    private Optional<LockAnswers> answers(int sessionId) {
        return Optional.ofNullable(connections.get(sessionId));
    }

    /** The session's connection, for deferred answers (replaces an earlier one). */
    public void connected(int sessionId, LockAnswers answers) {
        connections.put(sessionId, answers);
    }

    /** The session's connection went away: nobody can be told about its waiting requests any more. */
    public void disconnected(int sessionId, LockAnswers answers) {
        if (connections.remove(sessionId, answers)) {
            flocks.dropWaiting(sessionId);
            posix.dropWaiting(sessionId);
        }
    }

    /**
     * FLOCK: {@code cmd} 0 UNLOCK, 1 TRY_SHARED, 2 LOCK_SHARED, 3 TRY_EXCLUSIVE, 4 LOCK_EXCLUSIVE, 5 INTERRUPT,
     * 6 RELEASE. Answers the status now, or {@code WAITING} (answered later through the session's connection).
     * The caller checks first that the session has the file open (except for INTERRUPT and RELEASE).
     */
    public MfsStatus flock(int sessionId, int msgid, int reqid, int inode, long owner, int cmd) {
        return flocks.command(new LockOwner(sessionId, owner), msgid, reqid, inode, cmd).orElse(MfsStatus.WAITING);
    }

    /** Whether a FLOCK command needs the file open in the session (all but INTERRUPT and RELEASE). */
    public static boolean flockNeedsOpenFile(int cmd) {
        return cmd != FlockTable.INTERRUPT && cmd != FlockTable.RELEASE;
    }

    /** Whether a POSIX_LOCK command needs the file open (SET and TRY of a read or write lock). */
    public static boolean posixNeedsOpenFile(int cmd, int type) {
        return (cmd == PosixLockTable.CMD_SET || cmd == PosixLockTable.CMD_TRY) && type != PosixLockTable.UNLCK;
    }

    /**
     * POSIX_LOCK: {@code cmd} 0 GET, 1 SET (blocking), 2 TRY, 3 INT; {@code type} 0 UNLCK, 1 RDLCK, 2 WRLCK; the
     * range is {@code [start, end)}.
     */
    public PosixResult posixLock(int sessionId, int msgid, int reqid, int inode, long owner, int pid, int cmd,
                                 int type, long start, long end) {
        LockOwner who = new LockOwner(sessionId, owner);
        return switch (cmd) {
            case PosixLockTable.CMD_GET -> {
                PosixLockTable.Conflict c = posix.get(who, inode, type, start, end);
                yield new PosixResult(MfsStatus.OK, c.pid(), c.type(), c.start(), c.end());
            }
            case PosixLockTable.CMD_SET, PosixLockTable.CMD_TRY -> PosixResult.of(posix.set(who, msgid, reqid, inode,
                    cmd == PosixLockTable.CMD_SET, type, start, end, pid));
            case PosixLockTable.CMD_INT -> {
                posix.interrupt(sessionId, inode, reqid);
                yield PosixResult.of(MfsStatus.OK);
            }
            default -> PosixResult.of(MfsStatus.EINVAL);
        };
    }

    /** The session no longer has the file open: every lock it had on it goes. */
    public void fileClosed(int sessionId, int inode) {
        flocks.fileClosed(sessionId, inode);
        posix.fileClosed(sessionId, inode);
    }

    /** The session is gone (closed or expired): all its locks go. */
    public void sessionRemoved(int sessionId) {
        for (int inode : flocks.inodesOf(sessionId)) {
            flocks.fileClosed(sessionId, inode);
        }
        for (int inode : posix.inodesOf(sessionId)) {
            posix.fileClosed(sessionId, inode);
        }
        connections.remove(sessionId);
    }

    /** Inodes with any flock or POSIX lock state (for tests and diagnostics). */
    public int lockedInodes() {
        return flocks.lockedInodes() + posix.lockedInodes();
    }
}
