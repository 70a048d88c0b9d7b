package io.jmfs.master.locks;

import io.jmfs.protocol.MfsStatus;

/** How a lock table answers a request it had left waiting. */
@FunctionalInterface
interface Waker {
    void wake(int sessionId, int msgid, MfsStatus status);
}
