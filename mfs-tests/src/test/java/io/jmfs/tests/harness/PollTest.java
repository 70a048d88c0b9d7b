package io.jmfs.tests.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {
    @Test
    void returnsAsSoonAsTheConditionHolds() {
        AtomicInteger asked = new AtomicInteger();
        Poll.until(Duration.ofSeconds(10), "third question", () -> asked.incrementAndGet() == 3);
        assertThat(asked).hasValue(3);
    }

    @Test
    void yieldsTheFirstPresentValue() {
        AtomicInteger asked = new AtomicInteger();
        String value = Poll.untilPresent(Duration.ofSeconds(10), "a value",
                () -> asked.incrementAndGet() < 2 ? Optional.empty() : Optional.of("ready"));
        assertThat(value).isEqualTo("ready");
    }

    @Test
    void failsAtTheDeadlineNamingWhatItWaitedFor() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Poll.until(Duration.ofMillis(100), "the moon to turn blue", () -> false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the moon to turn blue")
                .hasMessageContaining("PT0.1S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aProbeThatThrowsEndsTheWaitAtOnce() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Poll.until(Duration.ofMinutes(5), "a dead daemon", () -> {
            throw new IllegalStateException("daemon exited");
        })).isInstanceOf(IllegalStateException.class).hasMessage("daemon exited");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void holdsWithinTellsWhetherTheConditionCameToHoldInTime() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(Poll.holdsWithin(Duration.ofSeconds(10), () -> asked.incrementAndGet() == 2)).isTrue();
        assertThat(Poll.holdsWithin(Duration.ofMillis(50), () -> false)).isFalse();
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> Poll.until(Duration.ZERO, "x", () -> true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
