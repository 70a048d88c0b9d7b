package io.jmfs.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.cluster.JmfsHome;
import io.jmfs.tests.cluster.MooseFsConfig;
import io.jmfs.tests.harness.FileTrees;
import io.jmfs.tests.harness.LoggedProcess;
import io.jmfs.tests.harness.Poll;
import io.jmfs.tests.harness.Shell;
import io.jmfs.tests.harness.TestLogs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our FUSE mount, {@code bin/mfsmount}, against the real MooseFS 3.0.117 master and chunkservers (and against our
 * master). Each mount starts in the background as mfsmount does and ends with {@code umount}, inside the namespace's
 * shell that runs the script.
 */
@InteropTest
class OurMountInteropTest {
    private static final long MIB = 1 << 20;
    private static final Duration READY = Duration.ofSeconds(60);

    private Path work;

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-mount-");
    }

    @AfterEach
    void cleanUp() {
        FileTrees.delete(work);
    }

    private static String ourMount(String masterAddress) {
        return JmfsHome.launcher("mfsmount") + " \"$MNT\" -H " + masterAddress;
    }

    private static String resource(String name) {
        try (InputStream in = OurMountInteropTest.class.getResourceAsStream("/interop/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path script(String name) throws IOException {
        Path p = work.resolve(name);
        Files.writeString(p, resource(name));
        return p;
    }

    @Test
    void theNamespaceScenarioSeesExactlyWhatTheRealMountSees(TestLogs logs) throws IOException {
        Path scenario = script("namespace-scenario.sh");
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 2, false)) {
            Shell.Result ours = cluster.withMount(ourMount(cluster.masterAddress()), "bash " + scenario);
            assertThat(ours.exitCode()).as(ours.output()).isZero();
            assertThat(ours.output()).contains("SCENARIO-OK", "Permission denied", "user.colour=\"blue\"",
                    "d1/f1 0 1 640 1234 5678 regular empty file", "1000 1000");

            Shell.Result real = cluster.withRealMount("bash " + scenario);
            assertThat(real.exitCode()).as(real.output()).isZero();
            assertThat(ours.output()).isEqualTo(real.output());
        }
    }

    @Test
    void theNamespaceScenarioRunsOnOurMountAgainstOurMaster(TestLogs logs) throws IOException {
        Path scenario = script("namespace-scenario.sh");
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS);
                LoggedProcess cs2 = realChunkserver(ns, master, logs, 2);
                LoggedProcess cs3 = realChunkserver(ns, master, logs, 3)) {
            Poll.until(READY, "two chunkservers with space at our master", () -> {
                master.process().requireAlive();
                return master.log().split("\\) has space", -1).length - 1 >= 2;
            });
            Shell.Result ours = master.withMount(ourMount(master.address()), "bash " + scenario);
            assertThat(ours.exitCode()).as(ours.output() + master.log()).isZero();
            Shell.Result real = master.withRealMount("", "bash " + scenario);
            assertThat(ours.output()).isEqualTo(real.output());
        }
    }

    @Test
    void a200MiBFileWrittenWithDdReadsBackIdenticallyThroughOurMountAndTheRealOne(TestLogs logs) throws Exception {
        Path source = randomFile(work.resolve("source"), 200 * MIB + 4321, 5);
        String sum = sha256(source);
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 2, false)) {
            Shell.Result written = cluster.withMount(ourMount(cluster.masterAddress()), """
                    dd if='%s' of=big bs=1M conv=fsync status=none || exit 3
                    sha256sum big; stat -c %%s big
                    """.formatted(source));
            assertThat(written.exitCode()).as(written.output()).isZero();
            assertThat(written.output()).contains(sum).contains(Long.toString(Files.size(source)));

            Shell.Result readByReal = cluster.withRealMount("sha256sum big");
            assertThat(readByReal.output()).contains(sum);
            Shell.Result readAgain = cluster.withMount(ourMount(cluster.masterAddress()),
                    "dd if=big bs=1M status=none | sha256sum");
            assertThat(readAgain.output()).contains(sum);
        }
    }

    @Test
    void threeThousandRandomWritesReadsAndTruncatesMatchALocalReferenceFile(TestLogs logs) throws IOException {
        Path fsx = compile(script("fsx-lite.c"));
        Path reference = work.resolve("reference");
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 2, false)) {
            Shell.Result run = cluster.withMount(ourMount(cluster.masterAddress()),
                    "'%s' fsxfile '%s' 3000 20261121".formatted(fsx, reference));
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("3000 operations").contains("no difference");
        }
    }

    @Test
    void mooseFsToolsWorkThroughMasterinfoAndSigtermUnmounts(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 2, false)) {
            Shell.Result run = cluster.withMount(ourMount(cluster.masterAddress()), """
                    od -An -tx1 .masterinfo | wc -w
                    head -c 3000000 /dev/urandom > f
                    mfsgetgoal f; mfssetgoal 1 f; mfsgetgoal f
                    mfscheckfile f
                    mfsfileinfo f
                    mfsdirinfo . | grep files
                    cd /
                    pid=$(pgrep -f "MfsMount $MNT" | head -1)
                    [ -n "$pid" ] || { echo "no mount process"; exit 5; }
                    kill -TERM "$pid"
                    for i in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
                    kill -0 "$pid" 2>/dev/null && echo "mount process still running"
                    mountpoint -q "$MNT" && echo "still mounted"
                    echo done
                    """);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output())
                    .startsWith("14\n")
                    .contains("f: 2\n", "f: goal: 1\n", "f: 1\n", "chunks with ", "chunk 0:",
                            "copy 1: " + ns.addressPrefix(), "files:", "done")
                    .doesNotContain("still running", "still mounted");
        }
    }

    // ---- helpers ----

    private Path compile(Path source) {
        Path binary = work.resolve("fsx-lite");
        Shell.run(Duration.ofMinutes(1), "gcc", "-O1", "-Wall", "-o", binary.toString(), source.toString())
                .orThrow();
        return binary;
    }

    private static Path randomFile(Path path, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] buffer = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(left, buffer.length));
            }
        }
        return path;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A real chunkserver at namespace address {@code host} serving our master; stopped by the caller. */
    private LoggedProcess realChunkserver(NetworkNamespace ns, OurMaster master, TestLogs logs, int host)
            throws IOException {
        String name = "real-mfschunkserver" + host;
        Path data = Files.createDirectories(work.resolve("cs" + host));
        Path disk = Files.createDirectories(data.resolve("hdd"));
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
        return ns.launch(name, List.of("mfschunkserver", "-f", "-c", config.toString()), logs.file(name));
    }
}
