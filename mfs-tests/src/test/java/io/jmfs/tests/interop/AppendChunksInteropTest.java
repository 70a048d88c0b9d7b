package io.jmfs.tests.interop;

import static io.jmfs.tests.harness.FileTrees.randomFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.meta.ChangelogParser;
import io.jmfs.master.meta.LoggedChange;
import io.jmfs.tests.cluster.JmfsHome;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mfsappendchunks on our master and on the real 3.0.117 master, two real chunkservers each: the real tool through
 * the real mfsmount, then our {@code bin/mfs appendchunks -H}; on our master also the real tool through our mount. Both masters must give the same answers, lengths and
 * contents (compared by checksum, read through a fresh mount), and the same chunk sharing as {@code mfsfileinfo}
 * shows it (chunk ids differ between masters, so each id is named by where it first appears); and both log the
 * same APPEND changelog lines, which our parser reads and writes back unchanged.
 */
@InteropTest
class AppendChunksInteropTest {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration TOOL = Duration.ofMinutes(2);
    private static final long MIB = 1 << 20;
    /** Two chunks: 64 MiB and 1 MiB. */
    private static final long TWO_CHUNKS = 65 * MIB;
    private static final long SMALL = 100_000;

    /** The real tool through the real mount; the mount point is replaced by MNT. */
    private static final String REAL_TOOL = """
            head -c %1$d '%3$s' > a && tail -c %2$d '%3$s' > b && mkdir dir && mkdir t || exit 4
            sync
            {
            mfsappendchunks c a b; echo "append: $?"
            mfsappendchunks -s 1:2 d a; echo "slice: $?"
            mfsappendchunks -s -1: e a b; echo "negative slice: $?"
            mfsappendchunks c c; echo "itself: $?"
            mfsappendchunks c dir; echo "directory source: $?"
            mfsappendchunks c missing; echo "missing source: $?"
            mfsappendchunks dir a; echo "directory target: $?"
            } 2>&1 | sed "s#$PWD#MNT#g"
            """;

    /** Read back through a fresh mount (no attributes cached from before the appends). */
    private static final String READ_BACK = """
            for f in a b c d e t/c t/e; do echo "$f $(stat -c %%s $f) $(sha256sum < $f | cut -c1-64)"; done
            { cat a; head -c $((128 * 1048576 - %1$d)) /dev/zero; cat b; } | sha256sum | cut -c1-64 | sed 's/^/expected c /'
            echo "== fileinfo"
            mfsfileinfo a b c d e t/c t/e
            """.formatted(TWO_CHUNKS);

