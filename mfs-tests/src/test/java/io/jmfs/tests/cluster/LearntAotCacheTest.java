package io.jmfs.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.harness.Logs;
import io.jmfs.tests.harness.LoggedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/'s launchers learn an AOT cache for the chunkserver and the mount (bin/jmfs-run.sh): a run without a cache
 * records, the next start adopts the recording and maps it, and the chunkserver compiles what the cache's run compiled
 * as it starts. A chunkserver without a master stays up, retrying, which
 * is all a run needs here.
 */
class LearntAotCacheTest {
    private static final String EAGER = "-XX:+AOTCompileEagerly";
    @TempDir
    Path logs;
    @TempDir
    Path data;
    @TempDir
    Path aot;

    private ClusterLayout.Chunkserver chunkserver;
    private final Map<String, String> env = new HashMap<>();
    private int runs;

    @BeforeEach
    void layOut() {
        chunkserver = ClusterLayout.allocate(logs, data, 1, false).chunkservers().getFirst();
        env.put("JMFS_AOT_DIR", aot.toString());
        env.put("JMFS_AOT_MIN_SECONDS", "1");
    }

    @Test
    void aRunLongEnoughLeavesACacheThatTheNextStartMaps() throws Exception {
        List<String> first = runFor(Duration.ofSeconds(3));
        assertThat(first).anyMatch(arg -> arg.startsWith("-XX:AOTCacheOutput=" + aot.resolve("mfschunkserver.t")));
        assertThat(recordings()).hasSize(1);
        assertThat(aot.resolve("mfschunkserver.aot")).doesNotExist();

        List<String> second = runFor(Duration.ZERO);
        assertThat(second).contains("-XX:AOTCache=" + aot.resolve("mfschunkserver.aot"))
                .noneMatch(arg -> arg.startsWith("-XX:AOTCacheOutput"));
        assertThat(recordings()).isEmpty();
        assertThat(aot.resolve("mfschunkserver.aot")).isNotEmptyFile();
    }

    @Test
    void aMappedCacheCompilesEagerlyWhereTheJdkCan() throws Exception {
        List<String> recording = runFor(Duration.ofSeconds(3));
        assertThat(recording).doesNotContain(EAGER);

        List<String> mapping = runFor(Duration.ZERO);
        assertThat(mapping).contains("-XX:AOTCache=" + aot.resolve("mfschunkserver.aot"), EAGER);
        Path mark = aot.resolve("eager-compile");
        assertThat(Files.readString(mark)).as("the JDK 25 the tests run with has the option").startsWith("yes /");

        // what the launcher learnt of a JDK without the option (older or newer than 25)
        Files.writeString(mark, Files.readString(mark).replaceFirst("^yes", "no"));
        assertThat(runFor(Duration.ZERO)).contains("-XX:AOTCache=" + aot.resolve("mfschunkserver.aot"))
                .doesNotContain(EAGER);
    }

    @Test
    void aRunShorterThanTheMinimumTeachesNothing() throws Exception {
        env.put("JMFS_AOT_MIN_SECONDS", "3600");
        runFor(Duration.ZERO);
        assertThat(recordings()).hasSize(1);

        List<String> second = runFor(Duration.ZERO);
        assertThat(second).anyMatch(arg -> arg.startsWith("-XX:AOTCacheOutput"));
        assertThat(aot.resolve("mfschunkserver.aot")).doesNotExist();
        assertThat(recordings()).as("the first run's recording is dropped, the second's left").hasSize(1);
    }

    @Test
    void aCacheOlderThanTheBuildIsDroppedAndLearntAgain() throws Exception {
        Path stale = Files.writeString(aot.resolve("mfschunkserver.aot"), "from an older build");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));

        List<String> args = runFor(Duration.ZERO);
        assertThat(args).anyMatch(arg -> arg.startsWith("-XX:AOTCacheOutput"))
                .noneMatch(arg -> arg.startsWith("-XX:AOTCache="));
        assertThat(stale).doesNotExist();
    }

    @Test
    void offMeansNoCacheAtAll() throws Exception {
        env.put("JMFS_AOT", "off");
        List<String> args = runFor(Duration.ZERO);
        assertThat(args).noneMatch(arg -> arg.startsWith("-XX:AOT"));
        try (Stream<Path> files = Files.list(aot)) {
            assertThat(files).isEmpty();
        }
    }

    /** Runs the chunkserver in the foreground until it is up, then {@code extra} longer; returns its JVM's arguments. */
    private List<String> runFor(Duration extra) throws Exception {
        runs++;
        Path log = logs.resolve("chunkserver-run" + runs + ".log");
        List<String> args;
        try (LoggedProcess process = LoggedProcess.start("chunkserver", List.of(
                JmfsHome.launcher("mfschunkserver").toString(), "-f", "-c", chunkserver.config().toString()), log,
                env)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Logs.read(log).contains("daemon initialized properly")) {
                process.requireAlive();
                assertThat(System.nanoTime()).as("chunkserver up within 60 s; log:\n" + Logs.tail(log, 30))
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            // the launcher has exec'd the JVM by now, in the same process
            args = List.of(Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"),
                    StandardCharsets.UTF_8).split("\0"));
            Thread.sleep(extra.toMillis());
        }
        return args;
    }

    /** Recordings left by runs: complete ones, the JDK's work file (.config) gone. */
    private List<Path> recordings() throws IOException {
        try (Stream<Path> files = Files.list(aot)) {
            List<Path> all = files.toList();
            assertThat(all).noneMatch(file -> file.toString().endsWith(".config"));
            return all.stream().filter(file -> file.getFileName().toString().matches("mfschunkserver\\.t\\d+\\.pid\\d+\\.aot"))
                    .toList();
        }
    }
}
