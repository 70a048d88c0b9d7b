package io.jmfs.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class if Netty reported a leaked buffer while it ran. Use with {@code @ExtendWith}; needs the
 * paranoid leak level surefire sets.
 */
public final class NoBufferLeaks implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        LeakDetection.install();
        assertThat(LeakDetection.active()).as("leak detection active (run with -Dio.netty.leakDetection.level)")
                .isTrue();
        LeakDetection.collectLeaks(Duration.ZERO); // leaks of earlier classes are theirs
    }

    @Override
    public void afterAll(ExtensionContext context) {
        assertThat(LeakDetection.collectLeaks(Duration.ofMillis(500))).as("leaked buffers").isEmpty();
    }
}
