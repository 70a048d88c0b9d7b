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
 * Archive flags with the real tools: {@code mfssetarchive}, {@code mfschkarchive} and {@code mfsclrarchive}
 * through the real mfsmount print the same on our master as on the real 3.0.117 master for the same tree (counts,
 * a user's refused files, CLR's ctime change, a snapshot partly archived after a copy-on-write), and the flags survive our master's dump, which the real
 * {@code mfsmetadump} reads with the flags set. An archived file's copies move to its class's archive labels.
 */
@InteropTest
class ArchiveInteropTest {
    private static final int OUR_HOST = 5;
    private static final int CS_HOST = 2;
    private static final Duration PLACED = Duration.ofSeconds(240);
    private static final Pattern COPY = Pattern.compile("copy \\d+: ([0-9.]+):\\d+");
    private static final Pattern HAS_SPACE = Pattern.compile("chunkserver [0-9.:]+ \\(csid \\d+\\) has space");

    /** A small tree: a two-chunk file, one-chunk files (one owned by uid 1000), a file without chunks. */
    static final String TREE = """
            mkdir -p d/sub
            printf x > d/a
            printf y > d/sub/b
            dd if=/dev/urandom of=d/big bs=1k count=1 2>/dev/null
            dd if=/dev/urandom of=d/big bs=1k count=1 seek=65600 conv=notrunc 2>/dev/null
            touch d/empty
            chown 1000 d/sub/b
            sync
            """;

    /** What a user and root see and change; every answer, error messages and exit codes included. */
    static final String SCENARIO = """
            chmod o+x "$(dirname "$PWD")" # the harness's work folder, so that uid 1000 reaches the mount
            as_user() { setpriv --reuid=1000 --regid=1000 --clear-groups "$@"; }
            mfschkarchive d 2>&1; echo "rc=$?"
            mfssetarchive d/a 2>&1; echo "rc=$?"
            mfschkarchive d/a d/big d/empty 2>&1; echo "rc=$?"
            as_user mfssetarchive d 2>&1; echo "user rc=$?"
            as_user mfssetarchive d/a 2>&1; echo "user single rc=$?"
            mfschkarchive d 2>&1
            mfssetarchive d 2>&1; echo "root rc=$?"
            mfschkarchive d/sub d 2>&1
            c1=$(stat -c %Z d/big); sleep 1.5
            mfsclrarchive d/big 2>&1; echo "clr rc=$?"
            c2=$(stat -c %Z d/big)
            [ "$c2" -gt "$c1" ] && echo "clr changed ctime" || echo "clr kept ctime $c1 $c2"
            as_user mfsclrarchive d 2>&1; echo "user clr rc=$?"
            mfschkarchive d 2>&1
            mfssetarchive nosuch 2>&1 | sed "s|$PWD|MNT|"; echo "missing rc=${PIPESTATUS[0]}"
            mfssetarchive d/big > /dev/null && mfsmakesnapshot d/big snap && echo "snapshot rc=$?"
            dd if=/dev/urandom of=snap bs=1k count=1 conv=notrunc 2>/dev/null && sync
            mfschkarchive snap d/big 2>&1
            """;

