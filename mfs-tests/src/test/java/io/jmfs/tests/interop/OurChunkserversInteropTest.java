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
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two of our chunkservers with the real MooseFS 3.0.117 master and the real mfsmount, in a network namespace:
 * the master is the real one at {@code .1}, our chunkservers listen on {@code .2} and {@code .3}.
 */
@InteropTest
class OurChunkserversInteropTest {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final long MIB = 1 << 20;
    /** File sizes that cross every boundary the data path has: empty, one byte, a block ± 1, a chunk ± 1, several chunks. */
    private static final Map<String, Long> FILES = new java.util.LinkedHashMap<>();

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

    private Path work;
    private final List<LoggedProcess> ours = new ArrayList<>();

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-ourcs-");
    }

    @AfterEach
    void cleanUp() {
        ours.forEach(LoggedProcess::stop);
        FileTrees.delete(work);
    }

    @Test
    void filesOfEverySizeRoundTripThroughTwoOfOurChunkserversWithTwoValidCopies(TestLogs logs) throws IOException {
        Path source = randomFile(work.resolve("source"), 200 * MIB + 1, 42);
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs moosefs = RealMooseFs.start(ns, logs, 0, false)) {
            startOurChunkservers(ns, moosefs, logs, Map.of());

            StringBuilder write = new StringBuilder("mfssetgoal 2 . >/dev/null || exit 3\n");
            FILES.forEach((name, size) -> write.append("head -c %d '%s' > %s || exit 4\n".formatted(size, source, name)));
            write.append("sync\n");
            Shell.Result written = moosefs.withRealMount(write.toString());
            assertThat(written.exitCode()).as(written.output()).isZero();

            // a second mount: nothing comes from the first client's cache
            StringBuilder check = new StringBuilder();
            FILES.forEach((name, size) -> check.append(
                    "cmp %s <(head -c %d '%s') && echo \"same %s\"\n".formatted(name, size, source, name)));
            FILES.keySet().forEach(name -> check.append("mfscheckfile %s\n".formatted(name)));
            FILES.keySet().forEach(name -> check.append("mfsfileinfo %s\n".formatted(name)));
            Shell.Result read = moosefs.withRealMount(check.toString());

            assertThat(read.exitCode()).as(read.output()).isZero();
            FILES.keySet().forEach(name -> assertThat(read.output()).contains("same " + name + "\n"));
            assertThat(read.output()).as("goal-2 copies as mfscheckfile reports them")
                    .doesNotContain("chunks with 1 copy").doesNotContain("chunks with 0 copies")
                    .contains("chunks with 2 copies:            4"); // f200m: 4 chunks
            assertThat(read.output()).as("every copy valid, on our servers").doesNotContain("INVALID")
                    .contains(ns.address(2) + ":9422 (status:VALID)").contains(ns.address(3) + ":9422 (status:VALID)");
        }
    }

    @Test
    void aFlippedByteInOneCopyIsReadFromTheOtherCopyAndTheBadCopyIsReportedAndReplaced(TestLogs logs)
            throws IOException {
        Path source = randomFile(work.resolve("source"), MIB, 7);
        // a short chunk loop so that the master replaces the bad copy within the test
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs moosefs = RealMooseFs.start(ns, logs, 0, false,
                        Map.of("CHUNKS_LOOP_MIN_TIME", 60, "REPLICATIONS_DELAY_INIT", 0))) {
            // CRC errors do not count against the disk (MooseFS 3.0.117 counts only EIO, EROFS and ENOENT); the
            // high tolerance only keeps this test about one chunk whatever the disk does
            List<Path> disks = startOurChunkservers(ns, moosefs, logs, Map.of("HDD_ERROR_TOLERANCE_COUNT", 100));
            Shell.Result written = moosefs.withRealMount(
                    "mfssetgoal 2 . >/dev/null && cp '%s' file && sync && mfsfileinfo file".formatted(source));
            assertThat(written.exitCode()).as(written.output()).isZero();
            long chunkId = chunkId(written.output());
            Path badCopy = chunkFile(disks.getFirst(), chunkId);
            flipByte(badCopy, 8192 + 100); // block 0, after the 4 KiB header and the 4 KiB CRC table

            // the client spreads reads over both copies: read until it has met the bad one
            Poll.until(Duration.ofSeconds(90), "a client read that met the bad copy", () -> {
                Shell.Result read = moosefs.withRealMount("cmp file '%s' && echo same".formatted(source));
                assertThat(read.output()).as("every read returns the right bytes").contains("same");
                return logOf(ours.getFirst()).contains("CRC error in block 0");
            });
            Poll.until(READY, "the bad copy reported to the master", () ->
                    moosefs.withRealMount("mfsfileinfo file").output()
                            .contains(ns.address(2) + ":9422 (status:INVALID)"));
            Poll.until(Duration.ofSeconds(240), "the bad copy replaced by a good one", () -> {
                String info = moosefs.withRealMount("mfsfileinfo file").output();
                return !info.contains("INVALID") && info.contains(ns.address(2) + ":9422 (status:VALID)")
                        && info.contains(ns.address(3) + ":9422 (status:VALID)");
            });
            assertThat(logOf(ours.getFirst())).as("the new copy came from our replication")
                    .contains("replicating chunk " + Long.toHexString(chunkId) + " ");
            Shell.Result reread = moosefs.withRealMount("cmp file '%s' && echo same".formatted(source));
            assertThat(reread.output()).contains("same");
            assertThat(chunkFiles(disks.getFirst(), chunkId)).as("the new copy on the first server")
                    .singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isNotEmpty());
        }
    }

    /** Starts our chunkservers at {@code .2} and {@code .3} and waits until the real master lists both with space. */
    private List<Path> startOurChunkservers(NetworkNamespace ns, RealMooseFs moosefs, TestLogs logs,
                                            Map<String, Object> extraSettings) {
        List<Path> disks = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            String name = "our-mfschunkserver" + i;
            Path data = dir(work.resolve("cs" + i));
            Path disk = dir(data.resolve("hdd"));
            Path hdd = MooseFsConfig.writeFile(logs.dir().resolve(name + "-mfshdd.cfg"), disk + "\n");
            MooseFsConfig settings = new MooseFsConfig()
                    .set("WORKING_USER", "root")
                    .set("DATA_PATH", data)
                    .set("HDD_CONF_FILENAME", hdd)
                    .set("MASTER_HOST", moosefs.masterAddress())
                    .set("BIND_HOST", ns.address(i + 1))
                    .set("CSSERV_LISTEN_HOST", ns.address(i + 1))
                    .set("HDD_TEST_FREQ", 0);
            extraSettings.forEach(settings::set);
            Path config = settings.writeTo(logs.dir().resolve(name + ".cfg"));
            String java = ProcessHandle.current().info().command().orElse("java");
            ours.add(ns.launch(name, List.of(java, "-cp", System.getProperty("java.class.path"),
                    "io.jmfs.chunkserver.ChunkserverMain", "-f", "-c", config.toString()), logs.file(name)));
            disks.add(disk);
        }
        Poll.until(READY, "our two chunkservers registered with the real master", () -> {
            ours.forEach(LoggedProcess::requireAlive);
            List<RealMooseFs.RegisteredChunkserver> registered = moosefs.chunkservers();
            return registered.size() == 2 && registered.stream().allMatch(cs -> cs.totalSpace() > 0);
        });
        return disks;
    }

    private static long chunkId(String fileinfo) {
        Matcher m = Pattern.compile("\\(id:(\\d+) ver:\\d+\\)").matcher(fileinfo);
        assertThat(m.find()).as(fileinfo).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static List<Path> chunkFiles(Path disk, long chunkId) throws IOException {
        String prefix = String.format("chunk_%016X_", chunkId);
        try (Stream<Path> files = Files.walk(disk)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static Path chunkFile(Path disk, long chunkId) throws IOException {
        List<Path> files = chunkFiles(disk, chunkId);
        assertThat(files).as("chunk %d on %s", chunkId, disk).hasSize(1);
        return files.getFirst();
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 0xFF);
        }
    }

    private static String logOf(LoggedProcess process) {
        try {
            return Files.readString(process.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
