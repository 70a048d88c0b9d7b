package io.jmfs.master.net.client;

import io.jmfs.master.chunks.ChunkManager;
import io.jmfs.master.exports.ExportRules;
import io.jmfs.master.fs.MetaClock;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.locks.LockManager;
import io.jmfs.master.sessions.SessionRegistry;

/** The master state the client protocol works on; all of it is owned by the metadata loop. */
public interface ClientServices {

    Namespace namespace();

    SessionRegistry sessions();

    /** The export rules in force now (a reload replaces them for later registrations). */
    ExportRules exports();

    /** This master's metadata id: sessions and reconnects name it. */
    long metaId();

    MetaClock clock();

    /** File locks (FLOCK, POSIX_LOCK) of the sessions. */
    LockManager locks();

    // ---- chunk calls (helper-10: ClientChunkCalls) ----

    /** The chunk layer: READ_CHUNK, WRITE_CHUNK, WRITE_CHUNK_END and TRUNCATE reach it. */
    ChunkManager chunks();

    /** RESERVE_SPACE: kept out of the available space statfs reports. */
    default io.jmfs.master.cluster.ReserveSpace reserveSpace() {
        return io.jmfs.master.cluster.ReserveSpace.NONE;
    }

    /** MooseFS's default storage class (2) keeps two copies. */
    int DEFAULT_GOAL = 2;

    /** The storage class new chunks of file {@code inode} are placed by. */
    default int placementClass(int inode) {
        return namespace().placementClass(inode);
    }

    /** Microseconds of wall-clock time, for TIME_SYNC and INFO. */
    default long wallClockMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
