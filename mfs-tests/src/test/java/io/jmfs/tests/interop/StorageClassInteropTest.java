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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MooseFS 3.0 storage classes on our master with the real tools: {@code mfsscadmin} defines classes exactly as
 * the real master keeps them (same {@code list -l}, same refusals), and files in a class with labels get their
 * copies on real chunkservers carrying those labels, both when written and when moved into the class later.
 */
@InteropTest
class StorageClassInteropTest {
    private static final int OUR_HOST = 5;
    private static final Duration PLACED = Duration.ofSeconds(240);
    private static final Pattern HAS_SPACE = Pattern.compile("chunkserver [0-9.:]+ \\(csid \\d+\\) has space");
    private static final Pattern COPY = Pattern.compile("copy \\d+: ([0-9.]+):\\d+");

    /** Class administration as an admin types it; every answer, error messages and exit codes included. */
    static final String ADMIN_SCENARIO = """
            mfsscadmin create -K A,B twosites 2>&1; echo "rc=$?"
            mfsscadmin create -a 1 -m S -C A+B -K 2A,B -A '*' -d 7 strict1 2>&1; echo "rc=$?"
            mfsscadmin create -m L -K 'B[X+Y]',C loose1 loose2 2>&1; echo "rc=$?"
            mfsscadmin create -K A twosites 2>&1; echo "exists rc=$?"
            mfsscadmin modify -m D -K 3 loose2 2>&1; echo "rc=$?"
            mfsscadmin modify -K 1 3 2>&1; echo "predefined rc=$?"
            mfsscadmin copy twosites twocopy 2>&1; echo "rc=$?"
            mfsscadmin rename twocopy renamed 2>&1; echo "rc=$?"
            mfsscadmin rename 2 two 2>&1; echo "rename predefined rc=$?"
            mfsscadmin delete loose1 2>&1; echo "rc=$?"
            mkdir d && mfssetsclass twosites d 2>&1; echo "rc=$?"
            mfsscadmin delete twosites 2>&1; echo "in use rc=$?"
            mfsscadmin delete nosuch 2>&1; echo "missing rc=$?"
            mfsgetsclass d 2>&1
            mfsscadmin list 2>&1
            mfsscadmin list -l 2>&1
            """;

