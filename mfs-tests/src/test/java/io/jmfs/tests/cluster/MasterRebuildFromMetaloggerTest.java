package io.jmfs.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.client.Credentials;
import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import io.jmfs.client.MfsFile;
import io.jmfs.client.master.MasterOptions;
import io.jmfs.master.meta.DumpReader;
import io.jmfs.master.meta.MetaCheck;
import io.jmfs.master.meta.MetaState;
import io.jmfs.master.meta.MetadataStartup;
import io.jmfs.protocol.NodeType;
import io.jmfs.tests.harness.KeepLogsOnFailure;
import io.jmfs.tests.harness.Logs;
import io.jmfs.tests.harness.Poll;
import io.jmfs.tests.harness.TestLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #7's last acceptance test: the master is killed (SIGKILL) in the middle of a mixed workload, while a large
 * file is being written, and a new master is rebuilt in another folder from our metalogger's files as
 * docs/metalogger.md says ({@code bin/mfsmaster -a} on the metalogger's dump and merged change logs), on the same
 * ports, so the chunkservers register with it by themselves.
 *
 * <p>What it must hold:
 * <ul>
 *   <li>every change that reached the metalogger: its metadata version is the one after the metalogger's last line,
 *       and its metadata passes the consistency check;</li>
 *   <li>every workload step that completed before a moment T, where the metalogger was seen to hold every line the
 *       master had written half a second after T, exactly (names, attributes, goals, contents by checksum), and the
 *       fsynced part of a large write whose fsync returned before T;</li>
 *   <li>every other file of the workload (steps completed after T, the one being written at the kill) reads back
 *       without an error, not longer than its intended content, each byte either that content or zero (never
 *       written). Such a file may have a chunk still locked by the dead writer (MooseFS makes readers wait until
 *       the lock expires, LOCKTIMEOUT 120 s after it was taken) or whose copies on the chunkservers are one version
 *       ahead of the rebuilt metadata (the version increase reached the chunkservers but not the metalogger; the
 *       chunk loop takes the chunkservers' version, as MooseFS 3.0 does): so its read may take until
 *       {@link #UNSETTLED_READABLE} to succeed, where a completed step's file must read at the first attempt.</li>
 * </ul>
 */
@Tag("cluster")
@ExtendWith(KeepLogsOnFailure.class)
class MasterRebuildFromMetaloggerTest {
    private static final Duration WORKLOAD = Duration.ofMinutes(4);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Duration MARGIN = Duration.ofMillis(500);
    /** One attempt: the client library's own retries (about 30 s) and nothing more. */
    private static final Duration SETTLED_READABLE = Duration.ofSeconds(1);
    /** LOCKTIMEOUT (120 s) plus one chunk loop pass (CHUNKS_LOOP_MIN_TIME 60 s below) plus slack. */
    private static final Duration UNSETTLED_READABLE = Duration.ofSeconds(240);
    private static final int STEPS_BEFORE_KILL = 40;
    /**
     * The rebuilt master's chunk loop starts at once and passes over all chunks in the shortest time allowed, so
     * that what it repairs (MooseFS's rules) is repaired within the test's patience.
     */
    private static final Map<String, Object> REBUILT_SETTINGS =
            Map.of("REPLICATIONS_DELAY_INIT", 0, "CHUNKS_LOOP_MIN_TIME", 60);
    /** One pass of the rebuilt master's chunk loop over the few chunks of a small test, with slack. */
    private static final Duration CHUNK_LOOP_PASS = Duration.ofSeconds(90);

    @Test
    void aMasterRebuiltFromTheMetaloggerAfterAKillMidWorkloadHasEveryLoggedChangeAndEveryClosedFile(TestLogs logs)
            throws Exception {
        try (LocalCluster cluster = LocalCluster.start(logs, 3, true)) {
            Path masterData = cluster.layout().master().dataPath();
            Path mlData = cluster.layout().metalogger().orElseThrow().dataPath();

            MfsClient writer = connect(cluster);
            awaitWritable(writer);
            int workRoot = writer.mkdir(MfsClient.ROOT, "w", 0755).inode();
            MixedWorkload workload = new MixedWorkload(writer, workRoot, 7, 1000);
            Thread thread = Thread.ofPlatform().name("workload").start(workload);

            Poll.until(WORKLOAD, STEPS_BEFORE_KILL + " workload steps", () -> {
                requireRunning(workload, thread);
                return workload.completedSteps() >= STEPS_BEFORE_KILL;
            });
            long t = System.nanoTime();
            List<MixedWorkload.Event> settled = workload.journal();
            Poll.until(Duration.ofSeconds(10), "a margin after T", () -> System.nanoTime() - t >= MARGIN.toNanos());
            long masterLogged = lastVersion(masterData, "changelog");
            Poll.until(CATCH_UP, "the metalogger holding the master's version " + masterLogged,
                    () -> lastVersion(mlData, "changelog_ml") >= masterLogged);

            workload.armKillPoint();
            Poll.until(WORKLOAD, "the workload in the middle of a large write", () -> {
                requireRunning(workload, thread);
                return workload.killPoint().getCount() == 0;
            });
            workload.stop(); // no further step; the large write goes on, and its errors after the kill are expected
            cluster.killMaster();
            workload.resumeAfterKill(); // held at its kill point until now, so the kill lands mid-write
            writer.close();
            thread.join(Duration.ofSeconds(60));
            assertThat(thread.isAlive()).as("the workload ended after the kill").isFalse();
            assertThat(workload.failure()).as("the workload ran without error until the kill").isEmpty();
            int started = (int) workload.completedSteps() + 1;
            assertThat(workload.plan().get(started - 1).kind()).as("the kill came in the middle of a large write")
                    .isEqualTo(MixedWorkload.Kind.BIG_WRITE);
            List<String> notes = new ArrayList<>();
            notes.add("steps completed at T: " + settled.stream().filter(e -> !e.milestone()).count()
                    + ", at the kill: " + (started - 1) + "; the master had logged version " + masterLogged
                    + " half a second after T");

            assertThat(cluster.stopMetalogger()).as("the metalogger stops cleanly").isZero();
            Path rebuilt = cluster.newDataFolder("rebuilt");
            long lastLogged = rebuildFrom(mlData, rebuilt);
            assertThat(lastLogged).as("the metalogger held the lines seen before the kill")
                    .isGreaterThanOrEqualTo(masterLogged);
            cluster.startReplacementMaster("mfsmaster-rebuilt", rebuilt, REBUILT_SETTINGS, "-a");

            assertThat(Files.readString(cluster.master().log())).contains("auto-recovery: using");
            Poll.until(Duration.ofSeconds(60), "the 3 chunkservers registered with the rebuilt master",
                    () -> Logs.read(cluster.master().log()).split("chunkserver register end", -1).length == 4);
            assertThat(DumpReader.header(rebuilt.resolve("metadata.mfs")).version())
                    .as("the rebuilt master's version: every line of the metalogger applied").isEqualTo(lastLogged + 1);
            assertConsistent(rebuilt.resolve("metadata.mfs"));
            notes.add("the metalogger's last version: " + lastLogged);

            try (MfsClient reader = connect(cluster)) {
                int root = reader.lookup(MfsClient.ROOT, "w").inode();
                FileCheck settledFiles = new FileCheck(SETTLED_READABLE, notes);
                Set<Integer> settledSteps = settled.stream().filter(e -> !e.milestone())
                        .map(MixedWorkload.Event::step).collect(Collectors.toSet());
                for (MixedWorkload.Event event : settled) {
                    MixedWorkload.Step step = workload.plan().get(event.step());
                    if (event.milestone()) {
                        step.assertMilestone(reader, root, settledFiles);
                    } else {
                        step.assertCompleted(reader, root, settledFiles);
                    }
                }
                FileCheck unsettledFiles = new FileCheck(UNSETTLED_READABLE, notes);
                List<Entry> folders = reader.readdir(root);
                assertThat(folders).extracting(Entry::name).as("only the workload's step folders")
                        .allMatch(n -> n.matches("s\\d+") && Integer.parseInt(n.substring(1)) < started);
                for (Entry folder : folders) {
                    MixedWorkload.Step step = workload.plan().get(Integer.parseInt(folder.name().substring(1)));
                    if (!settledSteps.contains(step.index())) {
                        unsettledFiles.assertPlausible(reader, folder, step);
                    }
                }
            }

            Files.write(logs.file("rebuild-report.txt"), notes);
            notes.forEach(System.out::println);
            assertThat(cluster.stop()).allSatisfy((name, code) -> assertThat(code).as(name + " exit code").isZero());
            MetaState state = MetaState.standalone(0);
            MetadataStartup.load(MetadataStartup.plan(rebuilt, false), state, rebuilt);
            assertThat(MetaCheck.problems(state)).as("the rebuilt master's metadata at its stop").isEmpty();
        }
    }

    /**
     * The metalogger has fallen behind (here: stopped) when the master truncates a file: the version increase
     * reaches the chunkservers but not the metalogger. The master rebuilt from the metalogger finds only copies one
     * version ahead of its metadata; as MooseFS 3.0 does, its chunk loop takes their version instead of calling the
     * chunk lost, and the file reads back as the chunkservers hold it (the truncated data, then zeros up to the
     * length the rebuilt metadata knows).
     */
    @Test
    void aRebuiltMasterTakesTheVersionOfCopiesOneAheadOfItsMetadata(TestLogs logs) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(logs, 3, true)) {
            Path masterData = cluster.layout().master().dataPath();
            Path mlData = cluster.layout().metalogger().orElseThrow().dataPath();
            byte[] content = new byte[3 << 20];
            new Random(11).nextBytes(content);
            int cut = 1_000_003;
            try (MfsClient writer = connect(cluster)) {
                awaitWritable(writer);
                int inode;
                try (MfsFile file = writer.create(MfsClient.ROOT, "f", 0644)) {
                    file.write(0, content, 0, content.length);
                    inode = file.inode();
                }
                long logged = lastVersion(masterData, "changelog");
                Poll.until(CATCH_UP, "the metalogger holding version " + logged,
                        () -> lastVersion(mlData, "changelog_ml") >= logged);
                assertThat(cluster.stopMetalogger()).isZero();
                writer.truncate(inode, cut, false);
                assertThat(writer.getattr(inode).size()).isEqualTo(cut);
            }
            cluster.killMaster();

            Path rebuilt = cluster.newDataFolder("rebuilt");
            long lastLogged = rebuildFrom(mlData, rebuilt);
            cluster.startReplacementMaster("mfsmaster-rebuilt", rebuilt, REBUILT_SETTINGS, "-a");
            assertThat(DumpReader.header(rebuilt.resolve("metadata.mfs")).version()).isEqualTo(lastLogged + 1);

            byte[] expected = Arrays.copyOf(Arrays.copyOf(content, cut), content.length);
            List<String> notes = new ArrayList<>();
            try (MfsClient reader = connect(cluster)) {
                Entry file = reader.lookup(MfsClient.ROOT, "f");
                assertThat(file.attr().size()).as("the length the metalogger knew").isEqualTo(content.length);
                new FileCheck(CHUNK_LOOP_PASS, notes).assertExact(reader, file, expected, "truncated file");
            }
            notes.forEach(System.out::println);
            assertThat(cluster.stop()).allSatisfy((name, code) -> assertThat(code).as(name + " exit code").isZero());
            MetaState state = MetaState.standalone(0);
            MetadataStartup.load(MetadataStartup.plan(rebuilt, false), state, rebuilt);
            assertThat(MetaCheck.problems(state)).isEmpty();
        }
    }

    // ---- the cluster --------------------------------------------------------------------------------------------

    private static MfsClient connect(LocalCluster cluster) throws IOException {
        return MfsClient.connect(MasterOptions.of("127.0.0.1").withPort(cluster.clientPort()), Credentials.ROOT);
    }

    /** Chunkservers report their space shortly after connecting; until then the master cannot place chunks. */
    private static void awaitWritable(MfsClient mfs) {
        Poll.until(Duration.ofMinutes(2), "a first file written", () -> {
            try (MfsFile probe = mfs.create(MfsClient.ROOT, "probe-" + System.nanoTime(), 0644)) {
                probe.write(0, new byte[]{1}, 0, 1);
                probe.fsync();
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static void requireRunning(MixedWorkload workload, Thread thread) {
        workload.failure().ifPresent(e -> {
            throw new AssertionError("the workload failed before the kill", e);
        });
        if (!thread.isAlive()) {
            throw new AssertionError("the workload ended before the kill: make the plan longer");
        }
    }

    // ---- metadata files -----------------------------------------------------------------------------------------

    /**
     * docs/metalogger.md, for our master: the metalogger's dump as {@code metadata.mfs.back}, its downloaded and
     * live change logs merged into one {@code changelog.0.mfs}, each version once in order. Answers the last version.
     */
    private static long rebuildFrom(Path mlData, Path rebuilt) throws IOException {
        Files.copy(mlData.resolve("metadata_ml.mfs.back"), rebuilt.resolve("metadata.mfs.back"));
        TreeMap<Long, String> all = changelog(mlData, "changelog_ml_back");
        all.putAll(changelog(mlData, "changelog_ml"));
        assertThat(all).as("the metalogger's change logs").isNotEmpty();
        assertThat(all.lastKey() - all.firstKey() + 1).as("no gap in the metalogger's change logs")
                .isEqualTo(all.size());
        Files.write(rebuilt.resolve("changelog.0.mfs"), all.values(), StandardCharsets.ISO_8859_1);
        return all.lastKey();
    }

    private static void assertConsistent(Path dump) throws IOException {
        MetaState state = MetaState.standalone(0);
        DumpReader.load(dump, state);
        assertThat(MetaCheck.problems(state)).as("consistency of " + dump).isEmpty();
    }

    private static long lastVersion(Path dir, String prefix) {
        TreeMap<Long, String> lines = changelog(dir, prefix);
        return lines.isEmpty() ? 0 : lines.lastKey();
    }

    /** The complete lines ({@code <version>: ...\n}) of {@code <prefix>.N.mfs} in {@code dir}, by version. */
    private static TreeMap<Long, String> changelog(Path dir, String prefix) {
        TreeMap<Long, String> lines = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches(prefix + "\\.\\d+\\.mfs")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                continue; // rotated away between listing and reading: the next poll sees it again
            }
            int end = text.lastIndexOf('\n');
            for (String line : text.substring(0, end + 1).split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).matches("\\d+")) {
                    lines.put(Long.parseLong(line.substring(0, colon)), line);
                }
            }
        }
        return lines;
    }

    // ---- reading files back -------------------------------------------------------------------------------------

    /** Reads files back, retrying failed reads until {@code readable} has passed. */
    private record FileCheck(Duration readable, List<String> notes) implements MixedWorkload.FileCheck {

        @Override
        public void assertExact(MfsClient mfs, Entry file, byte[] expected, String where) {
            assertThat(file.attr().size()).as(where + ": length of " + file.name()).isEqualTo(expected.length);
            byte[] read = read(mfs, file, where);
            assertThat(sha256(read)).as(where + ": checksum of " + file.name()).isEqualTo(sha256(expected));
        }

        @Override
        public void assertSyncedPrefix(MfsClient mfs, Entry file, byte[] content, int prefix, String where) {
            assertThat(file.attr().size()).as(where + ": length of " + file.name()).isGreaterThanOrEqualTo(prefix);
            byte[] read = read(mfs, file, where);
            assertThat(sha256(Arrays.copyOf(read, prefix))).as(where + ": checksum of the synced part")
                    .isEqualTo(sha256(Arrays.copyOf(content, prefix)));
            assertPlausibleContent(read, content, where + ": " + file.name());
        }

        /** Every file the step left: no longer than it may be, each byte its content's or zero. */
        void assertPlausible(MfsClient mfs, Entry folder, MixedWorkload.Step step) throws IOException {
            Map<String, byte[]> possible = step.possibleFiles();
            for (Entry file : filesUnder(mfs, folder)) {
                String where = "unfinished step " + step;
                assertThat(possible).as(where + ": a file it may leave").containsKey(file.name());
                byte[] content = possible.get(file.name());
                assertThat(file.attr().size()).as(where + ": length of " + file.name())
                        .isLessThanOrEqualTo(content.length);
                assertPlausibleContent(read(mfs, file, where), content, where + ": " + file.name());
            }
        }

        private static void assertPlausibleContent(byte[] read, byte[] content, String where) {
            for (int i = 0; i < read.length; i++) {
                if (read[i] != 0 && read[i] != content[i]) {
                    throw new AssertionError(where + ": byte " + i + " is " + read[i] + ", neither the written "
                            + content[i] + " nor zero");
                }
            }
        }

        private static List<Entry> filesUnder(MfsClient mfs, Entry dir) throws IOException {
            List<Entry> files = new ArrayList<>();
            for (Entry e : mfs.readdir(dir.inode())) {
                if (e.attr().type() == NodeType.DIRECTORY) {
                    files.addAll(filesUnder(mfs, e));
                } else if (e.attr().type() == NodeType.FILE) {
                    files.add(e);
                }
            }
            return files;
        }

        private byte[] read(MfsClient mfs, Entry file, String where) {
            AtomicReference<IOException> last = new AtomicReference<>();
            long start = System.nanoTime();
            try {
                byte[] data = Poll.untilPresent(readable, where + ": " + file.name() + " read back", () -> {
                    try (MfsFile f = mfs.open(file.inode(), false)) {
                        byte[] bytes = new byte[Math.toIntExact(file.attr().size())];
                        int n = f.readFully(0, bytes, 0, bytes.length);
                        assertThat(n).as(where + ": bytes read of " + file.name()).isEqualTo(bytes.length);
                        return Optional.of(bytes);
                    } catch (IOException e) {
                        last.set(e);
                        return Optional.empty();
                    }
                });
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (millis > 1000 || readable.compareTo(SETTLED_READABLE) > 0) {
                    notes.add(where + ": " + file.name() + " (" + data.length + " bytes) read in " + millis + " ms"
                            + (last.get() == null ? "" : " after " + last.get()));
                }
                return data;
            } catch (AssertionError e) {
                if (last.get() != null) {
                    e.addSuppressed(last.get());
                }
                throw e;
            }
        }

        private static String sha256(byte[] data) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
