package io.jmfs.master.sessions;

import io.jmfs.master.exports.ExportGrant;

/**
 * A session as the metadata file keeps it (MooseFS's SESS section): enough to let its client reconnect after a
 * master restart. Connections, the closed mark and open files are not part of it (open files have their own
 * section). Closed sessions are not stored.
 *
 * @param disconnectedAt 0 if the session was connected when stored
 * @param currentOps     {@link Session#STATS} counters of the current hour
 * @param lastHourOps    {@link Session#STATS} counters of the previous hour
 */
public record StoredSession(int id, ExportGrant grant, int rootInode, int peerAddress, String info,
        long disconnectedAt, long[] currentOps, long[] lastHourOps) {

    public StoredSession {
        if (id == 0) {
            throw new IllegalArgumentException("session id 0 is reserved");
        }
        if (currentOps.length != Session.STATS || lastHourOps.length != Session.STATS) {
            throw new IllegalArgumentException("sessions keep " + Session.STATS + " counters per hour");
        }
        currentOps = currentOps.clone();
        lastHourOps = lastHourOps.clone();
    }

    @Override
    public long[] currentOps() {
        return currentOps.clone();
    }

    @Override
    public long[] lastHourOps() {
        return lastHourOps.clone();
    }

    /** What a dump writes for {@code session}. */
    public static StoredSession of(Session session) {
        return new StoredSession(session.id(), session.grant(), session.rootInode(), session.peerAddress(),
                session.info(), session.disconnectedAt(), session.currentHourOperations(), session.lastHourOperations());
    }
}
