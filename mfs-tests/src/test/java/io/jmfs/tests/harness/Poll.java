package io.jmfs.tests.harness;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition by asking it again and again until a deadline, instead of sleeping a fixed time that is
 * too short on a loaded machine and too long everywhere else.
 */
public final class Poll {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(5);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    private Poll() {}

    /** Returns once {@code condition} holds; throws {@link AssertionError} naming {@code what} at the deadline. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        untilPresent(timeout, what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Whether {@code condition} comes to hold before {@code timeout}: for waits whose failure the caller handles. */
    public static boolean holdsWithin(Duration timeout, BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        try {
            until(timeout, "condition", condition);
            return true;
        } catch (AssertionError timedOut) {
            return false;
        }
    }

    /**
     * Returns the first value {@code probe} yields. A probe that throws ends the wait at once with that exception:
     * that is how a probe reports that waiting longer is pointless (say, the daemon exited).
     */
    public static <T> T untilPresent(Duration timeout, String what, Supplier<Optional<T>> probe) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(probe, "probe");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            pauseFor(Math.min(pause.toNanos(), left));
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private static void pauseFor(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }
}
