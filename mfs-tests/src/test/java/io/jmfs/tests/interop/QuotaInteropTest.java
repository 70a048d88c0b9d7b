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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Directory quotas against the real MooseFS 3.0.117: the real mfssetquota/mfsgetquota/mfsdelquota/mfscopyquota
 * through a real mfsmount print the same on our master as on the real one for the same steps, refusals past a hard
 * limit included (same errno for every kind of new entry), and so do they through our mount; and our {@code bin/mfs} quota tools print what the real
 * tools print, on the real master and on ours.
 */
@InteropTest
class QuotaInteropTest {
    private static final int OUR_HOST = 5;
    private static final Duration TOOL = Duration.ofMinutes(3);

    /** Runs in the mount point as root. Hard limits only: soft ones depend on when the master's check runs. */
    static final String SCENARIO = """
            mkdir q q/sub && ln -s /some/target q/link
            mfssetquota -I 4 -L 100 q
            mfsgetquota q
            touch q/a q/b
            touch q/c 2>/dev/null && echo "q/c: created" || echo "q/c: refused"
            python3 - <<'PY'
            import errno, os
            def attempt(what, f):
                try:
                    f()
                    print(what + ": done")
                except OSError as e:
                    print(what + ": " + errno.errorcode[e.errno])
            attempt("open O_CREAT", lambda: os.close(os.open("q/x", os.O_CREAT | os.O_WRONLY, 0o644)))
            attempt("mkdir", lambda: os.mkdir("q/x"))
            attempt("mknod fifo", lambda: os.mkfifo("q/x"))
            attempt("symlink", lambda: os.symlink("t", "q/x"))
            attempt("link", lambda: os.link("q/a", "q/x"))
            os.close(os.open("outside", os.O_CREAT | os.O_WRONLY, 0o644))
            attempt("rename into", lambda: os.rename("outside", "q/x"))
            attempt("rename inside", lambda: os.rename("q/a", "q/sub/a"))
            PY
            mfsgetquota q
            mfsdelquota -I q
            touch q/c && echo "q/c: created after mfsdelquota -I"
            mfssetquota -i 100 -p 2h -l 50 -R 1Gi q
            mfsgetquota -k q
            mkdir q2 && mfscopyquota q q2
            mfsdelquota -a q2
            mfsdelquota -a -A q2
            mfsgetquota q2
            mfssetquota -I 7 q q2
            mfsdelquota -I -L q q2
            mfsgetquota q/b; echo "rc=$?"
            """;

