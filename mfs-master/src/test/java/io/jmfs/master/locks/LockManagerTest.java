package io.jmfs.master.locks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** flock and POSIX locks as MooseFS 3.0.117 serves them: immediate answers, deferred answers, clean-up. */
class LockManagerTest {
    private static final int INODE = 10;
    private static final int A = 1;
    private static final int B = 2;
    private static final long END = -1L; // 2^64-1: "to the end of the file"

    /** Deferred answers, per session: "flock:msgid:STATUS" or "posix:msgid:STATUS". */
    private final List<String> answers = new ArrayList<>();
    private final LockManager locks = new LockManager();

    private LockAnswers recorder(int session) {
        return new LockAnswers() {
            @Override
            public void flockAnswer(int msgid, MfsStatus status) {
                answers.add(session + ":flock:" + msgid + ":" + status);
            }

            @Override
            public void posixLockAnswer(int msgid, MfsStatus status) {
                answers.add(session + ":posix:" + msgid + ":" + status);
            }
        };
    }

    @BeforeEach
    void connect() {
        locks.connected(A, recorder(A));
        locks.connected(B, recorder(B));
    }

    @Test
    void sharedFlocksCoexistAndAnExclusiveOneMustWait() {
        assertThat(locks.flock(A, 1, 1, INODE, 7, FlockTable.LOCK_SHARED)).isEqualTo(MfsStatus.OK);
        assertThat(locks.flock(B, 1, 1, INODE, 8, FlockTable.TRY_SHARED)).isEqualTo(MfsStatus.OK);
        assertThat(locks.flock(B, 2, 2, INODE, 9, FlockTable.TRY_EXCLUSIVE)).isEqualTo(MfsStatus.EAGAIN);
        assertThat(locks.flock(B, 3, 3, INODE, 9, FlockTable.LOCK_EXCLUSIVE)).isEqualTo(MfsStatus.WAITING);
        assertThat(answers).isEmpty();

        locks.flock(A, 4, 4, INODE, 7, FlockTable.UNLOCK);
        assertThat(answers).isEmpty(); // B's shared lock (owner 8) still holds
        locks.flock(B, 5, 5, INODE, 8, FlockTable.UNLOCK);
        assertThat(answers).containsExactly("2:flock:3:OK");
        assertThat(locks.flock(A, 6, 6, INODE, 7, FlockTable.TRY_SHARED)).isEqualTo(MfsStatus.EAGAIN);
    }

    @Test
    void anInterruptedWaitIsAnsweredEintrAndReleaseCancelsIt() {
        locks.flock(A, 1, 1, INODE, 7, FlockTable.LOCK_EXCLUSIVE);
        assertThat(locks.flock(B, 2, 20, INODE, 8, FlockTable.LOCK_EXCLUSIVE)).isEqualTo(MfsStatus.WAITING);
        assertThat(locks.flock(B, 3, 20, INODE, 8, FlockTable.INTERRUPT)).isEqualTo(MfsStatus.OK);
        assertThat(answers).containsExactly("2:flock:2:EINTR");

        locks.flock(B, 4, 21, INODE, 8, FlockTable.LOCK_SHARED);
        locks.flock(B, 5, 22, INODE, 8, FlockTable.RELEASE);
        assertThat(answers).containsExactly("2:flock:2:EINTR", "2:flock:4:ECANCELED");
    }

    @Test
    void closingTheFileReleasesTheSessionsLocksAndWakesTheNextWaiter() {
        locks.flock(A, 1, 1, INODE, 7, FlockTable.LOCK_EXCLUSIVE);
        locks.flock(B, 2, 2, INODE, 8, FlockTable.LOCK_EXCLUSIVE);
        locks.fileClosed(A, INODE);
        assertThat(answers).containsExactly("2:flock:2:OK");
        locks.sessionRemoved(B);
        assertThat(locks.lockedInodes()).isZero();
    }

    @Test
    void aDroppedConnectionsWaitingRequestsAreForgotten() {
        LockAnswers b = recorder(B);
        locks.connected(B, b);
        locks.flock(A, 1, 1, INODE, 7, FlockTable.LOCK_EXCLUSIVE);
        locks.flock(B, 2, 2, INODE, 8, FlockTable.LOCK_EXCLUSIVE);
        locks.disconnected(B, b);
        locks.flock(A, 3, 3, INODE, 7, FlockTable.UNLOCK);
        assertThat(answers).isEmpty();
        assertThat(locks.lockedInodes()).isZero();
    }

