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
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file's goal, set with the real {@code mfssetgoal} on our master, decides how many copies its chunks keep on two
 * real chunkservers: raising it makes the chunk loop replicate, lowering it makes it delete the surplus copy.
 */
@InteropTest
class OurMasterGoalInteropTest {
    /** Our chunk loop, like MooseFS's, waits a while after start before it replicates. */
    private static final Duration REPLICATED = Duration.ofSeconds(240);
    private static final Pattern HAS_SPACE = Pattern.compile("chunkserver [0-9.:]+ \\(csid \\d+\\) has space");

    private Path work;
    private final List<LoggedProcess> chunkservers = new ArrayList<>();

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-goal-test-");
    }

    @AfterEach
    void cleanUp() {
        FileTrees.delete(work);
    }

    @Test
    void mfssetgoalOnAWrittenFileChangesHowManyValidCopiesItsChunksKeep(TestLogs logs) {
        try (NetworkNamespace ns = NetworkNamespace.create();
                OurMaster master = OurMaster.start(ns, logs, 1, MooseFsConfig.OPEN_EXPORTS)) {
            startRealChunkserver(ns, master, logs, 2);
            startRealChunkserver(ns, master, logs, 3);
            Poll.until(Duration.ofSeconds(90), "two chunkservers with known space", () -> {
                chunkservers.forEach(LoggedProcess::requireAlive);
                return HAS_SPACE.matcher(master.log()).results().count() >= 2;
            });

            Shell.Result written = master.withRealMount("", """
                    mkdir one && mfssetgoal 1 one > /dev/null
                    head -c 1048576 /dev/urandom > one/f && sync
                    echo "[$(mfsgetgoal one/f)]"
                    mfscheckfile one/f | tr -s " "
                    """);
            assertThat(written.exitCode()).as(written.output()).isZero();
            assertThat(written.output()).contains("[one/f: 1]").contains("chunks with 1 copy: 1");

            assertThat(master.withRealMount("", "mfssetgoal 2 one/f").output()).contains("one/f: goal: 2");
            Poll.until(REPLICATED, "the chunk replicated to a second copy", () ->
                    master.withRealMount("", "mfscheckfile one/f | tr -s \" \"").output().contains("chunks with 2 copies: 1"));

            assertThat(master.withRealMount("", "mfssetgoal 1 one/f").output()).contains("one/f: goal: 1");
            Poll.until(REPLICATED, "the surplus copy deleted", () ->
                    master.withRealMount("", "mfscheckfile one/f | tr -s \" \"").output().contains("chunks with 1 copy: 1"));
        }
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

    private static Path dir(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