    private Path work;
    private Path source;
    private final List<LoggedProcess> chunkservers = new ArrayList<>();

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-append-");
        source = randomFile(work.resolve("source"), TWO_CHUNKS + SMALL, 31);
    }

    @AfterEach
    void cleanUp() {
        chunkservers.forEach(LoggedProcess::stop);
        FileTrees.delete(work);
    }

    /** What one master gave: the tools' answers, then lengths, checksums and chunk sharing as read back. */
    private record Outcome(String realTool, String ourTool, String readBack, Map<String, List<String>> sharing) {
    }

    @Test
    void theRealToolAndOursAppendTheSameChunksWithTheSameResultsOnBothMasters(TestLogs logs) {
        Outcome real;
        List<String> realLines;
        List<String> ourLines;
        String viaOurMount;
        String viaOurMountReadBack;
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 2, false)) {
            real = scenario(ns, cluster.masterAddress(), cluster::withRealMount, "");
            cluster.stop();
            realLines = appendLines(cluster.masterDataPath());
        }
        Outcome ours;
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS)) {
            startRealChunkserver(ns, master, logs, 2);
            startRealChunkserver(ns, master, logs, 3);
            Poll.until(READY, "2 chunkservers with known space at our master", () -> {
                master.process().requireAlive();
                chunkservers.forEach(LoggedProcess::requireAlive);
                return Pattern.compile("chunkserver [0-9.:]+ \\(csid \\d+\\) has space").matcher(master.log())
                        .results().count() >= 2;
            });
            ours = scenario(ns, master.address(), script -> master.withRealMount("", script), master.log());
            String ourMount = JmfsHome.launcher("mfsmount") + " \"$MNT\" -H " + master.address();
            Shell.Result tool = master.withMount(ourMount, "mkdir m && cd m || exit 4\n"
                    + REAL_TOOL.formatted(TWO_CHUNKS, SMALL, source));
            assertThat(tool.exitCode()).as(tool.output()).isZero();
            viaOurMount = tool.output();
            Shell.Result read = master.withMount(ourMount, "cd m && " + READ_BACK.lines()
                    .filter(l -> l.startsWith("for f")).findFirst().orElseThrow().replace(" t/c t/e", ""));
            viaOurMountReadBack = read.output();
            master.process().stop();
            ourLines = appendLines(master.dataPath());
        }

        assertThat(real.realTool()).as("the scenario ran on the real master")
                .contains("append: 0", "slice: 0", "negative slice: 0");
        assertThat(ours.realTool()).isEqualTo(real.realTool());
        assertThat(ours.ourTool()).isEqualTo(real.ourTool());
        assertThat(ours.readBack()).isEqualTo(real.readBack());
        assertThat(ours.sharing()).isEqualTo(real.sharing());

        assertThat(viaOurMount).as("the real tool through our mount (its tool proxy)").isEqualTo(real.realTool());
        assertThat(viaOurMountReadBack).isEqualTo(real.readBack().lines().filter(l -> l.matches("[a-e] .*"))
                .reduce("", (x, y) -> x + y + "\n"));

        assertThat(realLines).as("the real master's APPEND lines: 5 by its tool, 4 by ours").hasSize(9);
        assertThat(ourLines).as("ours, and 5 more through our mount").hasSize(14);
        ourLines = ourLines.subList(0, 9);
        for (String line : realLines) {
            ChangelogParser.Line parsed = ChangelogParser.parse(line);
            assertThat(parsed.version() + ": " + ((LoggedChange.Fs) parsed.change()).change())
                    .as("parsed and written back").isEqualTo(line);
        }
        assertThat(withoutVersionAndTime(ourLines)).as("the same APPEND lines")
                .isEqualTo(withoutVersionAndTime(realLines));

        String expectedC = real.readBack().lines().filter(l -> l.startsWith("expected c ")).findFirst().orElseThrow()
                .substring("expected c ".length());
        assertThat(real.readBack()).as("length rounded up to a chunk, then the second file")
                .contains("c " + (128 * MIB + SMALL) + " " + expectedC + "\n", "d " + MIB + " ",
                        "e " + (64 * MIB + SMALL) + " ", "t/c " + (128 * MIB + SMALL) + " " + expectedC + "\n");
        Map<String, List<String>> s = real.sharing();
        assertThat(s.get("c")).as(s.toString()).containsExactly("#1", "#2", "#3");
        assertThat(s.get("d")).containsExactly("#2");
        assertThat(s.get("e")).containsExactly("#2", "#3");
        assertThat(s.get("t/c")).containsExactly("#1", "#2", "#3");
    }

    private Outcome scenario(NetworkNamespace ns, String master, Function<String, Shell.Result> withMount,
                             String masterLog) {
        Shell.Result tool = withMount.apply(REAL_TOOL.formatted(TWO_CHUNKS, SMALL, source));
        assertThat(tool.exitCode()).as(tool.output() + masterLog).isZero();
        StringBuilder ourTool = new StringBuilder();
        for (List<String> args : List.of(List.of("/t/c", "/a", "/b"), List.of("-s", "-1:", "/t/e", "/a", "/b"),
                List.of("/t/c", "/t/c"), List.of("/t/c", "/dir"), List.of("/t/c", "/missing"))) {
            List<String> cmd = new ArrayList<>(List.of(JmfsHome.launcher("mfs").toString(), "appendchunks", "-H",
                    master));
            cmd.addAll(args);
            Shell.Result r = ns.run(TOOL, cmd);
            ourTool.append(String.join(" ", args)).append(" -> ").append(r.exitCode()).append('\n')
                    .append(r.output().lines().filter(l -> !l.contains("WARN")).reduce("", (x, y) -> x + y + "\n"));
        }
        Shell.Result read = withMount.apply(READ_BACK);
        assertThat(read.exitCode()).as(read.output()).isZero();
        String out = read.output();
        int info = out.indexOf("== fileinfo");
        return new Outcome(tool.output(), ourTool.toString(), out.substring(0, info), sharing(out.substring(info)));
    }

    /** The APPEND lines of every changelog file in {@code dataPath}, oldest file first. */
    private static List<String> appendLines(Path dataPath) {
        try (var files = Files.list(dataPath)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().matches("changelog\\.\\d+\\.mfs"))
                    .sorted(Comparator.comparing((Path p) -> Integer.parseInt(
                            p.getFileName().toString().replaceAll("\\D", ""))).reversed())
                    .toList();
            List<String> lines = new ArrayList<>();
            for (Path log : logs) {
                Files.readAllLines(log).stream().filter(l -> l.contains("|APPEND(")).forEach(lines::add);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> withoutVersionAndTime(List<String> lines) {
        return lines.stream().map(l -> l.substring(l.indexOf('|') + 1)).toList();
    }

    /** Chunk ids per file from mfsfileinfo output, each id renamed #n by the order it first appears. */
    private static Map<String, List<String>> sharing(String fileinfo) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        Map<Long, String> names = new HashMap<>();
        List<String> current = null;
        Pattern chunk = Pattern.compile("^\\s+chunk \\d+: [0-9A-F]+_[0-9A-F]+ / \\(id:(\\d+) ver:\\d+\\)");
        for (String line : fileinfo.lines().toList()) {
            Matcher m = chunk.matcher(line);
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.endsWith(":")) {
                current = new ArrayList<>();
                files.put(line.substring(0, line.length() - 1), current);
            } else if (m.find() && current != null) {
                long id = Long.parseLong(m.group(1));
                current.add(names.computeIfAbsent(id, k -> "#" + (names.size() + 1)));
            }
        }
        return files;
    }

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

    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
