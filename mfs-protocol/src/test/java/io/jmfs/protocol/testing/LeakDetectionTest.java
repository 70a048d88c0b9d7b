package io.jmfs.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeakDetectionTest {

    @Test
    void a_buffer_dropped_without_release_is_reported() {
        assertThat(LeakDetection.active()).as("recording detector installed and paranoid level set").isTrue();
        leakOne();
        assertThat(LeakDetection.collectLeaks(Duration.ofSeconds(10))).anySatisfy(l -> assertThat(l).contains("LEAK"));
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(16);
        leaked.writeLong(42);
    }
}
