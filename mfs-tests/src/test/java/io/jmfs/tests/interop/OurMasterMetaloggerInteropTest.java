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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Metaloggers on OUR master's port 9419, in a network namespace: the real MooseFS 3.0.117 {@code mfsmetalogger}
 * and ours keep change logs equal line for line to our master's and a dump the real {@code mfsmetadump} reads;
 * ours continues without gap or duplicate through a master restart; and after the master is killed, our master
 * rebuilt from the metalogger's folder ({@code -a}, docs/metalogger.md) holds the same namespace. No chunkservers:
 * the workloads change only the namespace.
 */
@InteropTest
class OurMasterMetaloggerInteropTest {
    private static final int MASTER_HOST = 5;
    private static final int REBUILT_HOST = 6;
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration TOOL = Duration.ofSeconds(120);
    private static final String LISTING = "find . -printf '%p %y %m %U %G %s %T@ %C@ %n %l\\n' | LC_ALL=C sort";

    private static final String WORKLOAD = """
            set -e
            mkdir -p d1/d2 d3
            for i in $(seq 1 30); do touch d3/f$i; done
            mv d3/f1 d1/d2/moved && rm d3/f2 && ln -s ../d1/d2/moved d3/link && ln d3/f3 d1/hard
            chmod 600 d3/f4 && chown 1000:1000 d3/f5 && touch -d '2020-01-01 00:00' d3/f6
            setfattr -n user.k -v v d3/f7 && mkfifo d3/fifo && rmdir d1/d2 2>/dev/null || true
            """;
    private static final String WORKLOAD_AFTER_RESTART = """
            set -e
            mkdir -p later/deeper && mv d3/f9 later/deeper/f9 && rm d3/f1[0-9] && chmod 711 later
            """;
    private static final String WORKLOAD_BEFORE_KILL = """
            set -e
            for i in $(seq 1 50); do mkdir -p k/$i && touch k/$i/x; done
            mv k/7 k/seven && rm -r k/8
            """;