    private Path work;
    private final List<LoggedProcess> chunkservers = new ArrayList<>();

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-sclass-test-");
    }

    @AfterEach
    void cleanUp() {
        FileTrees.delete(work);
    }

    @Test
    void mfsscadminSeesTheSameDefinitionsAndRefusalsAsOnTheRealMaster(TestLogs logs) {
        Shell.Result real;
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 0, false)) {
            real = cluster.withRealMount(ADMIN_SCENARIO);
        }
        assertThat(real.exitCode()).as(real.output()).isZero();
        assertThat(real.output()).contains("in use rc=").contains("twosites");

        Shell.Result ours;
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS)) {
            ours = master.withRealMount("", ADMIN_SCENARIO);
        }
        assertThat(ours.output()).isEqualTo(real.output());
    }

    /**
     * A real master's classes reach ours through both persistence paths: its dump (written at a restart) and the
     * SCSET/SCDUP/SCREN/SCDEL lines it logged after it, up to a crash.
     */
    @Test
    void ourMasterTakesOverTheRealMastersClassesFromItsDumpAndChangelog(TestLogs logs) throws IOException {
        String view = "mfsscadmin list -l 2>&1; mfsgetsclass d 2>&1";
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 0, false)) {
            Shell.Result before = cluster.withRealMount("""
                    mfsscadmin create -K A,B twosites && mfsscadmin create -m S -K 2A strict1
                    mkdir d && mfssetsclass twosites d
                    """);
            assertThat(before.exitCode()).as(before.output()).isZero();
            cluster.restartMaster(); // a dump holding the first classes
            Shell.Result after = cluster.withRealMount("""
                    mfsscadmin create -a 1 -C A+B -K 2A,B -A '*' -d 7 later
                    mfsscadmin rename strict1 strict2 && mfsscadmin copy twosites copy1
                    mfsscadmin create -K C gone && mfsscadmin delete gone
                    mfsscadmin modify -m L -K 3 strict2
                    """);
            assertThat(after.exitCode()).as(after.output()).isZero();
            Shell.Result expected = cluster.withRealMount(view);
            LoggedProcess master = cluster.processes().stream().filter(p -> p.name().startsWith("real-mfsmaster"))
                    .reduce((first, second) -> second).orElseThrow();
            Shell.run(Duration.ofSeconds(10), "kill", "-9", Long.toString(master.pid())).orThrow();
            Poll.until(Duration.ofSeconds(30), "the real master gone after SIGKILL", () -> !master.isAlive());

            Path data = dir(work.resolve("taken-over"));
            try (var files = Files.list(cluster.masterDataPath())) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.matches("changelog\\.\\d+\\.mfs")) {
                        Files.copy(f, data.resolve(name));
                    } else if (name.equals("metadata.mfs.back")) {
                        Files.copy(f, data.resolve("metadata.mfs")); // the running master's dump
                    }
                }
            }
            try (OurMaster ours = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS,
                    Map.of("DATA_PATH", data))) {
                Shell.Result taken = ours.withRealMount("", view);
                assertThat(taken.output()).contains("later", "strict2", "copy1").doesNotContain("gone");
                assertThat(taken.output()).isEqualTo(expected.output());
            }
        }
    }

    /** The reverse direction: the real {@code mfsmaster -a} replays the class lines our master logged. */
    @Test
    void theRealMasterReplaysOurClassLinesAfterACrash(TestLogs logs) throws IOException {
        String view = "mfsscadmin list -l 2>&1; mfsgetsclass d 2>&1";
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            Path data = dir(work.resolve("ours-for-real"));
            String expected;
            try (OurMaster ours = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS)) {
                Shell.Result done = ours.withRealMount("", """
                        mfsscadmin create -K A,B twosites && mfsscadmin create -m S -K 2A strict1
                        mfsscadmin create -a 1 -C A+B -K 2A,B -A '*' -d 7 'odd,name'
                        mfsscadmin rename strict1 strict2 && mfsscadmin copy twosites copy1
                        mfsscadmin create -K C gone && mfsscadmin delete gone
                        mfsscadmin modify -m L -K 3 strict2
                        mkdir d && mfssetsclass twosites d
                        """);
                assertThat(done.exitCode()).as(done.output()).isZero();
                expected = ours.withRealMount("", view).output();
                assertThat(expected).contains("odd,name", "strict2", "copy1").doesNotContain("gone");
                Shell.run(Duration.ofSeconds(10), "kill", "-9", Long.toString(ours.process().pid())).orThrow();
                Poll.until(Duration.ofSeconds(30), "our master gone after SIGKILL", () -> !ours.process().isAlive());
                try (var files = Files.list(ours.dataPath())) {
                    for (Path f : files.toList()) {
                        String name = f.getFileName().toString();
                        if (name.matches("changelog\\.\\d+\\.mfs") || name.equals("metadata.mfs")) {
                            Files.copy(f, data.resolve(name));
                        }
                    }
                }
            }

            String address = ns.address(OUR_HOST);
            Path exports = MooseFsConfig.writeFile(logs.dir().resolve("real-a-mfsexports.cfg"),
                    MooseFsConfig.OPEN_EXPORTS);
            Path cfg = new MooseFsConfig()
                    .set("WORKING_USER", "root")
                    .set("DATA_PATH", data)
                    .set("EXPORTS_FILENAME", exports)
                    .set("MATOML_LISTEN_HOST", address)
                    .set("MATOCS_LISTEN_HOST", address)
                    .set("MATOCL_LISTEN_HOST", address)
                    .writeTo(logs.dir().resolve("real-a-mfsmaster.cfg"));
            try (LoggedProcess real = ns.launch("real-mfsmaster-a", List.of("mfsmaster", "-a", "-f", "-c",
                    cfg.toString()), logs.file("real-mfsmaster-a"))) {
                Poll.until(Duration.ofSeconds(90), "the real master started on our metadata", () -> {
                    real.requireAlive();
                    return ns.bash(Duration.ofSeconds(10), "exec 3<>/dev/tcp/" + address + "/9421").succeeded();
                });
                Path mnt = dir(work.resolve("real-mnt"));
                Shell.Result replayed = ns.bash(Duration.ofSeconds(120), """
                        mfsmount '%s' -H %s > '%s' 2>&1 || exit 97
                        ( cd '%s' && { %s
                        } )
                        rc=$?
                        umount '%s' 2>/dev/null || umount -l '%s'
                        exit $rc
                        """.formatted(mnt, address, logs.file("real-a-mount"), mnt, view, mnt, mnt));
                assertThat(replayed.output()).isEqualTo(expected);
            }
        }
    }

    @Test
    void copiesGoToServersWithTheClassLabels(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS,
                        Map.of("REPLICATIONS_DELAY_INIT", 5))) {
            startRealChunkserver(ns, master, logs, 2, "A");
            startRealChunkserver(ns, master, logs, 3, "B");
            startRealChunkserver(ns, master, logs, 4, "B");
            Poll.until(Duration.ofSeconds(90), "three chunkservers with known space", () -> {
                chunkservers.forEach(LoggedProcess::requireAlive);
                return HAS_SPACE.matcher(master.log()).results().count() >= 3;
            });
            String a = ns.address(2);
            Set<String> bs = Set.of(ns.address(3), ns.address(4));

            Shell.Result r = master.withRealMount("", """
                    mfsscadmin create -K A,B twosites
                    mkdir d && mfssetsclass twosites d > /dev/null
                    head -c 1048576 /dev/urandom > d/new
                    head -c 1048576 /dev/urandom > old
                    sync
                    mfssetsclass twosites old
                    echo "[$(mfsgetsclass d/new)]"
                    mfsfileinfo d/new
                    """);
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("[d/new: 'twosites']");
            assertPlaced(copies(r.output()), a, bs);

            Poll.until(PLACED, "the older file's copies moved onto an A and a B server", () -> {
                Set<String> now = copies(master.withRealMount("", "mfsfileinfo old").output());
                return now.size() == 2 && now.contains(a) && now.stream().filter(bs::contains).count() == 1;
            });

            Shell.Result view = ns.bash(Duration.ofSeconds(30), "mfscli -H " + master.address() + " -SSC");
            assertThat(view.exitCode()).as(view.output()).isZero();
            assertThat(view.output()).as("mfscli's storage class view").contains("twosites")
                    .doesNotContainIgnoringCase("traceback").doesNotContain("error");
        }
    }

    private static void assertPlaced(Set<String> copies, String a, Set<String> bs) {
        assertThat(copies).hasSize(2).contains(a);
        assertThat(copies.stream().filter(bs::contains)).hasSize(1);
    }

    private static Set<String> copies(String fileinfo) {
        Set<String> out = new TreeSet<>();
        Matcher m = COPY.matcher(fileinfo);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private void startRealChunkserver(NetworkNamespace ns, OurMaster master, TestLogs logs, int host, String labels) {
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
                .set("LABELS", labels)
                .writeTo(logs.dir().resolve(name + ".cfg"));
        chunkservers.add(ns.launch(name, List.of("mfschunkserver", "-f", "-c", config.toString()), logs.file(name)));
    }

    private static Path dir(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
