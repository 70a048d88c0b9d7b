package io.jmfs.master.exports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The MD5 of an export's password, which is all the master keeps ({@code password=} is hashed when parsed,
 * {@code md5pass=} gives the hash directly).
 *
 * <p>The password never crosses the wire: the master sends 32 random bytes ({@link RegistrationChallenge}) and the
 * client answers {@code md5(random[0..15] + md5(password) + random[16..31])}.
 */
public final class PasswordDigest {
    public static final int LENGTH = 16;

    private final byte[] md5;

    private PasswordDigest(byte[] md5) {
        this.md5 = md5;
    }

    /** The digest of a plain password; its bytes are taken as written in the file (UTF-8). */
    public static PasswordDigest ofPassword(String password) {
        return new PasswordDigest(md5(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** A digest given as 32 hexadecimal digits (either case), as {@code md5pass=} does. */
    public static PasswordDigest ofHex(String hex) {
        if (hex.length() != 2 * LENGTH || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("an MD5 digest is 32 hexadecimal digits, got '" + hex + "'");
        }
        return new PasswordDigest(HexFormat.of().parseHex(hex));
    }

    /** The answer a client that knows this password gives to {@code challenge}. */
    public byte[] expectedResponse(RegistrationChallenge challenge) {
        byte[] random = challenge.bytes();
        MessageDigest md = newMd5();
        md.update(random, 0, 16);
        md.update(md5);
        md.update(random, 16, 16);
        return md.digest();
    }

    /** Whether {@code response} proves knowledge of the password for {@code challenge} (constant-time compare). */
    public boolean accepts(RegistrationChallenge challenge, byte[] response) {
        return MessageDigest.isEqual(expectedResponse(challenge), response);
    }

    public byte[] bytes() {
        return md5.clone();
    }

    static byte[] md5(byte[] data) {
        return newMd5().digest(data);
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordDigest other && Arrays.equals(md5, other.md5);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(md5);
    }

    /** Deliberately opaque: digests end up in logs through rule descriptions. */
    @Override
    public String toString() {
        return "PasswordDigest[hidden]";
    }
}
