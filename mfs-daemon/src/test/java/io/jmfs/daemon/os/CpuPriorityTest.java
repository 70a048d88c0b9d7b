package io.jmfs.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class CpuPriorityTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void aThreadLowersItsOwnPriorityAndNoOtherThreads() throws Exception {
        int before = niceOfThisThread();
        AtomicInteger seen = new AtomicInteger(Integer.MIN_VALUE);
        Thread t = Thread.ofPlatform().start(() -> {
            if (CpuPriority.setCurrentThread(CpuPriority.LOWEST)) {
                seen.set(niceOfThisThread());
            }
        });
        t.join();

        assertThat(seen.get()).isEqualTo(CpuPriority.LOWEST);
        assertThat(niceOfThisThread()).isEqualTo(before);
    }

    @Test
    void niceValuesOutsideLinuxsRangeAreRefused() {
        assertThatThrownBy(() -> CpuPriority.setCurrentThread(20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuPriority.setCurrentThread(-21)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Field 19 of /proc/thread-self/stat, counted after the command name (which may hold blanks). */
    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(rest[16]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