    private Path work;
    private final List<LoggedProcess> processes = new ArrayList<>();

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-ourmaster-ml-");
    }

    @AfterEach
    void cleanUp() {
        processes.reversed().forEach(LoggedProcess::stop);
        FileTrees.delete(work);
    }

    @Test
    void theRealMetaloggerKeepsOurMastersChangesThroughARestartAndAValidDump(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            Path masterData = dir(work.resolve("master"));
            LoggedProcess master = startOurMaster(ns, logs, "our-mfsmaster", masterData, false);
            Path mlData = dir(work.resolve("real-metalogger"));
            startDaemon(ns, logs, "real-mfsmetalogger", List.of("mfsmetalogger", "-f", "-c",
                    metaloggerConfig(logs, "real-mfsmetalogger.cfg", mlData, ns.address(MASTER_HOST)).toString()));
            Poll.until(READY, "the real metalogger's first download", () -> {
                master.requireAlive();
                return Files.exists(mlData.resolve("metadata_ml.mfs.back"))
                        && Files.exists(mlData.resolve("changelog_ml_back.0.mfs"));
            });

            Shell.Result run = withMount(ns, ns.address(MASTER_HOST), WORKLOAD);
            assertThat(run.exitCode()).as(run.output()).isZero();
            long last = awaitCaughtUp(masterData, mlData);

            TreeMap<Long, String> ml = changelog(mlData, "changelog_ml");
            TreeMap<Long, String> ours = changelog(masterData, "changelog");
            assertThat(ml).as("the workload's changes reached it").hasSizeGreaterThan(30);
            assertThat(ml.lastKey() - ml.firstKey() + 1).as("no gap, no duplicate").isEqualTo(lineCount(mlData, "changelog_ml"));
            assertThat(ml).as("the real metalogger's lines are our master's").isEqualTo(ours.subMap(ml.firstKey(), true, last, true));
            Shell.Result dump = ns.run(TOOL, List.of("mfsmetadump", mlData.resolve("metadata_ml.mfs.back").toString()));
            assertThat(dump.exitCode()).as("mfsmetadump reads the downloaded dump: " + tail(dump.output())).isZero();

            assertThat(master.stop()).as("our master stops cleanly").isZero();
            processes.remove(master);
            startOurMaster(ns, logs, "our-mfsmaster-2", masterData, false);
            run = withMount(ns, ns.address(MASTER_HOST), WORKLOAD_AFTER_RESTART);
            assertThat(run.exitCode()).as(run.output()).isZero();
            long afterRestart = awaitCaughtUp(masterData, mlData);
            assertThat(afterRestart).isGreaterThan(last);
            ml = changelog(mlData, "changelog_ml");
            assertThat(ml.firstKey()).as("kept its log (no fresh download) across the restart").isLessThanOrEqualTo(last);
            assertThat(ml.lastKey() - ml.firstKey() + 1).as("no gap, no duplicate through our master's restart")
                    .isEqualTo(lineCount(mlData, "changelog_ml"));
            assertThat(ml).isEqualTo(changelog(masterData, "changelog").subMap(ml.firstKey(), true, afterRestart, true));
        }
    }

    @Test
    void ourMetaloggerFollowsOurMasterThroughARestartAndRebuildsItAfterAKill(TestLogs logs) throws IOException {
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            Path masterData = dir(work.resolve("master"));
            LoggedProcess master = startOurMaster(ns, logs, "our-mfsmaster", masterData, false);
            Path mlData = dir(work.resolve("our-metalogger"));
            LoggedProcess metalogger = startDaemon(ns, logs, "our-mfsmetalogger", List.of(java(), "-cp",
                    System.getProperty("java.class.path"), "io.jmfs.metalogger.MetaloggerMain", "-f", "-c",
                    metaloggerConfig(logs, "our-mfsmetalogger.cfg", mlData, ns.address(MASTER_HOST)).toString()));
            Poll.until(READY, "our metalogger's first download", () -> {
                metalogger.requireAlive();
                return Files.exists(mlData.resolve("changelog_ml_back.1.mfs"));
            });

            Shell.Result run = withMount(ns, ns.address(MASTER_HOST), WORKLOAD);
            assertThat(run.exitCode()).as(run.output()).isZero();
            long beforeRestart = awaitCaughtUp(masterData, mlData);

            assertThat(master.stop()).as("our master stops cleanly").isZero();
            processes.remove(master);
            master = startOurMaster(ns, logs, "our-mfsmaster-2", masterData, false);
            run = withMount(ns, ns.address(MASTER_HOST), WORKLOAD_AFTER_RESTART);
            assertThat(run.exitCode()).as(run.output()).isZero();
            long afterRestart = awaitCaughtUp(masterData, mlData);
            assertThat(afterRestart).isGreaterThan(beforeRestart);
            TreeMap<Long, String> ml = changelog(mlData, "changelog_ml");
            assertThat(ml.lastKey() - ml.firstKey() + 1).as("one line per version through the restart, none twice")
                    .isEqualTo(lineCount(mlData, "changelog_ml"));
            assertThat(ml.firstKey()).as("the log reaches back before the restart").isLessThanOrEqualTo(beforeRestart);
            assertThat(Files.readString(master.log())).as("the restarted master continued the metalogger's stream")
                    .contains("registered; replaying changes").doesNotContain("download the metadata again");
            assertThat(ml).isEqualTo(changelog(masterData, "changelog").subMap(ml.firstKey(), true, afterRestart, true));

            run = withMount(ns, ns.address(MASTER_HOST), WORKLOAD_BEFORE_KILL);
            assertThat(run.exitCode()).as(run.output()).isZero();
            awaitCaughtUp(masterData, mlData);
            String listing = listing(ns, ns.address(MASTER_HOST));
            killNine(master);
            assertThat(metalogger.stop()).as("our metalogger stops cleanly").isZero();

            Path rebuilt = rebuildFrom(mlData);
            LoggedProcess rebuiltMaster = startOurMaster(ns, logs, "rebuilt-mfsmaster", rebuilt, true);
            String rebuiltListing = Poll.untilPresent(READY, "a listing through the rebuilt master", () -> {
                rebuiltMaster.requireAlive();
                Shell.Result listed = withMount(ns, ns.address(REBUILT_HOST), LISTING);
                return listed.exitCode() == 0 ? Optional.of(listed.output()) : Optional.empty();
            });
            assertThat(rebuiltListing).as("the rebuilt namespace").isEqualTo(listing).contains("./k/seven d ");
            assertThat(Files.readString(rebuiltMaster.log())).contains("auto-recovery: using");
        }
    }

    // ---- daemons ------------------------------------------------------------------------------------------------

    private LoggedProcess startOurMaster(NetworkNamespace ns, TestLogs logs, String name, Path data, boolean rebuilt) {
        String address = ns.address(rebuilt ? REBUILT_HOST : MASTER_HOST);
        Path cfg = new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", data)
                .set("EXPORTS_FILENAME", MooseFsConfig.writeFile(logs.dir().resolve(name + "-exports.cfg"),
                        MooseFsConfig.OPEN_EXPORTS))
                .set("MATOML_LISTEN_HOST", address)
                .set("MATOCS_LISTEN_HOST", address)
                .set("MATOCL_LISTEN_HOST", address)
                .writeTo(logs.dir().resolve(name + ".cfg"));
        List<String> command = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                "io.jmfs.master.MasterMain", "-f", "-c", cfg.toString()));
        if (rebuilt) {
            command.add("-a");
        }
        LoggedProcess process = startDaemon(ns, logs, name, command);
        Poll.until(READY, name + " listening at " + address + ":9421", () -> {
            process.requireAlive();
            return ns.bash(Duration.ofSeconds(10), "exec 3<>/dev/tcp/" + address + "/9421").succeeded();
        });
        return process;
    }

    private Path metaloggerConfig(TestLogs logs, String file, Path data, String masterAddress) {
        return new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", data)
                .set("MASTER_HOST", masterAddress)
                .set("MASTER_RECONNECTION_DELAY", 1)
                .writeTo(logs.dir().resolve(file));
    }

    private LoggedProcess startDaemon(NetworkNamespace ns, TestLogs logs, String name, List<String> command) {
        LoggedProcess process = ns.launch(name, command, logs.file(name));
        processes.add(process);
        return process;
    }

    /** A crash: the process and everything it started, SIGKILL, no chance to write anything more. */
    private void killNine(LoggedProcess process) {
        ProcessHandle.of(process.pid()).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
            h.onExit().join();
        });
        processes.remove(process);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    // ---- files --------------------------------------------------------------------------------------------------

    /**
     * docs/metalogger.md, for our master: the dump as {@code metadata.mfs.back}, and the downloaded and live change
     * logs merged into one {@code changelog.0.mfs} in version order, each version once (the downloaded ones overlap
     * the live ones).
     */
    private Path rebuildFrom(Path mlData) throws IOException {
        Path rebuilt = dir(work.resolve("rebuilt"));
        Files.copy(mlData.resolve("metadata_ml.mfs.back"), rebuilt.resolve("metadata.mfs.back"));
        TreeMap<Long, String> all = changelog(mlData, "changelog_ml_back");
        all.putAll(changelog(mlData, "changelog_ml"));
        Files.write(rebuilt.resolve("changelog.0.mfs"), all.values());
        return rebuilt;
    }

    /** Waits until the metalogger's log ends with the master's last logged change; answers that version. */
    private static long awaitCaughtUp(Path masterData, Path mlData) {
        Poll.until(READY, "the metalogger holding the master's last change", () -> {
            long master = lastVersion(masterData, "changelog");
            return master > 0 && lastVersion(mlData, "changelog_ml") == master;
        });
        return lastVersion(mlData, "changelog_ml");
    }

    private static long lastVersion(Path dir, String prefix) {
        TreeMap<Long, String> lines = changelog(dir, prefix);
        return lines.isEmpty() ? 0 : lines.lastKey();
    }

    private static TreeMap<Long, String> changelog(Path dir, String prefix) {
        TreeMap<Long, String> lines = new TreeMap<>();
        for (Path file : files(dir, prefix)) {
            for (String line : readLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).matches("\\d+")) {
                    lines.put(Long.parseLong(line.substring(0, colon)), line);
                }
            }
        }
        return lines;
    }

    private static long lineCount(Path dir, String prefix) {
        return files(dir, prefix).stream().mapToLong(f -> readLines(f).size()).sum();
    }

    private static List<Path> files(Path dir, String prefix) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().matches(prefix + "\\.\\d+\\.mfs")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of(); // rotated away between listing and reading: the next poll sees it again
        }
    }

    // ---- mounts -------------------------------------------------------------------------------------------------

    private Shell.Result withMount(NetworkNamespace ns, String masterAddress, String script) {
        Path mountPoint = dir(work.resolve("mnt-" + masterAddress + "-" + System.nanoTime()));
        return ns.bash(TOOL, """
                out=$(mfsmount '%s' -H %s 2>&1) || { echo "mount failed: $out"; exit 97; }
                ( cd '%s' && %s )
                rc=$?
                umount '%s' 2>/dev/null || umount -l '%s'
                exit $rc
                """.formatted(mountPoint, masterAddress, mountPoint, script, mountPoint, mountPoint));
    }

    private String listing(NetworkNamespace ns, String masterAddress) {
        Shell.Result result = withMount(ns, masterAddress, LISTING);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
