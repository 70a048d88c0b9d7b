package io.jmfs.tests.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggedProcessTest {
    @TempDir
    Path dir;

    @Test
    void writesOutputAndErrorToItsLogWithTheCommandOnTop() {
        Path log = dir.resolve("echo.log");
        try (LoggedProcess process = LoggedProcess.start("echo", List.of("bash", "-c",
                "echo out; echo err >&2; echo \"$GREETING\"; exec sleep 600"), log, Map.of("GREETING", "hello"))) {
            Poll.until(Duration.ofSeconds(10), "three lines in the log",
                    () -> Logs.read(log).lines().count() >= 4);
            assertThat(Logs.read(log)).startsWith("$ bash -c").contains("out", "err", "hello");
            assertThat(process.isAlive()).isTrue();
        }
    }

    @Test
    void stopEndsTheProcessAndEverythingItStarted() {
        Path log = dir.resolve("family.log");
        LoggedProcess process = LoggedProcess.start("family", List.of("bash", "-c",
                "sleep 600 & echo child $!; wait"), log, Map.of());
        long child = Poll.untilPresent(Duration.ofSeconds(10), "the child's pid in the log",
                () -> Logs.read(log).lines().filter(l -> l.startsWith("child ")).findFirst()
                        .map(l -> Long.parseLong(l.substring(6))));
        assertThat(ProcessHandle.of(child)).isPresent();

        process.stop();

        assertThat(process.isAlive()).isFalse();
        Poll.until(Duration.ofSeconds(10), "the child gone", () -> ProcessHandle.of(child).isEmpty()
                || !ProcessHandle.of(child).get().isAlive());
    }

    @Test
    void stopReportsTheExitCodeOfAProcessThatEndedByItself() {
        LoggedProcess process = LoggedProcess.start("exit3", List.of("sh", "-c", "exit 3"), dir.resolve("x.log"),
                Map.of());
        Poll.until(Duration.ofSeconds(10), "exit", () -> !process.isAlive());
        assertThat(process.stop()).isEqualTo(3);
    }

    @Test
    void requireAliveExplainsADeathWithTheEndOfTheLog() {
        Path log = dir.resolve("dies.log");
        LoggedProcess process = LoggedProcess.start("dies", List.of("sh", "-c", "echo cannot bind port; exit 1"),
                log, Map.of());
        Poll.until(Duration.ofSeconds(10), "exit", () -> !process.isAlive());
        assertThatThrownBy(process::requireAlive)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dies exited with code 1")
                .hasMessageContaining("cannot bind port");
    }
}
