package io.jmfs.master.sessions;

import io.jmfs.protocol.MfsStatus;
import java.util.Optional;

/**
 * The outcome of REGISTER RECONNECT (rcode 3): {@code OK} with the re-attached session, {@code BADSESSIONID}
 * (unknown, expired or from another metadata id: the client starts over) or {@code EPERM} (the session exists but
 * the exports changed or the client moved: the client registers again with its session id).
 */
public record Reconnection(MfsStatus status, Optional<Session> session) {
    static Reconnection refused(MfsStatus status) {
        return new Reconnection(status, Optional.empty());
    }
}
