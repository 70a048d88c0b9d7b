package io.jmfs.master.sessions;

import io.jmfs.master.exports.AccessRequest;
import io.jmfs.master.exports.RegistrationChallenge;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * REGISTER NEWSESSION (rcode 2) or NEWMETASESSION (rcode 5) as decoded from the wire.
 *
 * @param peerAddress   the client's IPv4 address
 * @param clientVersion the announced version
 * @param info          the client's description (mount point or program name; trailing NULs are dropped)
 * @param path          the directory to mount; empty for the meta filesystem
 * @param sessionId     a session the client had before (it re-registers after a reconnect was refused)
 * @param metaId        the metadata id that session belongs to; a different id means the old session is not ours
 * @param challenge     the challenge this connection received through GETRANDOM, if any
 * @param response      the 16-byte password answer, if sent
 */
public record NewSessionRequest(
        int peerAddress,
        int clientVersion,
        String info,
        Optional<String> path,
        OptionalInt sessionId,
        OptionalLong metaId,
        Optional<RegistrationChallenge> challenge,
        Optional<byte[]> response) {

    /** A first registration for {@code path}, without password. */
    public static NewSessionRequest mount(int peerAddress, int clientVersion, String info, String path) {
        return new NewSessionRequest(peerAddress, clientVersion, info, Optional.of(path), OptionalInt.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    /** A first registration for the meta filesystem, without password. */
    public static NewSessionRequest metaMount(int peerAddress, int clientVersion, String info) {
        return new NewSessionRequest(peerAddress, clientVersion, info, Optional.empty(), OptionalInt.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    public NewSessionRequest withPassword(RegistrationChallenge challenge, byte[] response) {
        return new NewSessionRequest(peerAddress, clientVersion, info, path, sessionId, metaId,
                Optional.of(challenge), Optional.of(response.clone()));
    }

    public NewSessionRequest withPreviousSession(int sessionId, long metaId) {
        return new NewSessionRequest(peerAddress, clientVersion, info, path, OptionalInt.of(sessionId),
                OptionalLong.of(metaId), challenge, response);
    }

    public boolean meta() {
        return path.isEmpty();
    }

    AccessRequest accessRequest() {
        return new AccessRequest(peerAddress, clientVersion, path, challenge, response);
    }
}
