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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chunk folder moves between the real MooseFS 3.0.117 chunkserver and ours, in both directions, under the real
 * master and mfsmount: the two servers use the same DATA_PATH (so the same {@code chunkserverid.mfs}), the same
 * mfshdd.cfg (so the same {@code .metaid} and {@code .chunkdb} path) and the same address, as an operator swapping
 * the daemon on one machine would. Every file is checked by its SHA-256 through a fresh mount after each swap.
 */
@InteropTest
class ChunkFolderCompatibilityInteropTest {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final int MIB = 1 << 20;
    private static final int CHUNKSERVER_HOST = 2;

    private Path work;
    private LoggedProcess chunkserver;

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-cscompat-");
    }

    @AfterEach
    void cleanUp() {
        if (chunkserver != null) {
            chunkserver.stop();
        }
        FileTrees.delete(work);
    }

    @Test
    void aChunkFolderWrittenByEitherChunkserverIsServedByTheOtherAfterARestart(TestLogs logs) throws IOException {
        byte[] source = randomBytes(70 * MIB + 5, 11);
        Path sourceFile = Files.write(work.resolve("source"), source);
        Map<String, byte[]> expected = new LinkedHashMap<>();
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs moosefs = RealMooseFs.start(ns, logs, 0, false)) {
            Path data = dir(work.resolve("cs"));
            Path disk = dir(data.resolve("hdd"));
            Path config = chunkserverConfig(ns, moosefs, logs, data, disk);

            // 1. the real chunkserver writes the folder
            chunkserver = launch(ns, logs, "real-mfschunkserver-1", List.of("mfschunkserver"), config);
            awaitChunks(moosefs, ns, 0);
            StringBuilder write = new StringBuilder("mfssetgoal 1 . >/dev/null || exit 3\n");
            for (int size : new int[] {0, 1, 65537, 5 * MIB + 3, 70 * MIB + 5}) {
                String name = "real-" + size;
                write.append("head -c %d '%s' > %s || exit 4\n".formatted(size, sourceFile, name));
                expected.put(name, Arrays.copyOf(source, size));
            }
            write.append("sync\n");
            mustSucceed(moosefs.withRealMount(write.toString()));
            assertEveryFileReadsBack(moosefs, expected, "written by the real chunkserver, read from it");
            long realChunks = 1 + 1 + 1 + 2; // the empty file has none, the 70 MiB one two
            awaitChunks(moosefs, ns, realChunks);
            assertThat(chunkserver.stop()).as("the real chunkserver stops cleanly").isZero();
            assertThat(disk.resolve(".chunkdb")).as("the real chunkserver's chunk list at stop").exists();

            // 2. ours serves it, then writes to it: new files, and an append to a chunk the real one created
            chunkserver = launch(ns, logs, "our-mfschunkserver", ourCommand(), config);
            awaitChunks(moosefs, ns, realChunks);
            assertThat(disk.resolve(".chunkdb")).as("the list is dropped: ours changes the folder").doesNotExist();
            assertEveryFileReadsBack(moosefs, expected, "written by the real chunkserver, read from ours");
            StringBuilder more = new StringBuilder();
            for (int size : new int[] {3, 64 * MIB + 1}) {
                String name = "ours-" + size;
                more.append("head -c %d '%s' > %s || exit 4\n".formatted(size, sourceFile, name));
                expected.put(name, Arrays.copyOf(source, size));
            }
            more.append("head -c 1000 '%s' >> real-65537 || exit 5\n".formatted(sourceFile));
            expected.put("real-65537", concat(Arrays.copyOf(source, 65537), Arrays.copyOf(source, 1000)));
            more.append("sync\n");
            mustSucceed(moosefs.withRealMount(more.toString()));
            assertEveryFileReadsBack(moosefs, expected, "written by both, read from ours");
            long allChunks = realChunks + 1 + 2; // the append changes a chunk of the real one, adds none
            awaitChunks(moosefs, ns, allChunks);
            assertThat(chunkserver.stop()).as("our chunkserver stops cleanly").isZero();
            assertThat(disk.resolve(".chunkdb")).as("our chunk list at stop, in MooseFS's format").exists();
            assertThat(new String(Files.readAllBytes(disk.resolve(".chunkdb")), 0, 12, StandardCharsets.US_ASCII))
                    .isEqualTo("MFS CHUNKDB2");

            // 3. the real chunkserver serves what ours left, starting from our .chunkdb
            chunkserver = launch(ns, logs, "real-mfschunkserver-2", List.of("mfschunkserver"), config);
            awaitChunks(moosefs, ns, allChunks);
            assertEveryFileReadsBack(moosefs, expected, "written by both, read from the real chunkserver");
            assertThat(Files.readString(chunkserver.log())).as("the real chunkserver trusted our .chunkdb")
                    .contains(".chunkdb used");
            assertThat(chunkserver.stop()).isZero();
        }
    }

    private Path chunkserverConfig(NetworkNamespace ns, RealMooseFs moosefs, TestLogs logs, Path data, Path disk) {
        Path hdd = MooseFsConfig.writeFile(logs.dir().resolve("mfshdd.cfg"), disk + "\n");
        return new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", data)
                .set("HDD_CONF_FILENAME", hdd)
                .set("MASTER_HOST", moosefs.masterAddress())
                .set("BIND_HOST", ns.address(CHUNKSERVER_HOST))
                .set("CSSERV_LISTEN_HOST", ns.address(CHUNKSERVER_HOST))
                .set("HDD_TEST_FREQ", 0)
                .writeTo(logs.dir().resolve("mfschunkserver.cfg"));
    }

    private static List<String> ourCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), "io.jmfs.chunkserver.ChunkserverMain");
    }

    private static LoggedProcess launch(NetworkNamespace ns, TestLogs logs, String name, List<String> daemon,
                                        Path config) {
        List<String> command = new java.util.ArrayList<>(daemon);
        command.addAll(List.of("-f", "-c", config.toString()));
        return ns.launch(name, command, logs.file(name));
    }

    /** Waits until the master lists our one chunkserver, with disk space known and {@code chunks} chunks. */
    private void awaitChunks(RealMooseFs moosefs, NetworkNamespace ns, long chunks) {
        Poll.until(READY, chunkserver.name() + " registered with " + chunks + " chunks", () -> {
            chunkserver.requireAlive();
            List<RealMooseFs.RegisteredChunkserver> registered = moosefs.chunkservers();
            return registered.size() == 1 && registered.getFirst().totalSpace() > 0 && chunkCount(moosefs, ns) == chunks;
        });
    }

    // "chunk servers:" ip port id labels version load maintenance chunks used total ... (tab separated, -p)
    private static long chunkCount(RealMooseFs moosefs, NetworkNamespace ns) {
        return moosefs.cli("-SCS").output().lines()
                .filter(line -> line.startsWith("chunk servers:") && line.contains(ns.address(CHUNKSERVER_HOST)))
                .map(line -> line.split("\t"))
                .filter(fields -> fields.length > 8 && fields[8].matches("\\d+"))
                .mapToLong(fields -> Long.parseLong(fields[8]))
                .findFirst().orElse(-1);
    }

    private static void assertEveryFileReadsBack(RealMooseFs moosefs, Map<String, byte[]> expected, String what) {
        Shell.Result sums = moosefs.withRealMount("sha256sum " + String.join(" ", expected.keySet()));
        assertThat(sums.exitCode()).as(what + ": " + sums.output()).isZero();
        Map<String, String> actual = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^([0-9a-f]{64})\\s+(\\S+)$").matcher(sums.output());
        while (m.find()) {
            actual.put(m.group(2), m.group(1));
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        expected.forEach((name, bytes) -> wanted.put(name, sha256(bytes)));
        assertThat(actual).as(what).isEqualTo(wanted);
    }

    private static void mustSucceed(Shell.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