    @Test
    void posixRangesConflictOnlyWhereTheyOverlapAndOneIsAWriteLock() {
        assertThat(posix(A, 1, 7, PosixLockTable.CMD_SET, PosixLockTable.WRLCK, 0, 100).status()).isEqualTo(MfsStatus.OK);
        assertThat(posix(B, 1, 8, PosixLockTable.CMD_TRY, PosixLockTable.RDLCK, 100, 200).status()).isEqualTo(MfsStatus.OK);
        assertThat(posix(B, 2, 8, PosixLockTable.CMD_TRY, PosixLockTable.RDLCK, 50, 60).status()).isEqualTo(MfsStatus.EAGAIN);

        LockManager.PosixResult get = posix(B, 3, 8, PosixLockTable.CMD_GET, PosixLockTable.RDLCK, 0, END);
        assertThat(get).isEqualTo(new LockManager.PosixResult(MfsStatus.OK, 0, PosixLockTable.WRLCK, 0, 100));
        LockManager.PosixResult free = posix(B, 4, 8, PosixLockTable.CMD_GET, PosixLockTable.RDLCK, 100, 200);
        assertThat(free.type()).isEqualTo(PosixLockTable.UNLCK);
    }

    @Test
    void unlockingTheMiddleOfARangeSplitsItAndWakesAWaiterThatNowFits() {
        posix(A, 1, 7, PosixLockTable.CMD_SET, PosixLockTable.WRLCK, 0, 300);
        assertThat(posix(B, 2, 8, PosixLockTable.CMD_SET, PosixLockTable.WRLCK, 120, 180).status())
                .isEqualTo(MfsStatus.WAITING);

        posix(A, 3, 7, PosixLockTable.CMD_SET, PosixLockTable.UNLCK, 100, 200);

        assertThat(answers).containsExactly("2:posix:2:OK");
        assertThat(posix(B, 4, 9, PosixLockTable.CMD_TRY, PosixLockTable.RDLCK, 0, 100).status())
                .isEqualTo(MfsStatus.EAGAIN);
        assertThat(posix(B, 5, 9, PosixLockTable.CMD_TRY, PosixLockTable.RDLCK, 200, 300).status())
                .isEqualTo(MfsStatus.EAGAIN);
        assertThat(posix(B, 6, 9, PosixLockTable.CMD_TRY, PosixLockTable.RDLCK, 100, 120).status())
                .isEqualTo(MfsStatus.OK);
    }

    @Test
    void anOwnersOwnLocksNeverBlockItAndGetReportsTheSameSessionsPid() {
        posix(A, 1, 7, PosixLockTable.CMD_SET, PosixLockTable.RDLCK, 0, 10);
        assertThat(posix(A, 2, 7, PosixLockTable.CMD_SET, PosixLockTable.WRLCK, 0, 20).status()).isEqualTo(MfsStatus.OK);
        LockManager.PosixResult get = locks.posixLock(A, 3, 3, INODE, 99, 4321, PosixLockTable.CMD_GET,
                PosixLockTable.RDLCK, 5, 6);
        assertThat(get.pid()).isEqualTo(1234);
        assertThat(get.type()).isEqualTo(PosixLockTable.WRLCK);
    }

    @Test
    void posixInterruptAndFileCloseEndWaitingRequests() {
        posix(A, 1, 7, PosixLockTable.CMD_SET, PosixLockTable.WRLCK, 0, END);
        posix(B, 2, 8, PosixLockTable.CMD_SET, PosixLockTable.RDLCK, 0, 1);
        posix(B, 3, 8, PosixLockTable.CMD_SET, PosixLockTable.RDLCK, 5, 6);
        locks.posixLock(B, 4, 2, INODE, 8, 0, PosixLockTable.CMD_INT, 0, 0, 0);
        assertThat(answers).containsExactly("2:posix:2:EINTR");
        locks.fileClosed(A, INODE);
        assertThat(answers).containsExactly("2:posix:2:EINTR", "2:posix:3:OK");
    }

    /** A POSIX command whose reqid is its msgid and whose pid is 1234. */
    private LockManager.PosixResult posix(int session, int msgid, long owner, int cmd, int type, long start, long end) {
        return locks.posixLock(session, msgid, msgid, INODE, owner, 1234, cmd, type, start, end);
    }
}
