package io.jmfs.tests.interop;

import static io.jmfs.tests.harness.FileTrees.randomFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.meta.ChangelogParser;
import io.jmfs.master.meta.LoggedChange;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshots on our master with the real MooseFS 3.0.117 tools: {@code mfsmakesnapshot} of a two-chunk file and of
 * a small tree through the real mfsmount, two real chunkservers holding the data. The snapshot shares the
 * original's chunks ({@code mfsfileinfo} shows the same chunk ids) until the original is overwritten or truncated;
 * then the writer gets a duplicate (copy-on-write, duplicate-and-truncate) and the snapshot keeps the old bytes,
 * read back through a second mount. The tools' answers to refused snapshots and to {@code mfsrmsnapshot} are
 * compared with the real master's, line by line, and so are the SNAPSHOT lines both masters write to their changelogs
 * (which our parser reads and writes back unchanged).
 */
@InteropTest
class SnapshotInteropTest {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final long MIB = 1 << 20;
    /** Two chunks: 64 MiB and 6 MiB. */
    private static final long BIG = 70 * MIB;
    private static final long SMALL = 100_000;

    /** Snapshot refusals and removals, with the mount point replaced by MNT; no data, so no chunkservers needed. */
    private static final String TOOL_ANSWERS = """
            {
            touch a && mkdir -p d/e && touch d/x || exit 3
            mfsmakesnapshot a b; echo "copy: $?"
            mfsmakesnapshot a b; echo "again without -o: $?"
            mfsmakesnapshot -o a b; echo "again with -o: $?"
            mfsmakesnapshot d d/e/inner; echo "into itself: $?"
            mfsmakesnapshot a d; echo "into a directory: $?"; ls d
            mfsmakesnapshot d d2; echo "tree: $?"; ls -R d2
            mfsmakesnapshot d/ d2; echo "tree contents again: $?"
            mfsgeteattr b d2/x
            mfsrmsnapshot a; echo "remove a plain file: $?"
            touch d2/plain
            mfsrmsnapshot d2; echo "remove a tree holding a plain file: $?"
            mfsrmsnapshot -f d2; echo "forced: $?"; ls -R d2
            mfsrmsnapshot b; echo "remove a snapshot: $?"
            ls
            } 2>&1 | sed "s#$PWD#MNT#g"
            """;

