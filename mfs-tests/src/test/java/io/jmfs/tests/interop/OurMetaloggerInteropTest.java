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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our metalogger following the real MooseFS 3.0.117 master, side by side with the real metalogger, in a network
 * namespace: through a mixed workload and a master restart its change log stays gap-free and duplicate-free and
 * line for line equal to the real metalogger's, and its folder restores, with the real {@code mfsmaster -a}, to
 * the master's namespace.
 */
@InteropTest
class OurMetaloggerInteropTest {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration TOOL = Duration.ofSeconds(120);
    /** Every entry of the mounted tree with type, mode, owner, size, mtime, ctime, link count and symlink target. */
    private static final String LISTING = "find . -printf '%p %y %m %U %G %s %T@ %C@ %n %l\\n' | LC_ALL=C sort";

    private static final String WORKLOAD_BEFORE_RESTART = """
            mkdir -p d1/d2 d3 || exit 2
            echo hello > d1/a && head -c 200000 /dev/urandom > d1/big || exit 3
            for i in $(seq 1 30); do echo $i > d3/f$i; done
            mv d3/f1 d1/d2/moved && rm d3/f2 && ln -s ../d1/a d3/link && ln d1/a d1/hard || exit 4
            chmod 600 d3/f3 && chown 1000:1000 d3/f4 && touch -d '2020-01-01 00:00' d3/f5 || exit 5
            truncate -s 1000 d3/f6 && setfattr -n user.k -v v d3/f7 && mfssettrashtime 0 d3/f8 >/dev/null || exit 6
            rm d3/f8 && rmdir d1/d2 2>/dev/null; mkfifo d3/fifo && sync
            """;
    private static final String WORKLOAD_AFTER_RESTART = """
            echo again > after && mkdir -p later/deeper && mv d3/f9 later/deeper/f9 && rm -r d3/f1[0-9] || exit 7
            chmod 711 later && echo more >> d1/a && sync
            """;