    @Test
    void theRealToolsThroughARealMountPrintTheSameOnOurMasterAsOnTheRealOne(TestLogs logs) {
        String real;
        String realListing;
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 1, false)) {
            Shell.Result r = cluster.withRealMount(SCENARIO);
            assertThat(r.exitCode()).as(r.output()).isZero();
            real = r.output();
            realListing = quotaListing(ns, cluster.masterAddress());
        }
        assertThat(real).as("the scenario meets the real master's quota refusals")
                .contains("q/c: refused", "open O_CREAT: EDQUOT", "mkdir: EDQUOT", "link: EDQUOT",
                        "rename inside: done", "q/c: created after mfsdelquota -I");
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS)) {
            Shell.Result ours = master.withRealMount("", SCENARIO);
            assertThat(ours.exitCode()).as(ours.output()).isZero();
            assertThat(ours.output()).isEqualTo(real);
            assertThat(quotaListing(ns, master.address())).isEqualTo(realListing);
        }
        // the real tools on our mount reach our master through the mount's tool proxy (.masterinfo)
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS)) {
            Shell.Result ours = master.withMount(JmfsHome.launcher("mfsmount") + " \"$MNT\" -H " + master.address(),
                    SCENARIO);
            assertThat(ours.exitCode()).as(ours.output()).isZero();
            assertThat(ours.output()).isEqualTo(real);
        }
    }

    /**
     * Writes through a real mount: a length limit met when the writer reports the new length (WRITE_CHUNK_END), a
     * size limit below one chunk met when the chunk is asked for (WRITE_CHUNK counts it as full).
     */
    static final String WRITES = """
            mkdir q r
            mfssetquota -L 100000 q > /dev/null
            mfssetquota -S 1Mi r > /dev/null
            python3 - <<'PY'
            import errno, os
            def write(path, n):
                try:
                    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o644)
                    try:
                        os.write(fd, b"x" * n)
                        os.fsync(fd)
                    finally:
                        os.close(fd)
                    print(path, n, "written")
                except OSError as e:
                    print(path, n, errno.errorcode[e.errno])
            write("q/small", 50000)
            write("q/big", 60000)
            write("r/one", 1)
            PY
            mfsgetquota q r
            """;

    @Test
    void writesPastALengthOrSizeLimitAreRefusedAlikeByBothMasters(TestLogs logs) throws IOException {
        String real;
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 1, false)) {
            Shell.Result r = cluster.withRealMount(WRITES);
            assertThat(r.exitCode()).as(r.output()).isZero();
            real = r.output();
        }
        assertThat(real).contains("q/small 50000 written", "q/big 60000 EDQUOT", "r/one 1 EDQUOT");
        Path csData = Files.createTempDirectory("jmfs-quota-cs-");
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS);
                LoggedProcess chunkserver = realChunkserver(ns, logs, csData, OUR_HOST, 6)) {
            Poll.until(Duration.ofSeconds(90), "a chunkserver with space at our master", () -> {
                chunkserver.requireAlive();
                return master.log().matches("(?s).*chunkserver [0-9.:]+ \\(csid \\d+\\) has space.*");
            });
            Shell.Result ours = master.withRealMount("", WRITES);
            assertThat(ours.exitCode()).as(ours.output()).isZero();
            assertThat(ours.output()).isEqualTo(real);
        } finally {
            FileTrees.delete(csData);
        }
    }

    private static LoggedProcess realChunkserver(NetworkNamespace ns, TestLogs logs, Path data, int masterHost,
                                                 int host) {
        String name = "real-mfschunkserver" + host;
        try {
            Files.createDirectories(data.resolve("hdd"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path hdd = MooseFsConfig.writeFile(logs.dir().resolve(name + "-mfshdd.cfg"), data.resolve("hdd") + "\n");
        Path config = new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", data)
                .set("HDD_CONF_FILENAME", hdd)
                .set("MASTER_HOST", ns.address(masterHost))
                .set("BIND_HOST", ns.address(host))
                .set("CSSERV_LISTEN_HOST", ns.address(host))
                .set("HDD_TEST_FREQ", 0)
                .writeTo(logs.dir().resolve(name + ".cfg"));
        return ns.launch(name, List.of("mfschunkserver", "-f", "-c", config.toString()), logs.file(name));
    }

    @Test
    void ourToolsPrintWhatTheRealToolsPrintOnTheRealMaster(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 1, false)) {
            Shell.Result setup = cluster.withRealMount("mkdir q q/sub && touch q/a && ln -s target q/l");
            assertThat(setup.exitCode()).as(setup.output()).isZero();
            compare(ns, cluster.masterAddress(), (real, ours) -> cluster.withRealMount(real).output());
        }
    }

    @Test
    void ourToolsPrintWhatTheRealToolsPrintOnOurMaster(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS)) {
            Shell.Result setup = master.withRealMount("", "mkdir q q/sub && touch q/a && ln -s target q/l");
            assertThat(setup.exitCode()).as(setup.output()).isZero();
            compare(ns, master.address(), (real, ours) -> master.withRealMount("", real).output());
        }
    }

    /** mfscli's quota view, as text. */
    private static String quotaListing(NetworkNamespace ns, String master) {
        Shell.Result r = ns.bash(TOOL, "mfscli -H " + master + " -SQU");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("/q");
        return r.output();
    }

    private interface RealRun {
        String run(String realScript, Void unused);
    }

    /**
     * The steps run once with the real tools through a real mount (one script, the state evolving), then, after
     * the quotas are deleted again, once with ours against the master in the same order: each step must print the
     * same (our leading "/" taken off the paths) and end with the same exit code.
     */
    private static void compare(NetworkNamespace ns, String master, RealRun realMount) {
        List<List<String>> steps = List.of(
                List.of("getquota", "q"),
                List.of("setquota", "-I", "10", "-l", "1Mi", "-R", "2G", "q"),
                List.of("getquota", "q"),
                List.of("getquota", "-k", "q"),
                List.of("getquota", "-m", "q", "q/sub"),
                List.of("setquota", "-i", "5", "-p", "1d", "q/sub"),
                List.of("copyquota", "q", "q/sub"),
                List.of("setquota", "-L", "1G", "q", "q/sub"),
                List.of("delquota", "-i", "q/sub", "q"),
                List.of("delquota", "-I", "q"),
                List.of("delquota", "-A", "q"),
                List.of("getquota", "q/a"));
        StringBuilder realScript = new StringBuilder();
        for (List<String> step : steps) {
            realScript.append("mfs").append(String.join(" ", step)).append("; echo \"rc=$?\"\n");
        }
        // one directory per call: the real tools send the next directory what the previous one answered
        realScript.append("mfsdelquota -a -A q > /dev/null; mfsdelquota -a -A q/sub > /dev/null\n");
        String real = realMount.run(realScript.toString(), null);

        StringBuilder ours = new StringBuilder();
        for (List<String> step : steps) {
            List<String> cmd = new ArrayList<>(List.of(JmfsHome.launcher("mfs").toString(), step.getFirst(), "-H",
                    master));
            for (String a : step.subList(1, step.size())) {
                cmd.add(a.equals("-p") ? "--grace" : a.startsWith("-") || a.matches("[0-9].*") ? a : "/" + a);
            }
            Shell.Result r = ns.run(TOOL, cmd);
            ours.append(r.output().replaceAll("(?m)^/", "")).append("rc=").append(r.exitCode()).append('\n');
        }
        assertThat(ours.toString()).isEqualTo(real);
    }
}
