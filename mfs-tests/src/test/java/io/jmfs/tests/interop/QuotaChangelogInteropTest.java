package io.jmfs.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.cluster.MooseFsConfig;
import io.jmfs.tests.harness.FileTrees;
import io.jmfs.tests.harness.LoggedProcess;
import io.jmfs.tests.harness.Poll;
import io.jmfs.tests.harness.Shell;
import io.jmfs.tests.harness.TestLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * QUOTA changelog lines cross between our master and the real MooseFS 3.0.117 master after a crash (SIGKILL: no
 * dump at stop): the quotas, their usage and a soft limit that ran out (the real master's once-a-second check
 * logs it) are the same on the master that replayed the other one's changelogs.
 */
@InteropTest
class QuotaChangelogInteropTest {
    private static final Duration READY = Duration.ofSeconds(90);

    /**
     * A soft inode limit without grace period runs out about two seconds after it is exceeded (3.0.117 keeps a
     * grace period of 0 when none is given); the loop creates directories until the master refuses one.
     */
    static final String WORKLOAD = """
            set -e
            mkdir q q/s && touch q/a q/b q/s/c
            mfssetquota -I 100 -L 1000 -R 1Gi q > /dev/null
            mfssetquota -i 1 q/s > /dev/null
            refused=no
            for i in $(seq 100); do
              mkdir q/s/d$i 2>/dev/null || { refused=yes; break; }
              sleep 0.2
            done
            echo "soft limit ran out: $refused"
            mfsdelquota -L q > /dev/null
            """;

    /** What must survive: the definitions with their usage, and the soft limit acting as a hard one. */
    static final String LISTING = """
            mfsgetquota q q/s
            mkdir q/s/after 2>/dev/null && echo "after: created" || echo "after: refused"
            mkdir q/after && echo "q/after: created" && rmdir q/after
            """;

    private Path work;

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-quota-changelog-");
    }

    @AfterEach
    void cleanUp() {
        FileTrees.delete(work);
    }

    @Test
    void ourMasterReplaysTheRealMastersQuotaLines(TestLogs logs) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            String before;
            Path copy = dir(work.resolve("copy-of-real"));
            try (RealMooseFs real = RealMooseFs.start(ns, logs, 1, false)) {
                real.restartMaster(); // a real dump to start from
                Shell.Result done = real.withRealMount(WORKLOAD);
                assertThat(done.exitCode()).as(done.output()).isZero();
                assertThat(done.output()).contains("soft limit ran out: yes");
                before = real.withRealMount(LISTING).output();
                assertThat(before).contains("after: refused", "q/after: created");
                LoggedProcess master = real.processes().stream()
                        .filter(p -> p.name().startsWith("real-mfsmaster")).findFirst().orElseThrow();
                kill9(master);
                copyMetadata(real.masterDataPath(), copy, true);
            }
            assertThat(changelogText(copy)).contains("|QUOTA(");
            try (OurMaster ours = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS,
                    Map.of("DATA_PATH", copy))) {
                Shell.Result after = ours.withRealMount("", LISTING);
                assertThat(after.output()).isEqualTo(before);
            }
        }
    }

    @Test
    void theRealMasterReplaysOurQuotaLines(TestLogs logs) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            String before;
            Path copy = dir(work.resolve("copy-of-ours"));
            try (OurMaster ours = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS)) {
                Shell.Result done = ours.withRealMount("", WORKLOAD);
                assertThat(done.exitCode()).as(done.output()).isZero();
                assertThat(done.output()).contains("soft limit ran out: yes");
                before = ours.withRealMount("", LISTING).output();
                assertThat(before).contains("after: refused", "q/after: created");
                kill9(ours.process());
                copyMetadata(ours.dataPath(), copy, false);
            }
            assertThat(changelogText(copy)).contains("|QUOTA(");
            Path cfg = realMasterConfig(ns, logs, copy);
            LoggedProcess real = ns.launch("real-mfsmaster-a", List.of("mfsmaster", "-a", "-f", "-c", cfg.toString()),
                    logs.file("real-mfsmaster-a"));
            try (real) {
                Poll.until(READY, "the real master started on our metadata", () -> {
                    real.requireAlive();
                    return ns.bash(Duration.ofSeconds(10), "exec 3<>/dev/tcp/" + ns.address(1) + "/9421")
                            .succeeded();
                });
                Shell.Result after = realMount(ns, logs, LISTING);
                assertThat(after.output()).isEqualTo(before);
            }
        }
    }

    private Shell.Result realMount(NetworkNamespace ns, TestLogs logs, String script) {
        Path mountPoint = dir(work.resolve("real-mnt"));
        Path mountLog = logs.file("real-mount-a");
        return ns.bash(Duration.ofMinutes(2), """
                MNT='%s'
                mfsmount "$MNT" -H %s >>'%s' 2>&1 || { cat '%s'; exit 97; }
                ( cd "$MNT" && { %s
                } )
                rc=$?
                umount "$MNT" 2>/dev/null || umount -l "$MNT"
                exit $rc
                """.formatted(mountPoint, ns.address(1), mountLog, mountLog, script));
    }

    private static Path realMasterConfig(NetworkNamespace ns, TestLogs logs, Path dataPath) {
        Path exports = MooseFsConfig.writeFile(logs.dir().resolve("real-a-mfsexports.cfg"), MooseFsConfig.OPEN_EXPORTS);
        return new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", dataPath)
                .set("EXPORTS_FILENAME", exports)
                .set("MATOML_LISTEN_HOST", ns.address(1))
                .set("MATOCS_LISTEN_HOST", ns.address(1))
                .set("MATOCL_LISTEN_HOST", ns.address(1))
                .writeTo(logs.dir().resolve("real-a-mfsmaster.cfg"));
    }

    /** A crash: the master gets no chance to dump; what it wrote to its changelogs is what survives. */
    private static void kill9(LoggedProcess process) {
        Shell.run(Duration.ofSeconds(10), "kill", "-9", Long.toString(process.pid())).orThrow();
        Poll.until(Duration.ofSeconds(30), process.name() + " gone after SIGKILL", () -> !process.isAlive());
    }

    /** The newest dump and every changelog; the real master's running dump is {@code metadata.mfs.back}. */
    private static void copyMetadata(Path from, Path to, boolean backAsCurrent) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.matches("changelog\\.\\d+\\.mfs") || name.equals("metadata.mfs")) {
                    Files.copy(f, to.resolve(name));
                } else if (name.equals("metadata.mfs.back")) {
                    Files.copy(f, to.resolve(backAsCurrent ? "metadata.mfs" : name));
                }
            }
        }
    }

    private static String changelogText(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("changelog")).toList()) {
                all.append(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
