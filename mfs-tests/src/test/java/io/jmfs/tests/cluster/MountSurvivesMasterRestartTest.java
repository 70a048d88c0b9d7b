package io.jmfs.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.harness.KeepLogsOnFailure;
import io.jmfs.tests.harness.LoggedProcess;
import io.jmfs.tests.harness.Logs;
import io.jmfs.tests.harness.Poll;
import io.jmfs.tests.harness.Shell;
import io.jmfs.tests.harness.TestLogs;
import io.jmfs.tests.interop.InteropPrerequisites;
import io.jmfs.tests.interop.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our mount (bin/mfsmount) on our cluster keeps working through a master restart, as mfsmount does: a stat, a read
 * and a write issued while the master is down wait for it and then complete (no error), and the bytes are right
 * afterwards. Once with a clean stop (the master dumps its metadata and sessions), once with SIGKILL (the restarted
 * master recovers from its changelog with -a). Needs root and /dev/fuse; skipped without them unless
 * MFS_INTEROP=required.
 */
@Tag("cluster")
@ExtendWith(KeepLogsOnFailure.class)
class MountSurvivesMasterRestartTest {
    private static final Duration MOUNTED = Duration.ofSeconds(60);
    private static final Duration THROUGH_RESTART = Duration.ofSeconds(120);
    private static final String LOST = "connection to master";

    /** Skips without root or /dev/fuse, or fails there when MFS_INTEROP=required (as in CI). */
    @BeforeAll
    static void fuseIsUsable() {
        List<String> missing = new java.util.ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root (a FUSE mount needs it)");
        }
        if (!Files.exists(Path.of("/dev/fuse"))) {
            missing.add("/dev/fuse");
        }
        InteropPrerequisites.check(missing, Prerequisites.required());
    }

    @Test
    void callsIssuedWhileTheMasterIsStoppedCompleteAfterItsRestart(TestLogs logs) throws Exception {
        throughRestart(logs, false);
    }

    @Test
    void callsIssuedWhileTheMasterIsKilledCompleteAfterItRecovers(TestLogs logs) throws Exception {
        throughRestart(logs, true);
    }

    private static void throughRestart(TestLogs logs, boolean kill) throws Exception {
        byte[] before = bytes(3 << 20, 1);
        byte[] during = bytes(1 << 20, 2);
        Path mountPoint = Files.createTempDirectory("jmfs-restart-mnt-");
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        try (LocalCluster cluster = LocalCluster.start(logs, 1, false, Readiness.CONNECTED);
                LoggedProcess mount = mount(cluster, mountPoint, logs)) {
            Path f = mountPoint.resolve("f");
            Path g = mountPoint.resolve("g");
            // the chunkserver reports its space shortly after connecting; until then no chunk can be placed
            Poll.until(MOUNTED, "a first file written through the mount", () -> write(f, before));
            assertThat(Files.readAllBytes(f)).isEqualTo(before);

            if (kill) {
                cluster.killMaster();
            } else {
                assertThat(cluster.stopMaster()).as("clean stop").isZero();
            }
            Poll.until(MOUNTED, "the mount noticed the master is gone", () -> {
                mount.requireAlive();
                return Logs.read(mount.log()).contains(LOST);
            });
            Future<Timed<Long>> stat = callers.submit(() -> Timed.of(Files.size(f)));
            Future<Timed<byte[]>> read = callers.submit(() -> Timed.of(Files.readAllBytes(f)));
            Future<Timed<Path>> written = callers.submit(() -> Timed.of(Files.write(g, during)));

            long restart = System.nanoTime();
            cluster.startReplacementMaster("mfsmaster-restarted", cluster.layout().master().dataPath(), Map.of(),
                    kill ? new String[] {"-a"} : new String[0]);

            // a mount that gave up would have failed these (get throws); one that waited finishes them only now
            Timed<Long> size = stat.get(THROUGH_RESTART.toSeconds(), TimeUnit.SECONDS);
            Timed<byte[]> content = read.get(THROUGH_RESTART.toSeconds(), TimeUnit.SECONDS);
            Timed<Path> created = written.get(THROUGH_RESTART.toSeconds(), TimeUnit.SECONDS);
            assertThat(List.of(size.at(), content.at(), created.at())).as("answered after the restart began")
                    .allMatch(at -> at - restart > 0);
            assertThat(size.value()).isEqualTo(before.length);
            assertThat(content.value()).isEqualTo(before);
            assertThat(created.value()).isEqualTo(g);
            assertThat(Files.readAllBytes(g)).isEqualTo(during);
            assertThat(Files.readAllBytes(f)).isEqualTo(before);
            mount.requireAlive();
        } finally {
            callers.shutdownNow();
            Shell.run(Duration.ofSeconds(30), "umount", "-l", mountPoint.toString());
            Files.deleteIfExists(mountPoint);
        }
    }

    /** Our mount in the foreground (its log is its output); returns once the mount root shows .masterinfo. */
    private static LoggedProcess mount(LocalCluster cluster, Path mountPoint, TestLogs logs) {
        LoggedProcess mount = LoggedProcess.start("our-mfsmount", List.of(JmfsHome.launcher("mfsmount").toString(),
                mountPoint.toString(), "-H", "127.0.0.1", "-P", Integer.toString(cluster.clientPort()), "-f", "-o",
                "mfsattrcacheto=0"), logs.file("our-mfsmount"), Map.of());
        try {
            Poll.until(MOUNTED, "our mount at " + mountPoint, () -> {
                mount.requireAlive();
                return Files.exists(mountPoint.resolve(".masterinfo"));
            });
            return mount;
        } catch (RuntimeException | Error e) {
            mount.stop();
            throw e;
        }
    }

    /** A call's result and when it came back (System.nanoTime). */
    private record Timed<T>(T value, long at) {
        static <T> Timed<T> of(T value) {
            return new Timed<>(value, System.nanoTime());
        }
    }

    private static boolean write(Path file, byte[] data) {
        try {
            Files.write(file, data);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
