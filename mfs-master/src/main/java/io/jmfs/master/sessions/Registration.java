package io.jmfs.master.sessions;

import io.jmfs.protocol.MfsStatus;
import java.util.Optional;

/**
 * The outcome of a NEWSESSION: on success the attached session and the change to log (SESADD for a new session,
 * SESCHANGED when the client's previous session was taken over); otherwise the refusal status for the 1-byte reply.
 */
public record Registration(MfsStatus status, Optional<Session> session, Optional<SessionChange> change) {

    static Registration refused(MfsStatus status) {
        return new Registration(status, Optional.empty(), Optional.empty());
    }

    static Registration accepted(Session session, SessionChange change) {
        return new Registration(MfsStatus.OK, Optional.of(session), Optional.of(change));
    }

    public boolean ok() {
        return status.isOk();
    }
}
