package io.jmfs.tests.interop;

import static io.jmfs.tests.harness.FileTrees.randomFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.cluster.JmfsHome;
import io.jmfs.tests.harness.FileTrees;
import io.jmfs.tests.harness.LoggedProcess;
import io.jmfs.tests.harness.Poll;
import io.jmfs.tests.harness.Shell;
import io.jmfs.tests.harness.TestLogs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our client library through {@code bin/mfs}, against the real MooseFS 3.0.117 master and chunkservers in a network
 * namespace. {@code bin/mfs} runs inside the namespace (its JVM must, to reach the addresses).
 */
@InteropTest
class MfsToolInteropTest {
    private static final Duration TOOL = Duration.ofMinutes(3);
    private static final long MIB = 1 << 20;

    private Path work;

    @BeforeEach
    void makeWork() throws IOException {
        work = Files.createTempDirectory("jmfs-tool-");
    }

    @AfterEach
    void cleanUp() {
        FileTrees.delete(work);
    }

    private static List<String> mfs(RealMooseFs cluster, String command, String... args) {
        List<String> cmd = new ArrayList<>(List.of(JmfsHome.launcher("mfs").toString(), command, "-H",
                cluster.masterAddress()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Shell.Result run(RealMooseFs cluster, String command, String... args) {
        return cluster.namespace().run(TOOL, mfs(cluster, command, args));
    }

    @Test
    void putAndGetRoundTripA200MiBFileThatTheRealMountReadsIdentically(TestLogs logs) throws Exception {
        Path source = randomFile(work.resolve("source"), 200 * MIB + 12345, 11);
        Path back = work.resolve("back");
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 2, false)) {
            assertThat(run(cluster, "mkdir", "/dir").exitCode()).isZero();

            long t0 = System.nanoTime();
            Shell.Result put = run(cluster, "put", source.toString(), "/dir/big");
            long t1 = System.nanoTime();
            assertThat(put.exitCode()).as(put.output()).isZero();
            Shell.Result get = run(cluster, "get", "/dir/big", back.toString());
            long t2 = System.nanoTime();
            assertThat(get.exitCode()).as(get.output()).isZero();

            assertThat(sha256(back)).isEqualTo(sha256(source));
            Shell.Result real = cluster.withRealMount("sha256sum dir/big; stat -c %s dir/big");
            assertThat(real.output()).contains(sha256(source)).contains(Long.toString(Files.size(source)));
            Shell.Result ls = run(cluster, "ls", "-l", "/dir");
            assertThat(ls.output()).contains(" " + Files.size(source) + " ").contains("big");
            Shell.Result check = run(cluster, "checkfile", "/dir/big");
            assertThat(check.output()).contains("/dir/big:\n chunks with 2 copies:            4\n");

            System.out.printf("bin/mfs put 200 MiB: %.2f s, get: %.2f s (JVM start included)%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
    }

    @Test
    void aGoal2ReadCompletesWithCorrectDataWhenAChunkserverIsKilledDuringIt(TestLogs logs) throws Exception {
        Path source = randomFile(work.resolve("source"), 200 * MIB, 12);
        Path firstPart = work.resolve("part1");
        Path rest = work.resolve("part2");
        Path paused = work.resolve("paused");
        Path resume = work.resolve("resume");
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 2, false)) {
            Shell.Result put = run(cluster, "put", source.toString(), "/big");
            assertThat(put.exitCode()).as(put.output()).isZero();
            assertThat(run(cluster, "setgoal", "2", "/big").output()).contains("/big: goal: 2");
            assertThat(run(cluster, "checkfile", "/big").output()).contains("chunks with 2 copies:            4");

            // The consumer stops after 20 MB, so the reader blocks mid-file. The test then freezes chunkserver 1
            // (SIGSTOP: the master does not notice yet and keeps listing its copies), lets the read go on until the
            // client waits on a request that the frozen server has not read, and kills the server (SIGKILL) right
            // then: the client loses that read and must finish it from the other copy.
            String script = """
                    export MFS_LOG_LEVEL=INFO
                    %s cat -H %s /big 2>'%s' | {
                      head -c 20000000 > '%s'; touch '%s'
                      for i in $(seq 600); do [ -e '%s' ] && break; sleep 0.1; done
                      cat > '%s'
                    }
                    """.formatted(JmfsHome.launcher("mfs"), cluster.masterAddress(), logs.file("mfs-cat"),
                    firstPart, paused, resume, rest);
            LoggedProcess reader = ns.launch("mfs-cat-pipeline", List.of("bash", "-c", script),
                    logs.file("mfs-cat-pipeline"));
            try (reader) {
                Poll.until(Duration.ofSeconds(60), "the reader paused after 20 MB", () -> Files.exists(paused));
                LoggedProcess victim = cluster.processes().stream()
                        .filter(p -> p.name().equals("real-mfschunkserver1")).findFirst().orElseThrow();
                Shell.run(Duration.ofSeconds(10), "kill", "-STOP", Long.toString(victim.pid())).orThrow();
                Files.createFile(resume);
                String victimPort = cluster.chunkserverAddress(1) + ":9422";
                Poll.until(Duration.ofSeconds(30), "a read request waiting at the frozen chunkserver", () ->
                        // a whole CLTOCS_READ (28 bytes), not just a keepalive NOP (8) on an idle pooled connection
                        bytesQueuedOnAConnectionTo(ns, victimPort, 28));
                ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
                Poll.until(Duration.ofSeconds(10), "chunkserver 1 dead", () -> !victim.isAlive());
                Poll.until(Duration.ofSeconds(120), "the read finished", () -> !reader.isAlive());
            }
            assertThat(Files.size(firstPart) + Files.size(rest)).isEqualTo(Files.size(source));
            assertThat(sha256(firstPart, rest)).isEqualTo(sha256(source));
            assertThat(Files.readString(logs.file("mfs-cat")))
                    .as("the reader met the dead copy and went on from the other one")
                    .contains("trying the next copy");
        }
    }

    @Test
    void aGoal2WriteCompletesWithCorrectDataWhenAChunkserverOfTheChainIsKilledDuringIt(TestLogs logs)
            throws Exception {
        Path source = randomFile(work.resolve("source"), 100 * MIB, 14);
        Path back = work.resolve("back");
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 2, false)) {
            LoggedProcess victim = cluster.processes().stream()
                    .filter(p -> p.name().equals("real-mfschunkserver2")).findFirst().orElseThrow();
            int attempt = 0;
            boolean killedDuringTheWrite = false;
            while (!killedDuringTheWrite && ++attempt <= 3) {
                killedDuringTheWrite = writeWhileKillingAServerOfTheChain(ns, cluster, victim, source,
                        "/big" + attempt, logs.file("mfs-put-" + attempt), logs.file("mfs-put-pipeline-" + attempt));
            }
            assertThat(killedDuringTheWrite).as("a try in which write data queued up at the frozen chunkserver")
                    .isTrue();
            assertThat(Files.readString(logs.file("mfs-put-" + attempt)))
                    .as("the writer lost its chain and wrote again through a new one")
                    .contains("retrying with a new WRITE_CHUNK");
            Shell.Result get = run(cluster, "get", "/big" + attempt, back.toString());
            assertThat(get.exitCode()).as(get.output()).isZero();
            assertThat(sha256(back)).isEqualTo(sha256(source));
        }
    }

    /**
     * Writes {@code source} to {@code target} with {@code bin/mfs put}, freezes the victim (SIGSTOP, which the master
     * does not notice yet) during the write, waits until write data queues up at it and kills it (SIGKILL): the chain
     * breaks and the writer must get a new one from the master and write the data again. Returns false if no
     * data queued up at the frozen server: a writer idle for its idle time (100 ms) between the burst and
     * the trickle ends its chunk write, and its next one waits for the master, which waits for the frozen server to
     * take the new version; the server is then let go, the write ends normally, and the caller tries again.
     */
    private boolean writeWhileKillingAServerOfTheChain(NetworkNamespace ns, RealMooseFs cluster, LoggedProcess victim,
                                                       Path source, String target, Path putLog, Path pipelineLog)
            throws Exception {
        Path paused = work.resolve("paused" + target.substring(1));
        Path resume = work.resolve("resume" + target.substring(1));
        // 30 MB at once, then a trickle (64 KiB every 20 ms: never idle long enough for the writer to end its chunk
        // write) until the test says resume, then the rest at once; one file descriptor, so no gap between the parts
        // but a dd's start.
        String script = """
                export MFS_LOG_LEVEL=INFO
                { head -c 30000000; touch '%s'
                  for ((i = 0; i < 3000; i++)); do
                    [ -e '%s' ] && break
                    dd bs=65536 count=1 iflag=fullblock status=none; sleep 0.02
                  done
                  cat
                } <'%s' | %s put -H %s - %s 2>'%s'
                """.formatted(paused, resume, source, JmfsHome.launcher("mfs"), cluster.masterAddress(), target,
                putLog);
        LoggedProcess writer = ns.launch("mfs-put-pipeline", List.of("bash", "-c", script), pipelineLog);
        try (writer) {
            Poll.until(Duration.ofSeconds(60), "the writer slowed down after 30 MB", () -> Files.exists(paused));
            Shell.run(Duration.ofSeconds(10), "kill", "-STOP", Long.toString(victim.pid())).orThrow();
            Files.createFile(resume);
            String victimPort = cluster.chunkserverAddress(2) + ":9422";
            // a block of data, not just a WRITE_FINISH or NOP of a chunk write that has ended
            if (!Poll.holdsWithin(Duration.ofSeconds(20), () -> bytesQueuedOnAConnectionTo(ns, victimPort, 64 * 1024))) {
                Shell.run(Duration.ofSeconds(10), "kill", "-CONT", Long.toString(victim.pid())).orThrow();
                Poll.until(Duration.ofSeconds(120), "the write finished", () -> !writer.isAlive());
                return false;
            }
            ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
            Poll.until(Duration.ofSeconds(10), "chunkserver 2 dead", () -> !victim.isAlive());
            Poll.until(Duration.ofSeconds(120), "the write finished", () -> !writer.isAlive());
        }
        return true;
    }

    /**
     * Whether at least {@code bytes} sent to {@code address} (ip:port) wait unread, as seen from either end of a
     * connection: in the frozen server's receive queue, or in the sender's send queue (where the kernel keeps them
     * once the receiver's window is full). What the frozen server itself had queued to send does not count.
     */
    private static boolean bytesQueuedOnAConnectionTo(NetworkNamespace ns, String address, long bytes) {
        return ns.run("ss", "-tnH", "state", "established").output().lines()
                .map(String::trim).map(l -> l.split("\\s+"))
                .anyMatch(f -> f.length >= 4
                        && (f[2].equals(address) && Long.parseLong(f[0]) >= bytes
                            || f[3].equals(address) && Long.parseLong(f[1]) >= bytes));
    }

    @Test
    void theToolsPrintWhatTheRealMooseFsToolsPrintOnAMount(TestLogs logs) throws Exception {
        Path source = randomFile(work.resolve("source"), 70 * MIB, 13); // two chunks
        try (NetworkNamespace ns = NetworkNamespace.create();
                RealMooseFs cluster = RealMooseFs.start(ns, logs, 2, false)) {
            assertThat(run(cluster, "mkdir", "/d").exitCode()).isZero();
            assertThat(run(cluster, "put", source.toString(), "/d/f").exitCode()).isZero();
            assertThat(run(cluster, "put", "/dev/null", "/d/empty").exitCode()).isZero();
            assertThat(run(cluster, "settrashtime", "3600", "/d/empty").output()).isEqualTo("/d/empty: 3600\n");
            assertThat(run(cluster, "setgoal", "1", "/d/empty").output()).isEqualTo("/d/empty: goal: 1\n");

            List<List<String>> tools = List.of(List.of("fileinfo", "d/f", "d/empty"), List.of("checkfile", "d/f"),
                    List.of("getgoal", "d/f", "d/empty"), List.of("getgoal", "-r", "d"),
                    List.of("gettrashtime", "d/f", "d/empty"), List.of("gettrashtime", "-r", "d"),
                    List.of("geteattr", "d/f"), List.of("dirinfo", "d"));
            StringBuilder realScript = new StringBuilder();
            for (List<String> tool : tools) {
                realScript.append("echo '== ").append(tool.getFirst()).append("'; mfs").append(String.join(" ", tool))
                        .append('\n');
            }
            String real = cluster.withRealMount(realScript.toString()).output();
            StringBuilder ours = new StringBuilder();
            for (List<String> tool : tools) {
                List<String> args = tool.subList(1, tool.size()).stream()
                        .map(a -> a.startsWith("-") ? a : "/" + a).toList();
                Shell.Result r = run(cluster, tool.getFirst(), args.toArray(String[]::new));
                assertThat(r.exitCode()).as(r.output()).isZero();
                ours.append("== ").append(tool.getFirst()).append('\n')
                        .append(r.output().replaceAll("(?m)^/", ""));
            }
            assertThat(ours.toString()).isEqualTo(real);
        }
    }


    private static String sha256(Path... files) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
