package io.jmfs.chunkserver;

import io.jmfs.chunkserver.net.DataPortClient;
import io.jmfs.chunkserver.net.FakeMaster;
import io.jmfs.chunkserver.net.RunningChunkserver;
import io.jmfs.chunkserver.net.data.Ipv4;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver;
import io.jmfs.protocol.msg.data.DataMessage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A measuring tool, not a test: how long a freshly started chunkserver takes for its first chunks compared with
 * later ones. Starts two chunkserver <em>processes</em> (as bin/mfschunkserver runs them: C1 only), each registered
 * at its own fake master in this JVM, then for each of N chunks times: CREATE on both servers (master's view), WRITE
 * with a chain of two until the status of write id 0 (the chain open), the first WRITE_DATA's round trip, and the
 * whole chunk's data.
 *
 * <p>Run (after {@code ./mvnw -B -q -o -pl mfs-chunkserver -am test-compile}): {@code java -cp <the module's test
 * classpath> io.jmfs.chunkserver.FirstUseTiming [chunks=10] [MiB per chunk=16] [rounds=2]}. Each round starts a fresh
 * pair of servers; this JVM is cold too, so only the rounds after the first show the servers' own first-use costs.
 * Environment: JMFS_TIMING_JVM_OPTS adds options to the chunkserver JVMs (e.g.
 * {@code -Xlog:class+load:file=/tmp/cl-%p.txt:time}); JMFS_TIMING_MARKS=1 prints the wall-clock time at each chunk's
 * start and chain open (to line up with such logs); JMFS_TIMING_PERF=1,6 records both servers with {@code perf} around
 * chunks 1 and 6 of the last round into /tmp/cswarm-perf-N.data. Not a test: it measures, it checks nothing but the
 * statuses.
 */
public final class FirstUseTiming {
    private static final int BLOCK = 65536;

    private FirstUseTiming() {
    }

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        // this JVM is cold too: the first round, against its own pair of servers, warms up the client side
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("round %d (fresh chunkservers)%n", round);
            round(chunks, mib, round == rounds);
        }
    }

    private static void round(int chunks, int mib, boolean last) throws Exception {
        Path root = Files.createTempDirectory("cs-timing");
        List<Process> processes = new ArrayList<>();
        try (FakeMaster m1 = new FakeMaster(); FakeMaster m2 = new FakeMaster()) {
            long t0 = System.nanoTime();
            InetSocketAddress a1 = start(root, "cs1", m1.port(), processes);
            InetSocketAddress a2 = start(root, "cs2", m2.port(), processes);
            RunningChunkserver.register(m1, 0x1234, 1);
            RunningChunkserver.register(m2, 0x1234, 2);
            System.out.printf("both registered %.0f ms after the first process start%n", ms(t0));
            // the disk scan of an empty disk ends within milliseconds; a real client comes seconds later
            Thread.sleep(2000);
            byte[] data = new byte[BLOCK];
            new Random(1).nextBytes(data);
            ByteString block = ByteString.wrap(data);
            System.out.println("chunk  create(ms)  chainOpen(ms)  firstData(ms)  rest(ms)  MB/s");
            for (int i = 1; i <= chunks; i++) {
                long id = 0x100 + i;
                if (System.getenv("JMFS_TIMING_MARKS") != null) {
                    System.out.printf("mark chunk %d starts at %s%n", i, java.time.Instant.now());
                }
                Process perf = last ? perf(processes, i) : null;
                long c0 = System.nanoTime();
                m1.send(new MasterToChunkserver.Create(id, 1));
                m2.send(new MasterToChunkserver.Create(id, 1));
                expectCreated(m1, id);
                expectCreated(m2, id);
                double create = ms(c0);
                try (DataPortClient c = new DataPortClient(a1)) {
                    long w0 = System.nanoTime();
                    c.send(new DataMessage.Write(true, id, 1, List.of(new DataMessage.ChainLink(
                            Ipv4.toInt(a2.getAddress()), a2.getPort()))));
                    expect(c.next(), new DataMessage.WriteStatus(id, 0, MfsStatus.OK));
                    double open = ms(w0);
                    if (System.getenv("JMFS_TIMING_MARKS") != null) {
                        System.out.printf("mark chunk %d chain open at %s%n", i, java.time.Instant.now());
                    }
                    long d0 = System.nanoTime();
                    c.send(DataMessage.WriteData.of(id, 1, 0, 0, block));
                    expect(c.next(), new DataMessage.WriteStatus(id, 1, MfsStatus.OK));
                    double first = ms(d0);
                    int blocks = mib * 16;
                    long r0 = System.nanoTime();
                    for (int b = 1; b < blocks; b++) {
                        c.send(DataMessage.WriteData.of(id, b + 1, b, 0, block));
                    }
                    for (int b = 1; b < blocks; b++) {
                        expect(c.next(), new DataMessage.WriteStatus(id, b + 1, MfsStatus.OK));
                    }
                    double rest = ms(r0);
                    c.send(new DataMessage.WriteFinish(id, 1));
                    double total = ms(c0);
                    if (perf != null) {
                        Thread.sleep(200);
                        perf.destroy(); // SIGTERM: perf writes its file and exits
                        perf.waitFor(10, TimeUnit.SECONDS);
                    }
                    System.out.printf("%5d  %10.1f  %13.1f  %13.1f  %8.1f  %5.0f%n", i, create, open, first, rest,
                            mib * 1.048576 / (total / 1000));
                }
            }
        } finally {
            for (Process p : processes) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** With JMFS_TIMING_PERF=chunk,chunk..., a perf recording of both servers around those chunks. */
    private static Process perf(List<Process> processes, int chunk) throws Exception {
        String spec = System.getenv("JMFS_TIMING_PERF");
        if (spec == null || !List.of(spec.split(",")).contains(Integer.toString(chunk))) {
            return null;
        }
        String pids = processes.stream().map(p -> Long.toString(p.pid())).reduce((a, b) -> a + "," + b).orElseThrow();
        Process p = new ProcessBuilder("perf", "record", "-F", "4000", "-g", "-p", pids, "-o",
                "/tmp/cswarm-perf-" + chunk + ".data").redirectErrorStream(true)
                .redirectOutput(new java.io.File("/tmp/cswarm-perf-" + chunk + ".log")).start();
        Thread.sleep(500);
        return p;
    }

    private static InetSocketAddress start(Path root, String name, int masterPort, List<Process> processes)
            throws Exception {
        TestChunkserver.Setup s = TestChunkserver.setup(root, name, masterPort);
        int port = TestChunkserver.freePort();
        Path cfg = Files.writeString(s.data().resolve("mfschunkserver.cfg"), String.join("\n",
                "DATA_PATH = " + s.data(), "HDD_CONF_FILENAME = " + s.hddConfig(), "CSSERV_LISTEN_HOST = 127.0.0.1",
                "CSSERV_LISTEN_PORT = " + port, "MASTER_HOST = 127.0.0.1", "MASTER_PORT = " + masterPort,
                "WORKING_USER = " + System.getProperty("user.name"), "HDD_TEST_FREQ = 0",
                "HDD_LEAVE_SPACE_DEFAULT = 0", ""));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1"));
        String extra = System.getenv("JMFS_TIMING_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ChunkserverMain.class.getName(), "-f", "-c",
                cfg.toString(), "start"));
        processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(s.data().resolve("out.log").toFile()).start());
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static void expectCreated(FakeMaster m, long id) throws IOException {
        ChunkserverToMaster answer = m.next();
        if (!(answer instanceof ChunkserverToMaster.ChunkStatus s) || s.chunkId() != id || !s.status().isOk()) {
            throw new AssertionError("CREATE of " + id + " answered " + answer);
        }
    }

    private static void expect(Object got, Object wanted) {
        if (!got.equals(wanted)) {
            throw new AssertionError("expected " + wanted + ", got " + got);
        }
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }
}
