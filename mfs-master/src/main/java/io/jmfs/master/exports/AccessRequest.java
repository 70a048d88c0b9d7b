package io.jmfs.master.exports;

import java.util.Arrays;
import java.util.Optional;

/**
 * One registration attempt as the export rules see it.
 *
 * @param peerAddress   the client's IPv4 address (unsigned value in an int)
 * @param clientVersion the version the client announced ({@link ClientVersions} encoding)
 * @param path          the requested directory, or empty for the meta filesystem
 * @param challenge     the challenge this connection was given by GETRANDOM, if any
 * @param response      the client's 16-byte password answer, if it sent one
 */
public record AccessRequest(
        int peerAddress,
        int clientVersion,
        Optional<String> path,
        Optional<RegistrationChallenge> challenge,
        Optional<byte[]> response) {

    public AccessRequest {
        response.ifPresent(r -> {
            if (r.length != PasswordDigest.LENGTH) {
                throw new IllegalArgumentException("a password answer is 16 bytes, got " + r.length);
            }
        });
        response = response.map(byte[]::clone);
    }

    /** A request to mount {@code path} without a password. */
    public static AccessRequest forPath(int peerAddress, int clientVersion, String path) {
        return new AccessRequest(peerAddress, clientVersion, Optional.of(path), Optional.empty(), Optional.empty());
    }

    /** A request for the meta filesystem without a password. */
    public static AccessRequest forMeta(int peerAddress, int clientVersion) {
        return new AccessRequest(peerAddress, clientVersion, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same request carrying a password answer to {@code challenge}. */
    public AccessRequest withPassword(RegistrationChallenge challenge, byte[] response) {
        return new AccessRequest(peerAddress, clientVersion, path, Optional.of(challenge), Optional.of(response));
    }

    public boolean meta() {
        return path.isEmpty();
    }

    /** Whether there is something to check a password against: a non-blank challenge and an answer. */
    boolean hasPasswordAnswer() {
        return challenge.isPresent() && !challenge.get().isBlank() && response.isPresent();
    }

    /** The requested path without leading and trailing slashes ("" for the root and for meta). */
    String normalizedPath() {
        return path.map(AccessRequest::stripSlashes).orElse("");
    }

    static String stripSlashes(String p) {
        int start = 0;
        int end = p.length();
        while (start < end && p.charAt(start) == '/') {
            start++;
        }
        while (end > start && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(start, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessRequest other && peerAddress == other.peerAddress
                && clientVersion == other.clientVersion && path.equals(other.path) && challenge.equals(other.challenge)
                && response.isPresent() == other.response.isPresent()
                && (response.isEmpty() || Arrays.equals(response.get(), other.response.get()));
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(peerAddress) * 31 + path.hashCode();
    }

    @Override
    public String toString() {
        return "AccessRequest[" + Ipv4Range.format(peerAddress) + ", " + ClientVersions.format(clientVersion) + ", "
                + path.orElse(".") + (response.isPresent() ? ", with password" : "") + "]";
    }
}
