package io.jmfs.master.locks;

/** Who holds a lock: a client-side owner id within one session. */
record LockOwner(int sessionId, long owner) {
}
