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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our master's data path with the real mfsmount: our master at {@code .1} of a network namespace, chunkservers
 * (the real MooseFS 3.0.117 ones, ours, or both) at {@code .2} and up. Files are written through one mount and
 * read back through another, so nothing comes from the first client's cache; copies are checked with the real
 * {@code mfscheckfile} and {@code mfsfileinfo}, which ask our master through the mount.
 */
@InteropTest
class OurMasterDataPathInteropTest {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final long MIB = 1 << 20;
    /** Sizes that cross every boundary of the data path: empty, one byte, a block ± 1, a chunk ± 1, several chunks. */
    private static final Map<String, Long> FILES = new LinkedHashMap<>();

    static {
        FILES.put("f0", 0L);
        FILES.put("f1", 1L);
        FILES.put("f64k-1", 65535L);
        FILES.put("f64k", 65536L);
        FILES.put("f64k+1", 65537L);
        FILES.put("f64m-1", 64 * MIB - 1);
        FILES.put("f64m", 64 * MIB);
        FILES.put("f64m+1", 64 * MIB + 1);
        FILES.put("f200m", 200 * MIB);
    }

    private enum Kind { REAL, OURS }

    private Path work;
    private Path source;
    private final Map<Integer, LoggedProcess> chunkservers = new TreeMap<>();
    private final Map<Integer, Kind> kinds = new TreeMap<>();

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-ourmaster-data-");
        source = randomFile(work.resolve("source"), 200 * MIB + 1, 4242);
    }

    @AfterEach
    void cleanUp() {
        chunkservers.values().forEach(LoggedProcess::stop);
        FileTrees.delete(work);
    }

    @Test
    void filesOfEverySizeRoundTripThroughOurMasterAndTwoRealChunkserversWithTwoValidCopies(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS)) {
            startChunkserver(ns, master, logs, 2, Kind.REAL);
            startChunkserver(ns, master, logs, 3, Kind.REAL);
            awaitChunkserversWithSpace(master, 2);

            writeAll(master);
            String report = readBackAndCheck(master);
            assertTwoValidCopiesOn(report, ns.address(2), ns.address(3));
        }
    }

    @Test
    void aTruncateInsideAChunkCutsItOnTheChunkserversAndDropsTheChunksAfterIt(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS)) {
            startChunkserver(ns, master, logs, 2, Kind.REAL);
            startChunkserver(ns, master, logs, 3, Kind.REAL);
            awaitChunkserversWithSpace(master, 2);

            Shell.Result cut = master.withRealMount("", """
                    head -c %1$d '%2$s' > t || exit 4
                    truncate -s 70000 t || exit 5
                    head -c %1$d '%2$s' > t-regrown && truncate -s 70000 t-regrown && truncate -s 200000 t-regrown \
                        || exit 8
                    truncate -s 200000 grown && head -c 100 '%2$s' | dd of=grown conv=notrunc status=none || exit 6
                    truncate -s 100 grown || exit 7
                    sync
                    """.formatted(64 * MIB + 100, source));
            assertThat(cut.exitCode()).as(cut.output() + master.log()).isZero();

            Shell.Result read = master.withRealMount("", """
                    [ "$(sha256sum < t)" = "$(head -c 70000 '%1$s' | sha256sum)" ] && echo "same t"
                    [ "$(sha256sum < grown)" = "$(head -c 100 '%1$s' | sha256sum)" ] && echo "same grown"
                    [ "$(sha256sum < t-regrown)" = "$({ head -c 70000 '%1$s'; head -c 130000 /dev/zero; } | sha256sum)" ] \
                        && echo "same t-regrown"
                    stat -c '%%s' t grown t-regrown
                    mfsfileinfo t
                    """.formatted(source));
            assertThat(read.output()).contains("same t\n", "same grown\n", "same t-regrown\n", "70000\n100\n200000\n");
            assertThat(read.output()).as("the second chunk left the file").contains("chunk 0:")
                    .doesNotContain("chunk 1:");
        }
    }

    @Test
    void filesOfEverySizeRoundTripThroughOurMasterAndTwoOfOurChunkservers(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS)) {
            startChunkserver(ns, master, logs, 2, Kind.OURS);
            startChunkserver(ns, master, logs, 3, Kind.OURS);
            awaitChunkserversWithSpace(master, 2);

            writeAll(master);
            String report = readBackAndCheck(master);
            assertTwoValidCopiesOn(report, ns.address(2), ns.address(3));
        }
    }

    @Test
    void aMixedPairOfChunkserversHoldsValidCopiesAndEitherServesReadsAlone(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS)) {
            startChunkserver(ns, master, logs, 2, Kind.REAL);
            startChunkserver(ns, master, logs, 3, Kind.OURS);
            awaitChunkserversWithSpace(master, 2);

            writeAll(master);
            assertTwoValidCopiesOn(readBackAndCheck(master), ns.address(2), ns.address(3));

            for (int alone : List.of(2, 3)) {
                int stopped = alone == 2 ? 3 : 2;
                chunkservers.remove(stopped).stop();
                Poll.until(READY, "our master noticed that chunkserver ." + stopped + " left",
                        () -> count(master.log(), "chunkserver " + Pattern.quote(ns.address(stopped))
                                + ":9422 \\(csid \\d+\\) disconnected") >= 1);
                assertThat(readBack(master)).as("reads served by ." + alone + " alone")
                        .contains(sameLines());
                startChunkserver(ns, master, logs, stopped, kinds.get(stopped));
                awaitChunkserversWithSpace(master, 2 + (alone == 2 ? 1 : 2));
                Poll.until(READY, "both copies of every chunk listed again", () ->
                        hasTwoValidCopiesOn(check(master), ns.address(2), ns.address(3)));
            }
        }
    }

    @Test
    void aLostChunkserverIsReplacedByReplicationAndItsCopiesAreDeletedWhenItReturns(TestLogs logs) {
        Map<String, Object> fastLoop = Map.of("REPLICATIONS_DELAY_INIT", 0, "CHUNKS_LOOP_MIN_TIME", 60);
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS, fastLoop)) {
            for (int host = 2; host <= 4; host++) {
                startChunkserver(ns, master, logs, host, Kind.REAL);
            }
            awaitChunkserversWithSpace(master, 3);
            writeAll(master);
            assertThat(readBackAndCheck(master)).contains("chunks with 2 copies:            4");

            LoggedProcess victim = chunkservers.remove(2);
            Shell.run(Duration.ofSeconds(10), "kill", "-9", Long.toString(victim.pid())).orThrow();
            victim.stop();
            Poll.until(Duration.ofSeconds(240), "every chunk back at two valid copies without ." + 2, () -> {
                String report = check(master);
                return !report.contains(ns.address(2) + ":9422") && everyChunkHasTwoValidCopies(report);
            });
            assertThat(readBack(master)).contains(sameLines());

            int stale = chunkFiles(2);
            assertThat(stale).as("copies left on the lost server's disk").isPositive();
            assertThat(chunkFiles(2) + chunkFiles(3) + chunkFiles(4)).isEqualTo(2 * 12 + stale);

            startChunkserver(ns, master, logs, 2, Kind.REAL);
            awaitChunkserversWithSpace(master, 4);
            Poll.until(Duration.ofSeconds(240), "overgoal copies deleted after ." + 2 + " returned",
                    () -> chunkFiles(2) + chunkFiles(3) + chunkFiles(4) == 2 * 12
                            && everyChunkHasTwoValidCopies(check(master)));
            assertThat(readBack(master)).contains(sameLines());
        }
    }

    // ---- cluster ----------------------------------------------------------------------------------------------

    private void startChunkserver(NetworkNamespace ns, OurMaster master, TestLogs logs, int host, Kind kind) {
        String name = (kind == Kind.REAL ? "real" : "our") + "-mfschunkserver" + host + "-" + chunkservers.size()
                + "-" + System.nanoTime() % 1000;
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
        List<String> command = kind == Kind.REAL
                ? List.of("mfschunkserver", "-f", "-c", config.toString())
                : List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                        System.getProperty("java.class.path"), "io.jmfs.chunkserver.ChunkserverMain", "-f", "-c",
                        config.toString());
        chunkservers.put(host, ns.launch(name, command, logs.file(name)));
        kinds.put(host, kind);
    }

    /** Waits until our master has logged {@code count} "has space" lines (each registration with scanned disks). */
    private void awaitChunkserversWithSpace(OurMaster master, int count) {
        Poll.until(READY, count + " chunkserver registrations with known space at our master", () -> {
            master.process().requireAlive();
            chunkservers.values().forEach(LoggedProcess::requireAlive);
            String log = master.log();
            return count(log, "chunkserver [0-9.:]+ \\(csid \\d+\\) has space") >= count;
        });
    }

    // ---- files ------------------------------------------------------------------------------------------------

    private void writeAll(OurMaster master) {
        StringBuilder write = new StringBuilder();
        FILES.forEach((name, size) -> write.append("head -c %d '%s' > %s || exit 4\n".formatted(size, source, name)));
        write.append("sync\n");
        Shell.Result written = master.withRealMount("", write.toString());
        assertThat(written.exitCode()).as(written.output() + master.log()).isZero();
    }

    /** Reads every file through a new mount; each identical file prints {@code same NAME}. */
    private String readBack(OurMaster master) {
        StringBuilder check = new StringBuilder();
        FILES.forEach((name, size) -> check.append(
                ("[ \"$(sha256sum < %1$s)\" = \"$(head -c %2$d '%3$s' | sha256sum)\" ] && echo \"same %1$s\""
                        + " || { ls -l %1$s; cmp %1$s <(head -c %2$d '%3$s') 2>&1 | head -3; }\n")
                        .formatted(name, size, source)));
        Shell.Result read = master.withRealMount("", check.toString());
        return read.output();
    }

    private static String[] sameLines() {
        return FILES.keySet().stream().map(name -> "same " + name + "\n").toArray(String[]::new);
    }

    private String check(OurMaster master) {
        StringBuilder check = new StringBuilder();
        FILES.keySet().forEach(name -> check.append("echo \"== %s\"; mfscheckfile %s; mfsfileinfo %s\n"
                .formatted(name, name, name)));
        return master.withRealMount("", check.toString()).output();
    }

    private String readBackAndCheck(OurMaster master) {
        String read = readBack(master);
        assertThat(read).as(read).contains(sameLines());
        return check(master);
    }

    private static void assertTwoValidCopiesOn(String report, String first, String second) {
        assertThat(report).as("goal-2 copies as mfscheckfile reports them")
                .doesNotContain("chunks with 1 copy").doesNotContain("chunks with 0 copies")
                .contains("chunks with 2 copies:            4"); // f200m: 4 chunks
        assertThat(hasTwoValidCopiesOn(report, first, second)).as(report).isTrue();
    }

    private static boolean hasTwoValidCopiesOn(String report, String first, String second) {
        return everyChunkHasTwoValidCopies(report) && report.contains(first + ":9422 (status:VALID)")
                && report.contains(second + ":9422 (status:VALID)");
    }

    /** Every chunk mfsfileinfo lists has exactly two copies, both valid (holes and empty files list none). */
    private static boolean everyChunkHasTwoValidCopies(String report) {
        if (report.contains("INVALID") || report.contains("WRONG") || report.contains("no valid copies")) {
            return false;
        }
        Matcher chunk = Pattern.compile("chunk \\d+: [0-9A-F]+_[0-9A-F]+ / \\(id:\\d+ ver:\\d+\\)\\n"
                + "((?:\\t\\tcopy \\d+: .*\\n)*)").matcher(report);
        int chunks = 0;
        while (chunk.find()) {
            chunks++;
            long valid = chunk.group(1).lines().filter(l -> l.contains("(status:VALID)")).count();
            if (valid != 2 || chunk.group(1).lines().count() != 2) {
                return false;
            }
        }
        return chunks == 12; // one each for f1 .. f64m, two for f64m+1, four for f200m
    }

    /** Chunk files on the disk of the chunkserver at {@code host}. */
    private int chunkFiles(int host) {
        try (var files = Files.walk(work.resolve("cs" + host).resolve("hdd"))) {
            return (int) files.filter(p -> p.getFileName().toString().matches("chunk_[0-9A-F]+_[0-9A-F]+\\.mfs"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
