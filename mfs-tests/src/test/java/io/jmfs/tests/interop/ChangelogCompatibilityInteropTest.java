package io.jmfs.tests.interop;

import static io.jmfs.tests.harness.FileTrees.randomFile;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changelogs cross between our master and the real MooseFS 3.0.117 master in both directions, after a crash
 * (SIGKILL: no dump at stop, so the changelog lines carry everything since the last dump):
 *
 * <ul>
 * <li>our master's DATA_PATH, started by the real {@code mfsmaster -a}, serves the same namespace with the same
 * chunks (ids and versions per file) and the same bytes through the real chunkservers;</li>
 * <li>the real master's DATA_PATH, started by our master, likewise.</li>
 * </ul>
 *
 * The workload runs through the real mfsmount and covers what a normal workload logs: directories, files written
 * across a chunk boundary, appends and overwrites, truncates inside a chunk and growing ones, rename, hard and
 * symbolic links, chmod, chown, xattrs, goal, trash time, eattr, unlink (through the trash and at once), fifos,
 * sessions and chunkserver registrations.
 */
@InteropTest
class ChangelogCompatibilityInteropTest {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final long SOURCE_SIZE = 70_000_000;

    private Path work;
    private Path source;
    private final List<LoggedProcess> processes = new ArrayList<>();

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-changelog-compat-");
        source = randomFile(work.resolve("source"), SOURCE_SIZE, 1717);
    }

    @AfterEach
    void cleanUp() {
        processes.forEach(LoggedProcess::stop);
        FileTrees.delete(work);
    }

    @Test
    void theRealMasterReplaysOurChangelogsToTheSameFilesAndChunks(TestLogs logs) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            String before;
            Path copy = dir(work.resolve("copy-of-ours"));
            try (OurMaster ours = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS)) {
                startRealChunkserver(ns, logs, 2);
                startRealChunkserver(ns, logs, 3);
                Poll.until(READY, "two chunkservers with space at our master",
                        () -> count(ours.log(), "chunkserver [0-9.:]+ \\(csid \\d+\\) has space") >= 2);
                Shell.Result done = ours.withRealMount("", workload());
                assertThat(done.exitCode()).as(done.output() + ours.log()).isZero();
                before = listing(ours.withRealMount("", LISTING));
                assertCompleteListing(before);

                kill9(ours.process());
                copyMetadata(ours.dataPath(), copy, false);
            }

            Path cfg = realMasterConfig(ns, logs, copy);
            LoggedProcess real = launch(ns, "real-mfsmaster-a", List.of("mfsmaster", "-a", "-f", "-c", cfg.toString()),
                    logs);
            Poll.until(READY, "the real master started on our metadata", () -> {
                real.requireAlive();
                return ns.bash(Duration.ofSeconds(10), "exec 3<>/dev/tcp/" + ns.address(1) + "/9421").succeeded();
            });
            String after = Poll.untilPresent(READY, "the real master serving every file's data", () -> {
                real.requireAlive();
                String now = listing(realMount(ns, logs, LISTING));
                return now.equals(before) ? java.util.Optional.of(now) : java.util.Optional.empty();
            });
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void ourMasterReplaysTheRealMastersChangelogsToTheSameFilesAndChunks(TestLogs logs) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            String before;
            Path copy = dir(work.resolve("copy-of-real"));
            try (RealMooseFs real = RealMooseFs.start(ns, logs, 2, false)) {
                // a real dump to start from (a running real master keeps it as metadata.mfs.back; a new one has
                // only the 'MFSM NEW' marker there until its first hourly dump)
                real.restartMaster();
                Shell.Result done = real.withRealMount(workload());
                assertThat(done.exitCode()).as(done.output()).isZero();
                before = listing(real.withRealMount(LISTING));
                assertCompleteListing(before);

                LoggedProcess master = real.processes().stream()
                        .filter(p -> p.name().startsWith("real-mfsmaster")).findFirst().orElseThrow();
                kill9(master);
                copyMetadata(real.masterDataPath(), copy, true);
                // the chunkservers keep running for our master (real.close() stops them at the end)

                try (OurMaster ours = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS,
                        Map.of("DATA_PATH", copy))) {
                    String after = Poll.untilPresent(READY, "our master serving every file's data", () -> {
                        ours.process().requireAlive();
                        String now = listing(ours.withRealMount("", LISTING));
                        return now.equals(before) ? java.util.Optional.of(now) : java.util.Optional.empty();
                    });
                    assertThat(after).isEqualTo(before);
                    assertThat(ours.log()).contains("changelog");
                }
            }
        }
    }

    @Test
    void ourMasterTakesOverARealMasterKilledBeforeItsFirstDump(TestLogs logs) throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            String before;
            Path copy = dir(work.resolve("copy-of-undumped-real"));
            try (RealMooseFs real = RealMooseFs.start(ns, logs, 2, false)) {
                // a new real master keeps 'MFSM NEW' as metadata.mfs.back until its first (hourly) dump: all the
                // file system is in its changelogs, from SETMETAID at version 1
                Shell.Result done = real.withRealMount(workload());
                assertThat(done.exitCode()).as(done.output()).isZero();
                before = listing(real.withRealMount(LISTING));
                assertCompleteListing(before);

                LoggedProcess master = real.processes().stream()
                        .filter(p -> p.name().startsWith("real-mfsmaster")).findFirst().orElseThrow();
                kill9(master);
                copyMetadata(real.masterDataPath(), copy, false);
                assertThat(Files.readString(copy.resolve("metadata.mfs.back"))).startsWith("MFSM NEW");

                try (OurMaster ours = OurMaster.startRecovering(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS,
                        Map.of("DATA_PATH", copy))) {
                    String after = Poll.untilPresent(READY, "our master serving every file's data", () -> {
                        ours.process().requireAlive();
                        String now = listing(ours.withRealMount("", LISTING));
                        return now.equals(before) ? java.util.Optional.of(now) : java.util.Optional.empty();
                    });
                    assertThat(after).isEqualTo(before);
                    assertThat(ours.log()).contains("replaying them from there");
                }
            }
        }
    }

    // ---- workload and listing -----------------------------------------------------------------------------

    /** two-chunks stays above 64 MiB after its truncate, so the TRUNC lands inside its second chunk. */
    private String workload() {
        return """
                set -e
                S='%s'
                mkdir -p d1/d2 'we ird,(name)%%'
                head -c 100000 "$S" > d1/small
                head -c 67200000 "$S" > d1/two-chunks
                echo hello > d1/f1; echo more >> d1/f1
                dd if="$S" of=d1/small bs=1k count=10 seek=5 skip=200 conv=notrunc status=none
                truncate -s 67150000 d1/two-chunks
                truncate -s 5000 d1/small
                truncate -s 70000000 d1/sparse; echo x >> d1/sparse
                mv d1/f1 d1/d2/moved; ln d1/d2/moved d1/hard; ln -s ../target d1/sym
                chmod 640 d1/hard; chown 1000:1000 d1/hard
                setfattr -n user.k -v 'v,(1)' d1/small
                mfssetgoal 1 d1/small > /dev/null; mfsseteattr -f noowner d1/small > /dev/null
                echo gone > d1/tmp; mfssettrashtime 0 d1/tmp > /dev/null; rm d1/tmp
                echo trashed > d1/trashed; rm d1/trashed
                head -c 3000 "$S" > 'we ird,(name)%%/x y'
                mkfifo d1/fifo
                sync
                """.formatted(source);
    }

    /**
     * Every entry with its type, mode, owner, size and link count; every file's bytes (sha256) and its chunks as
     * the master lists them ({@code mfsfileinfo}: id and version per index).
     */
    private static final String LISTING = """
            find . -printf '%p %y %m %U %G %s %n\\n' | LC_ALL=C sort
            find . -type f | LC_ALL=C sort | while read -r f; do
              echo "== $f $(sha256sum < "$f" | cut -c1-64)"
              mfsfileinfo "$f" | grep -E '^[[:space:]]*chunk [0-9]+:' | sed -E 's/^[[:space:]]+//'
            done
            getfattr -n user.k --only-values d1/small; echo
            """;

    private static String listing(Shell.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    /** The listing made before the crash lists what the workload made, so comparing with it means something. */
    private static void assertCompleteListing(String listing) {
        assertThat(listing).contains("./d1/hard f 640 1000 1000 11 2\n", "./d1/sym l ", "./d1/fifo p ",
                        "./d1/two-chunks f 644 0 0 67150000 1\n", "./d1/sparse f 644 0 0 70000002 1\n", "v,(1)")
                .doesNotContain("./d1/tmp", "./d1/trashed")
                .containsPattern("== ./d1/two-chunks [0-9a-f]{64}\\nchunk 0: [0-9A-F]{16}_[0-9A-F]{8} / \\(id:\\d+ "
                        + "ver:\\d+\\)\\nchunk 1: ");
    }

    private Shell.Result realMount(NetworkNamespace ns, TestLogs logs, String script) {
        Path mountPoint = dir(work.resolve("real-mnt-" + System.nanoTime()));
        Path mountLog = logs.file("real-mount-" + mountPoint.getFileName());
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

    // ---- daemons and files --------------------------------------------------------------------------------

    private void startRealChunkserver(NetworkNamespace ns, TestLogs logs, int host) {
        String name = "real-mfschunkserver" + host;
        Path data = dir(work.resolve("cs" + host));
        Path disk = dir(data.resolve("hdd"));
        Path hdd = MooseFsConfig.writeFile(logs.dir().resolve(name + "-mfshdd.cfg"), disk + "\n");
        Path config = new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", data)
                .set("HDD_CONF_FILENAME", hdd)
                .set("MASTER_HOST", ns.address(1))
                .set("BIND_HOST", ns.address(host))
                .set("CSSERV_LISTEN_HOST", ns.address(host))
                .set("HDD_TEST_FREQ", 0)
                .writeTo(logs.dir().resolve(name + ".cfg"));
        launch(ns, name, List.of("mfschunkserver", "-f", "-c", config.toString()), logs);
    }

    private Path realMasterConfig(NetworkNamespace ns, TestLogs logs, Path dataPath) {
        Path exports = MooseFsConfig.writeFile(logs.dir().resolve("real-a-mfsexports.cfg"), MooseFsConfig.OPEN_EXPORTS);
        Path topology = MooseFsConfig.writeFile(logs.dir().resolve("real-a-mfstopology.cfg"), "");
        return new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", dataPath)
                .set("EXPORTS_FILENAME", exports)
                .set("TOPOLOGY_FILENAME", topology)
                .set("MATOML_LISTEN_HOST", ns.address(1))
                .set("MATOCS_LISTEN_HOST", ns.address(1))
                .set("MATOCL_LISTEN_HOST", ns.address(1))
                .writeTo(logs.dir().resolve("real-a-mfsmaster.cfg"));
    }

    private LoggedProcess launch(NetworkNamespace ns, String name, List<String> command, TestLogs logs) {
        LoggedProcess process = ns.launch(name, command, logs.file(name));
        processes.add(process);
        return process;
    }

    /** A crash: the master gets no chance to dump; what it wrote to its changelogs is what survives. */
    private static void kill9(LoggedProcess process) {
        Shell.run(Duration.ofSeconds(10), "kill", "-9", Long.toString(process.pid())).orThrow();
        Poll.until(Duration.ofSeconds(30), process.name() + " gone after SIGKILL", () -> !process.isAlive());
    }

    /**
     * Copies the newest dump and every changelog. The real master leaves its dump as {@code metadata.mfs.back}
     * while running; our master (started without {@code -a}) loads {@code metadata.mfs}, so that copy is renamed.
     */
    private static void copyMetadata(Path from, Path to, boolean backAsCurrent) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.matches("changelog\\.\\d+\\.mfs")) {
                    Files.copy(f, to.resolve(name));
                } else if (name.equals("metadata.mfs")) {
                    Files.copy(f, to.resolve(name));
                } else if (name.equals("metadata.mfs.back")) {
                    Files.copy(f, to.resolve(backAsCurrent ? "metadata.mfs" : name));
                }
            }
        }
    }

    private static int count(String text, String regex) {
        return (int) java.util.regex.Pattern.compile(regex).matcher(text).results().count();
    }


    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
