package io.jmfs.master.locks;

import io.jmfs.protocol.MfsStatus;

/** Where a session's deferred lock answers go (its connection); answers for a session without one are dropped. */
public interface LockAnswers {
    /** The answer to the FLOCK request {@code msgid} that was left waiting. */
    void flockAnswer(int msgid, MfsStatus status);

    /** The answer to the POSIX_LOCK request {@code msgid} that was left waiting. */
    void posixLockAnswer(int msgid, MfsStatus status);
}