    private Path work;
    private final List<LoggedProcess> ours = new ArrayList<>();

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-ourml-");
    }

    @AfterEach
    void cleanUp() {
        ours.forEach(LoggedProcess::stop);
        FileTrees.delete(work);
    }

    @Test
    void ourMetaloggerFollowsTheRealMasterThroughARestartAndItsFolderRestoresTheSameNamespace(TestLogs logs)
            throws IOException {
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs moosefs = RealMooseFs.start(ns, logs, 1, true)) {
            Path ourData = dir(work.resolve("our-metalogger"));
            LoggedProcess metalogger = startOurMetalogger(ns, moosefs, ourData, logs);
            Poll.until(READY, "our metalogger registered and done with its first download", () -> {
                metalogger.requireAlive();
                return Files.exists(ourData.resolve("changelog_ml_back.1.mfs"));
            });

            Shell.Result before = moosefs.withRealMount(WORKLOAD_BEFORE_RESTART);
            assertThat(before.exitCode()).as(before.output()).isZero();
            long versionBeforeRestart = awaitCaughtUp(moosefs, ourData);

            moosefs.restartMaster();
            Shell.Result after = moosefs.withRealMount(WORKLOAD_AFTER_RESTART);
            assertThat(after.exitCode()).as(after.output()).isZero();
            long lastVersion = awaitCaughtUp(moosefs, ourData);

            TreeMap<Long, String> our = changelog(ourData);
            assertThat(our.lastKey()).isEqualTo(lastVersion).isGreaterThan(versionBeforeRestart);
            assertThat(our.firstKey()).isLessThanOrEqualTo(versionBeforeRestart);
            assertThat(our.lastKey() - our.firstKey() + 1).as("one line per version, none missing, none twice")
                    .isEqualTo(lineCount(ourData));
            Matcher asked = Pattern.compile("asking for changes from (\\d+)").matcher(Files.readString(metalogger.log()));
            assertThat(asked.find()).as("it reconnected asking for the next version").isTrue();
            long next = Long.parseLong(asked.group(1));
            assertThat(next).isGreaterThan(versionBeforeRestart);
            assertThat(our).as("the log continued from there").containsKey(next).containsKey(next - 1);

            Poll.until(READY, "the real metalogger caught up", () ->
                    lastVersion(moosefs.metaloggerDataPath(), "changelog_ml") >= lastVersion);
            TreeMap<Long, String> real = changelog(moosefs.metaloggerDataPath());
            long from = Math.max(our.firstKey(), real.firstKey());
            assertThat(our.subMap(from, true, lastVersion, true)).as("the same lines as the real metalogger's")
                    .isEqualTo(real.subMap(from, true, lastVersion, true));
            assertThat(ourData.resolve("metadata_ml.mfs.back")).as("metadata downloaded after the restart").exists();

            String masterListing = listing(ns, moosefs.masterAddress());
            assertThat(masterListing).contains("./later/deeper/f9 f ").contains("./d3/link l ");
            int stopped = metalogger.stop();
            assertThat(stopped).as("our metalogger stops cleanly").isZero();

            Path restored = restoreFrom(ourData);
            String address = ns.address(5);
            Path config = new MooseFsConfig()
                    .set("WORKING_USER", "root")
                    .set("DATA_PATH", restored)
                    .set("EXPORTS_FILENAME", MooseFsConfig.writeFile(logs.dir().resolve("restored-mfsexports.cfg"),
                            MooseFsConfig.OPEN_EXPORTS))
                    .set("TOPOLOGY_FILENAME", MooseFsConfig.writeFile(logs.dir().resolve("restored-topology.cfg"), ""))
                    .set("MATOML_LISTEN_HOST", address)
                    .set("MATOCS_LISTEN_HOST", address)
                    .set("MATOCL_LISTEN_HOST", address)
                    .writeTo(logs.dir().resolve("restored-mfsmaster.cfg"));
            LoggedProcess restoredMaster = ns.launch("restored-mfsmaster",
                    List.of("mfsmaster", "-a", "-f", "-c", config.toString()), logs.file("restored-mfsmaster"));
            ours.add(restoredMaster);
            String restoredListing = Poll.untilPresent(READY, "a listing through the restored master", () -> {
                restoredMaster.requireAlive();
                Shell.Result listed = mountAndRun(ns, address, LISTING);
                return listed.exitCode() == 0 ? Optional.of(listed.output()) : Optional.empty();
            });
            assertThat(restoredListing).as("the restored namespace").isEqualTo(masterListing);
        }
    }

    private LoggedProcess startOurMetalogger(NetworkNamespace ns, RealMooseFs moosefs, Path data, TestLogs logs) {
        Path config = new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", data)
                .set("MASTER_HOST", moosefs.masterAddress())
                .set("MASTER_RECONNECTION_DELAY", 1)
                .writeTo(logs.dir().resolve("our-mfsmetalogger.cfg"));
        String java = ProcessHandle.current().info().command().orElse("java");
        LoggedProcess process = ns.launch("our-mfsmetalogger", List.of(java, "-cp",
                System.getProperty("java.class.path"), "io.jmfs.metalogger.MetaloggerMain", "-f", "-c",
                config.toString()), logs.file("our-mfsmetalogger"));
        ours.add(process);
        return process;
    }

    /** Waits until our change log ends with the master's last change and returns that version. */
    private static long awaitCaughtUp(RealMooseFs moosefs, Path ourData) {
        Poll.until(READY, "our change log holding the master's last change", () -> {
            long master = lastVersion(moosefs.masterDataPath(), "changelog");
            return master > 0 && lastVersion(ourData, "changelog_ml") == master;
        });
        return lastVersion(ourData, "changelog_ml");
    }

    private static long lastVersion(Path dir, String prefix) {
        TreeMap<Long, String> lines = changelog(dir, prefix);
        return lines.isEmpty() ? 0 : lines.lastKey();
    }

    /** The metalogger's change log lines by version ({@code changelog_ml.N.mfs}). */
    private static TreeMap<Long, String> changelog(Path dir) {
        return changelog(dir, "changelog_ml");
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

    private static long lineCount(Path dir) {
        return files(dir, "changelog_ml").stream().mapToLong(f -> readLines(f).size()).sum();
    }

    /** {@code PREFIX.N.mfs} files ({@code changelog.N.mfs} on a master, {@code changelog_ml.N.mfs} on a metalogger). */
    private static List<Path> files(Path dir, String prefix) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().matches(prefix + "\\.\\d+\\.mfs")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of(); // rotated away between listing and reading: the next poll sees it again
        }
    }

    /** The documented procedure (docs/metalogger.md): the metalogger's files under a master's names. */
    private Path restoreFrom(Path metaloggerData) throws IOException {
        Path restored = dir(work.resolve("restored-master"));
        Files.copy(metaloggerData.resolve("metadata_ml.mfs.back"), restored.resolve("metadata.mfs.back"));
        for (Path log : files(metaloggerData, "changelog_ml")) {
            String name = log.getFileName().toString().replace("changelog_ml.", "changelog.");
            Files.copy(log, restored.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return restored;
    }

    private Shell.Result mountAndRun(NetworkNamespace ns, String masterAddress, String script) {
        Path mountPoint = dir(work.resolve("mnt-" + masterAddress));
        return ns.bash(TOOL, """
                out=$(mfsmount '%s' -H %s 2>&1) || { echo "mount failed: $out"; exit 97; }
                ( cd '%s' && %s )
                rc=$?
                umount '%s' 2>/dev/null || umount -l '%s'
                exit $rc
                """.formatted(mountPoint, masterAddress, mountPoint, script, mountPoint, mountPoint));
    }

    private String listing(NetworkNamespace ns, String masterAddress) {
        Shell.Result result = mountAndRun(ns, masterAddress, LISTING);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
