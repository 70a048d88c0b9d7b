package io.jmfs.master.exports;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The 32 random bytes a master sends for {@code REGISTER/GETRANDOM}; the client's password answer is checked
 * against them (see {@link PasswordDigest#expectedResponse}). A new challenge is drawn for every GETRANDOM, so an
 * answer cannot be replayed on another connection.
 */
public final class RegistrationChallenge {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private RegistrationChallenge(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A fresh challenge from a cryptographically strong generator. */
    public static RegistrationChallenge random() {
        return random(new SecureRandom());
    }

    public static RegistrationChallenge random(RandomGenerator generator) {
        byte[] b = new byte[LENGTH];
        do {
            for (int i = 0; i < LENGTH; i++) {
                b[i] = (byte) generator.nextInt(256);
            }
        } while (isAllZero(b)); // all zeros means "no challenge was issued" (see isBlank)
        return new RegistrationChallenge(b);
    }

    /** A challenge with exactly these bytes (tests, and a client computing its answer). */
    public static RegistrationChallenge of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a challenge is " + LENGTH + " bytes, got " + bytes.length);
        }
        return new RegistrationChallenge(bytes.clone());
    }

    /** All zeros: MooseFS treats such a challenge as "none issued", and so do we. */
    public boolean isBlank() {
        return isAllZero(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    private static boolean isAllZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistrationChallenge other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
