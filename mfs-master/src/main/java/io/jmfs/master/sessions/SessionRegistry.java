package io.jmfs.master.sessions;

import io.jmfs.master.exports.ExportDecision;
import io.jmfs.master.exports.ExportGrant;
import io.jmfs.master.exports.ExportRules;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * All client sessions of the master, with MooseFS's life cycle:
 * <ol>
 *   <li><b>register</b> (NEWSESSION/NEWMETASESSION): the export rules decide, the namespace resolves the mount path,
 *       then a new session is created (SESADD) or, if the client names a previous session of this metadata id that
 *       still exists, that session takes the new grant (SESCHANGED);</li>
 *   <li><b>reconnect</b> (RECONNECT) after a lost connection: accepted while the session lives, its exports are
 *       unchanged and the client comes from the same address (or the export is {@code dynamicip});</li>
 *   <li><b>close</b> (CLOSESESSION) marks the session for removal; <b>disconnect</b> (socket gone) starts the
 *       sustain period (SESDISCONNECTED);</li>
 *   <li><b>expire</b>, called periodically: removes sessions that were closed, or disconnected for longer than the
 *       sustain time (SESDEL), and hands back their open files. Nothing expires during the first
 *       {@value #STARTUP_GRACE_SECONDS} s after start, so clients can reconnect after a master restart.</li>
 * </ol>
 * Session ids are allocated from a counter starting at 1 that only grows.
 */
public final class SessionRegistry {
    public static final long DEFAULT_SUSTAIN_SECONDS = 86_400;
    public static final long MIN_SUSTAIN_SECONDS = 60;
    public static final long MAX_SUSTAIN_SECONDS = 7 * 86_400;
    public static final long STARTUP_GRACE_SECONDS = 120;

    private final Map<Integer, Session> sessions = new LinkedHashMap<>();
    private final long startTime;
    private long sustainSeconds;
    private int nextSessionId = 1;
    /** Where register and disconnect record their changes (the master's changelog); nowhere by default. */
    private Consumer<SessionChange> recorder = change -> { };

    /**
     * @param sustainSeconds {@code SESSION_SUSTAIN_TIME}; clamped to 60 s .. 1 week like MooseFS
     * @param startTime      unix time the master started (for the startup grace period)
     */
    /**
     * Sends the changes {@link #register} and {@link #disconnect} make (SESADD, SESCHANGED, SESDISCONNECTED) to
     * {@code recorder} after applying them. {@link #expire}'s SESDEL is left to its caller, which must first release
     * the session's open files (their RELEASE lines come before SESDEL, as MooseFS's replay expects).
     */
    public void recordChangesTo(Consumer<SessionChange> recorder) {
        this.recorder = java.util.Objects.requireNonNull(recorder);
    }

    public SessionRegistry(long sustainSeconds, long startTime) {
        this.sustainSeconds = clampSustain(sustainSeconds);
        this.startTime = startTime;
    }

    /** {@code SESSION_SUSTAIN_TIME} limited to 60 s .. 1 week (MooseFS logs a warning and clamps). */
    public static long clampSustain(long seconds) {
        return Math.clamp(seconds, MIN_SUSTAIN_SECONDS, MAX_SUSTAIN_SECONDS);
    }

    /** Applies a reloaded {@code SESSION_SUSTAIN_TIME}. */
    public void setSustainSeconds(long seconds) {
        this.sustainSeconds = clampSustain(seconds);
    }

    public long sustainSeconds() {
        return sustainSeconds;
    }

    public int nextSessionId() {
        return nextSessionId;
    }

    /**
     * Loads the sessions of a metadata file (before any client connects); {@code nextSessionId} is the stored
     * counter. Restored sessions are disconnected; they live on for the sustain time after their stored
     * disconnection (those stored while connected, for the startup grace period) unless their clients reconnect.
     */
    public void restore(int nextSessionId, List<StoredSession> stored) {
        if (!sessions.isEmpty()) {
            throw new IllegalStateException("sessions are restored into an empty registry only");
        }
        for (StoredSession s : stored) {
            if (Integer.compareUnsigned(s.id(), nextSessionId) >= 0 || sessions.containsKey(s.id())) {
                throw new IllegalArgumentException("stored session " + Integer.toUnsignedString(s.id())
                        + " is a duplicate or not below the next id " + Integer.toUnsignedString(nextSessionId));
            }
            Session session = new Session(s.id(), s.grant(), s.rootInode(), s.peerAddress(), s.info());
            session.markDisconnectedAt(s.disconnectedAt());
            session.restoreStatistics(s.currentOps(), s.lastHourOps());
            sessions.put(s.id(), session);
        }
        this.nextSessionId = nextSessionId;
    }

    /** The sessions a metadata dump stores (closed ones are left out, as MooseFS does). */
    public List<StoredSession> toStore() {
        return sessions.values().stream().filter(s -> !s.closed()).map(StoredSession::of).toList();
    }

    public Optional<Session> find(int sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    public Collection<Session> sessions() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    /**
     * REGISTER NEWSESSION / NEWMETASESSION. On success the session is attached to the calling connection; the
     * returned change must be logged.
     *
     * @param metaId this master's metadata id (a previous session id is honoured only for the same metadata)
     */
    public Registration register(NewSessionRequest request, ExportRules rules, RootResolver resolver, long metaId,
            long now) {
        ExportGrant grant;
        switch (rules.check(request.accessRequest())) {
            case ExportDecision.Refused refused -> {
                return Registration.refused(refused.status());
            }
            case ExportDecision.Granted granted -> grant = granted.grant();
        }
        int rootInode = 0;
        if (!request.meta()) {
            RootLookup root = resolver.resolve(request.path().orElseThrow());
            if (!root.status().isOk()) {
                return Registration.refused(root.status());
            }
            rootInode = root.inode();
        }
        String info = stripTrailingNuls(request.info());
        Optional<Session> previous = previousSession(request, metaId, now);
        SessionChange change = previous.isPresent()
                ? new SessionChange.Changed(previous.get().id(), grant, rootInode, request.peerAddress(), info)
                : new SessionChange.Added(nextSessionId, grant, rootInode, request.peerAddress(), info);
        apply(change, now);
        recorder.accept(change);
        Session session = sessions.get(change.sessionId());
        session.attach(request.peerAddress(), request.clientVersion());
        return Registration.accepted(session, change);
    }

    private Optional<Session> previousSession(NewSessionRequest request, long metaId, long now) {
        if (request.sessionId().isEmpty() || request.sessionId().getAsInt() == 0) {
            return Optional.empty();
        }
        if (request.metaId().isPresent() && request.metaId().getAsLong() != metaId) {
            return Optional.empty();
        }
        return live(request.sessionId().getAsInt(), now);
    }

    /**
     * REGISTER RECONNECT. {@code expectedMetaId} is what the client sent (old clients send none).
     *
     * @param currentExportsChecksum the checksum of the rules in force now
     */
    public Reconnection reconnect(int sessionId, OptionalLong expectedMetaId, int clientVersion, int peerAddress,
            long currentExportsChecksum, long metaId, long now) {
        if (expectedMetaId.isPresent() && expectedMetaId.getAsLong() != metaId) {
            return Reconnection.refused(MfsStatus.BADSESSIONID);
        }
        Optional<Session> found = live(sessionId, now);
        if (found.isEmpty() || found.get().peerAddress() == 0) { // address 0: restored from metadata without one
            return Reconnection.refused(MfsStatus.BADSESSIONID);
        }
        Session session = found.get();
        if (session.grant().exportsChecksum() != currentExportsChecksum
                || (!session.grant().dynamicIp() && session.peerAddress() != peerAddress)) {
            return Reconnection.refused(MfsStatus.EPERM);
        }
        session.attach(peerAddress, clientVersion);
        return new Reconnection(MfsStatus.OK, Optional.of(session));
    }

    /**
     * REGISTER CLOSESESSION: the client is done with the session. It is removed by the next {@link #expire} after
     * its last connection is gone. Unknown ids are ignored, as in MooseFS.
     */
    public MfsStatus close(int sessionId, OptionalLong expectedMetaId, long metaId) {
        if (expectedMetaId.isPresent() && expectedMetaId.getAsLong() != metaId) {
            return MfsStatus.BADSESSIONID;
        }
        find(sessionId).ifPresent(Session::close);
        return MfsStatus.OK;
    }

    /** A connection carrying {@code session} is gone; SESDISCONNECTED to log when it was the last one. */
    public Optional<SessionChange> disconnect(Session session, long now) {
        if (sessions.get(session.id()) != session || !session.connected()) {
            return Optional.empty();
        }
        if (!session.detach(now)) {
            return Optional.empty();
        }
        SessionChange change = new SessionChange.Disconnected(session.id());
        recorder.accept(change);
        return Optional.of(change);
    }

    /** Removes closed and outlived sessions; each result's open files must be released and its SESDEL logged. */
    public List<ExpiredSession> expire(long now) {
        List<ExpiredSession> expired = new ArrayList<>();
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext();) {
            Session s = it.next();
            if (isExpired(s, now)) {
                it.remove();
                expired.add(new ExpiredSession(s.id(), s.openFileArray(), new SessionChange.Deleted(s.id())));
            }
        }
        return expired;
    }

    /**
     * Connected sessions registered under other rules than {@code currentExportsChecksum}. After an exports reload
     * MooseFS drops their connections: the client's reconnect is then refused with EPERM and it registers again
     * under the new rules.
     */
    public List<Session> connectedUnderOtherExports(long currentExportsChecksum) {
        return sessions.values().stream()
                .filter(s -> s.connected() && s.grant().exportsChecksum() != currentExportsChecksum)
                .toList();
    }

    /** Starts a new statistics hour for every session. */
    public void rollStatistics() {
        sessions.values().forEach(Session::rollStatistics);
    }

    /**
     * Applies a change: the one path for live registrations and changelog replay. {@code timestamp} is the
     * changelog line's time (the disconnection time for SESDISCONNECTED). Returns {@code OK}, or the status MooseFS
     * replay reports when the change does not fit the current state.
     */
    public MfsStatus apply(SessionChange change, long timestamp) {
        switch (change) {
            case SessionChange.Added a -> {
                if (a.sessionId() != nextSessionId || sessions.containsKey(a.sessionId())) {
                    return MfsStatus.MISMATCH;
                }
                sessions.put(a.sessionId(), new Session(a.sessionId(), a.grant(), a.rootInode(), a.peerAddress(), a.info()));
                nextSessionId++;
                if (nextSessionId == 0) {
                    nextSessionId = 1; // 0 means "no session" on the wire
                }
            }
            case SessionChange.Changed c -> {
                Session s = sessions.get(c.sessionId());
                if (s == null) {
                    return MfsStatus.MISMATCH;
                }
                s.regrant(c.grant(), c.rootInode(), c.peerAddress(), c.info());
            }
            case SessionChange.Disconnected d -> {
                Session s = sessions.get(d.sessionId());
                if (s == null) {
                    return MfsStatus.NOTFOUND;
                }
                s.markDisconnectedAt(timestamp);
            }
            case SessionChange.Deleted d -> {
                if (sessions.remove(d.sessionId()) == null) {
                    return MfsStatus.BADSESSIONID;
                }
            }
        }
        return MfsStatus.OK;
    }

    /** The session, unless it is gone or only waiting for the next expiry step to be removed. */
    private Optional<Session> live(int sessionId, long now) {
        return find(sessionId).filter(s -> !isExpired(s, now));
    }

    private boolean isExpired(Session s, long now) {
        return now >= startTime + STARTUP_GRACE_SECONDS
                && !s.connected()
                && (s.closed() || s.disconnectedAt() + sustainSeconds < now);
    }

    private static String stripTrailingNuls(String info) {
        int end = info.length();
        while (end > 0 && info.charAt(end - 1) == '\0') {
            end--;
        }
        return info.substring(0, end);
    }
}