    private Path work;
    private final List<LoggedProcess> chunkservers = new ArrayList<>();

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-archive-test-");
    }

    @AfterEach
    void cleanUp() {
        chunkservers.forEach(LoggedProcess::stop);
        FileTrees.delete(work);
    }

    @Test
    void theArchiveToolsPrintTheSameOnOurMasterAsOnTheRealOne(TestLogs logs) {
        Shell.Result real;
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 1, false)) {
            Shell.Result tree = cluster.withRealMount(TREE);
            assertThat(tree.exitCode()).as(tree.output()).isZero();
            real = cluster.withRealMount(SCENARIO);
        }
        assertThat(real.output()).contains("archived chunks:", "clr changed ctime", "missing rc=1",
                "snap: file is partially archived");

        Shell.Result ours;
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS)) {
            startChunkserver(ns, master, logs);
            Shell.Result tree = master.withRealMount("", TREE);
            assertThat(tree.exitCode()).as(tree.output()).isZero();
            ours = master.withRealMount("", SCENARIO);
        }
        assertThat(ours.output()).isEqualTo(real.output());
    }

    @Test
    void archiveFlagsSurviveOurMastersDumpAndTheRealMfsmetadumpReadsThem(TestLogs logs) {
        Path data = dir(work.resolve("data"));
        String check = "mfschkarchive d/a d/big d 2>&1";
        String before;
        try (NetworkNamespace ns = NetworkNamespace.create()) {
            try (OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS,
                    Map.of("DATA_PATH", data))) {
                startChunkserver(ns, master, logs);
                Shell.Result done = master.withRealMount("", TREE + "mfssetarchive d/a d/big > /dev/null\n");
                assertThat(done.exitCode()).as(done.output()).isZero();
                before = master.withRealMount("", check).output();
                assertThat(before).contains("d/a: all chunks are archived");
            }
            chunkservers.forEach(LoggedProcess::stop);
            chunkservers.clear();
            Poll.until(Duration.ofSeconds(30), "our master's dump written at stop",
                    () -> Files.exists(data.resolve("metadata.mfs")));

            Shell.Result dump = Shell.run(Duration.ofSeconds(30), "mfsmetadump", data.resolve("metadata.mfs").toString());
            assertThat(dump.exitCode()).as(dump.output()).isZero();
            assertThat(dump.output().lines().filter(l -> l.startsWith("CHUNK|") && l.endsWith("|a:1")))
                    .as("the real mfsmetadump sees three archived chunks").hasSize(3);

            try (OurMaster again = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS,
                    Map.of("DATA_PATH", data))) {
                assertThat(again.withRealMount("", check).output()).isEqualTo(before);
            }
        }
    }

    @Test
    void anArchivedFilesCopiesMoveToTheArchiveLabelsAndBackWhenCleared(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, OUR_HOST, MooseFsConfig.OPEN_EXPORTS,
                        Map.of("REPLICATIONS_DELAY_INIT", 5))) {
            startChunkserver(ns, master, logs, CS_HOST, "A");
            startChunkserver(ns, master, logs, CS_HOST + 1, "B");
            Poll.until(Duration.ofSeconds(90), "two chunkservers with known space",
                    () -> HAS_SPACE.matcher(master.log()).results().count() >= 2);
            String a = ns.address(CS_HOST);
            String b = ns.address(CS_HOST + 1);
            Shell.Result r = master.withRealMount("", """
                    set -e
                    mfsscadmin create -K A -A B -d 30 tiered
                    mkdir d && mfssetsclass tiered d > /dev/null
                    head -c 1048576 /dev/urandom > d/f && sync
                    mfsfileinfo d/f
                    mfssetarchive d/f
                    """);
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(copies(r.output())).containsExactly(a);

            Poll.until(PLACED, "the archived file's copy moved onto the B server",
                    () -> copies(master.withRealMount("", "mfsfileinfo d/f").output()).equals(Set.of(b)));

            assertThat(master.withRealMount("", "mfsclrarchive d/f").exitCode()).isZero();
            Poll.until(PLACED, "the cleared file's copy back on the A server",
                    () -> copies(master.withRealMount("", "mfsfileinfo d/f").output()).equals(Set.of(a)));
        }
    }

    private static Set<String> copies(String fileinfo) {
        Set<String> out = new TreeSet<>();
        Matcher m = COPY.matcher(fileinfo);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private void startChunkserver(NetworkNamespace ns, OurMaster master, TestLogs logs) {
        startChunkserver(ns, master, logs, CS_HOST, "");
        Poll.until(Duration.ofSeconds(90), "a chunkserver with known space",
                () -> HAS_SPACE.matcher(master.log()).find());
    }

    private void startChunkserver(NetworkNamespace ns, OurMaster master, TestLogs logs, int host, String labels) {
        String name = "real-mfschunkserver" + host;
        Path csData = dir(work.resolve("cs" + host));
        Path disk = dir(csData.resolve("hdd"));
        Path hdd = MooseFsConfig.writeFile(logs.dir().resolve(name + "-mfshdd.cfg"), disk + "\n");
        MooseFsConfig config = new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", csData)
                .set("HDD_CONF_FILENAME", hdd)
                .set("MASTER_HOST", master.address())
                .set("BIND_HOST", ns.address(host))
                .set("CSSERV_LISTEN_HOST", ns.address(host))
                .set("HDD_TEST_FREQ", 0);
        if (!labels.isEmpty()) {
            config.set("LABELS", labels);
        }
        Path cfg = config.writeTo(logs.dir().resolve(name + ".cfg"));
        chunkservers.add(ns.launch(name, List.of("mfschunkserver", "-f", "-c", cfg.toString()), logs.file(name)));
    }

    private static Path dir(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