    private Path work;
    private Path source;
    private final List<LoggedProcess> chunkservers = new ArrayList<>();

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-snapshot-");
        source = randomFile(work.resolve("source"), BIG, 77);
    }

    @AfterEach
    void cleanUp() {
        chunkservers.forEach(LoggedProcess::stop);
        FileTrees.delete(work);
    }

    @Test
    void aSnapshotSharesChunksUntilTheOriginalIsWrittenOrTruncatedAndKeepsTheOldBytes(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS)) {
            startRealChunkserver(ns, master, logs, 2);
            startRealChunkserver(ns, master, logs, 3);
            Poll.until(READY, "2 chunkservers with known space at our master", () -> {
                master.process().requireAlive();
                chunkservers.forEach(LoggedProcess::requireAlive);
                return count(master.log(), "chunkserver [0-9.:]+ \\(csid \\d+\\) has space") >= 2;
            });

            Shell.Result made = master.withRealMount("", """
                    head -c %1$d '%3$s' > big || exit 4
                    mkdir -p tree/sub && head -c %2$d '%3$s' > tree/sub/b && head -c 5000 '%3$s' > tree/a || exit 4
                    ln -s sub/b tree/link || exit 4
                    sync
                    mfsmakesnapshot big big.snap || exit 5
                    mfsmakesnapshot tree tree.snap || exit 6
                    echo "== before"
                    mfsfileinfo big big.snap tree/sub/b tree.snap/sub/b
                    dd if=/dev/zero of=big bs=1M seek=10 count=1 conv=notrunc status=none || exit 7
                    truncate -s 1000 tree/sub/b || exit 8
                    sync
                    echo "== after"
                    mfsfileinfo big big.snap tree/sub/b tree.snap/sub/b
                    echo "== existing target"
                    mfsmakesnapshot big big.snap; echo "exit $?"
                    """.formatted(BIG, SMALL, source));
            assertThat(made.exitCode()).as(made.output() + master.log()).isZero();

            String output = made.output();
            String before = between(output, "== before", "== after");
            String after = between(output, "== after", "== existing target");
            Map<String, List<Long>> idsBefore = chunkIds(before);
            Map<String, List<Long>> idsAfter = chunkIds(after);
            assertThat(idsBefore.get("big")).as(before).hasSize(2).isEqualTo(idsBefore.get("big.snap"));
            assertThat(idsBefore.get("tree/sub/b")).as(before).hasSize(1).isEqualTo(idsBefore.get("tree.snap/sub/b"));
            assertThat(idsAfter.get("big.snap")).as("the snapshot stays on its chunks").isEqualTo(idsBefore.get("big"));
            assertThat(idsAfter.get("big").get(0)).as("the written chunk was duplicated first")
                    .isNotEqualTo(idsBefore.get("big").get(0));
            assertThat(idsAfter.get("big").get(1)).as("the chunk not written is still shared")
                    .isEqualTo(idsBefore.get("big").get(1));
            assertThat(idsAfter.get("tree.snap/sub/b")).isEqualTo(idsBefore.get("tree/sub/b"));
            assertThat(idsAfter.get("tree/sub/b").get(0)).as("the truncated chunk was duplicated and cut")
                    .isNotEqualTo(idsBefore.get("tree/sub/b").get(0));
            assertThat(output.substring(output.indexOf("== existing target")))
                    .as("refused as the real tools report it").containsPattern("big->/\\S+/big\\.snap: File exists\n")
                    .contains("exit 255"); // mfstools exit with -1 on an error

            Shell.Result read = master.withRealMount("", """
                    same() { [ "$(sha256sum < "$1")" = "$(sha256sum)" ] && echo "same $1" || ls -l "$1"; }
                    head -c %1$d '%3$s' | same big.snap
                    { head -c %4$d '%3$s'; head -c %5$d /dev/zero; tail -c +%6$d '%3$s'; } | same big
                    head -c %2$d '%3$s' | same tree.snap/sub/b
                    head -c 1000 '%3$s' | same tree/sub/b
                    head -c 5000 '%3$s' | same tree.snap/a
                    echo "link: $(readlink tree.snap/link)"
                    ls -A tree.snap tree.snap/sub | tr '\\n' ' '; echo
                    """.formatted(BIG, SMALL, source, 10 * MIB, MIB, 11 * MIB + 1));
            assertThat(read.output()).as(read.output() + master.log())
                    .contains("same big.snap\n", "same big\n", "same tree.snap/sub/b\n", "same tree/sub/b\n",
                            "same tree.snap/a\n", "link: sub/b\n", "tree.snap: a link sub  tree.snap/sub: b");
        }
    }

    @Test
    void theToolsAnswerRefusalsAndRemovalsAsWithTheRealMasterAndBothLogTheSameSnapshotLines(TestLogs logs) {
        String real;
        List<String> realLines;
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 0, false)) {
            real = cluster.withRealMount(TOOL_ANSWERS).output();
            cluster.stop();
            realLines = snapshotLines(cluster.masterDataPath());
        }
        String ours;
        List<String> ourLines;
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS)) {
            ours = master.withRealMount("", TOOL_ANSWERS).output();
            master.process().stop();
            ourLines = snapshotLines(master.dataPath());
        }
        assertThat(real).as("the scenario ran on the real master").contains("copy: 0", "remove a snapshot: 0");
        assertThat(ours).isEqualTo(real);

        assertThat(realLines).as("the real master's SNAPSHOT lines").hasSizeGreaterThanOrEqualTo(6);
        for (String line : realLines) {
            ChangelogParser.Line parsed = ChangelogParser.parse(line);
            assertThat(parsed.change()).isInstanceOf(LoggedChange.Fs.class);
            assertThat(parsed.version() + ": " + ((LoggedChange.Fs) parsed.change()).change())
                    .as("parsed and written back").isEqualTo(line);
        }
        assertThat(withoutVersionAndTime(ourLines)).as("the same operations, arguments and results")
                .isEqualTo(withoutVersionAndTime(realLines));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void startRealChunkserver(NetworkNamespace ns, OurMaster master, TestLogs logs, int host) {
        String name = "real-mfschunkserver" + host;
        Path data = dir(work.resolve("cs" + host));
        Path disk = dir(data.resolve("hdd"));
        Path hdd = MooseFsConfig.writeFile(logs.dir().resolve(name + "-mfshdd.cfg"), disk + "\n");
        Path config = new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", data)
                .set("HDD_CONF_FILENAME", hdd)
                .set("MASTER_HOST", master.address())
                .set("BIND_HOST", ns.address(host))
                .set("CSSERV_LISTEN_HOST", ns.address(host))
                .set("HDD_TEST_FREQ", 0)
                .writeTo(logs.dir().resolve(name + ".cfg"));
        chunkservers.add(ns.launch(name, List.of("mfschunkserver", "-f", "-c", config.toString()), logs.file(name)));
    }

    /** The SNAPSHOT lines of every changelog file in {@code dataPath}, oldest file first. */
    private static List<String> snapshotLines(Path dataPath) {
        try (var files = Files.list(dataPath)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().matches("changelog\\.\\d+\\.mfs"))
                    .sorted(Comparator.comparing((Path p) -> Integer.parseInt(
                            p.getFileName().toString().replaceAll("\\D", ""))).reversed())
                    .toList();
            List<String> lines = new ArrayList<>();
            for (Path log : logs) {
                Files.readAllLines(log).stream().filter(l -> l.contains("|SNAPSHOT(")).forEach(lines::add);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> withoutVersionAndTime(List<String> lines) {
        return lines.stream().map(l -> l.substring(l.indexOf('|') + 1)).toList();
    }

    /** Chunk ids per file in mfsfileinfo output ({@code NAME:} then {@code chunk N: ... (id:ID ver:V)} lines). */
    private static Map<String, List<Long>> chunkIds(String fileinfo) {
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        List<Long> current = null;
        Pattern chunk = Pattern.compile("^\\s+chunk \\d+: [0-9A-F]+_[0-9A-F]+ / \\(id:(\\d+) ver:\\d+\\)");
        for (String line : fileinfo.lines().toList()) {
            Matcher m = chunk.matcher(line);
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.endsWith(":")) {
                current = new ArrayList<>();
                ids.put(line.substring(0, line.length() - 1), current);
            } else if (m.find() && current != null) {
                current.add(Long.parseLong(m.group(1)));
            }
        }
        return ids;
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to);
        assertThat(start).as(text).isNotNegative();
        assertThat(end).as(text).isGreaterThan(start);
        return text.substring(start + from.length(), end);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }


    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
