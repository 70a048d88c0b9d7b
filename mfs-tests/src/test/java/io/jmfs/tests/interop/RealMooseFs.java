package io.jmfs.tests.interop;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real MooseFS 3.0.117 daemons in a {@link NetworkNamespace}: a master on {@code .1}, chunkservers on {@code .2}
 * and up, optionally a metalogger, each run in the foreground (so its log is its output) with a generated
 * configuration. {@link #start} returns once the master answers {@code mfscli} and every chunkserver is registered
 * with its disk space known (before that the master cannot place chunks); {@link #close} stops them with SIGTERM,
 * as {@code mfsmaster stop} does, and deletes their data.
 */
public final class RealMooseFs implements AutoCloseable {
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_CHUNKSERVERS = NetworkNamespace.ADDRESSES - 1;

    private final NetworkNamespace ns;
    private final TestLogs logs;
    private final Path work;
    private final List<LoggedProcess> running = new ArrayList<>();
    private int mounts;
    private Path masterConfig;
    private LoggedProcess master;
    private int masterStarts;

    /** A chunkserver as the master lists it ({@code mfscli -SCS}). */
    public record RegisteredChunkserver(String address, int port, String version, long totalSpace) {}

    private RealMooseFs(NetworkNamespace ns, TestLogs logs, Path work) {
        this.ns = ns;
        this.logs = logs;
        this.work = work;
    }

    public static RealMooseFs start(NetworkNamespace ns, TestLogs logs, int chunkservers, boolean metalogger) {
        return start(ns, logs, chunkservers, metalogger, Map.of());
    }

    /** As {@link #start(NetworkNamespace, TestLogs, int, boolean)}, with extra mfsmaster.cfg settings. */
    public static RealMooseFs start(NetworkNamespace ns, TestLogs logs, int chunkservers, boolean metalogger,
                                    Map<String, Object> masterSettings) {
        if (chunkservers < 0 || chunkservers > MAX_CHUNKSERVERS) {
            throw new IllegalArgumentException("chunkservers must be in 0.." + MAX_CHUNKSERVERS + ": " + chunkservers);
        }
        Path work;
        try {
            work = Files.createTempDirectory("jmfs-real-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder for the real MooseFS", e);
        }
        RealMooseFs cluster = new RealMooseFs(ns, logs, work);
        try {
            cluster.startMaster(masterSettings);
            for (int i = 1; i <= chunkservers; i++) {
                cluster.startChunkserver(i);
            }
            cluster.awaitChunkservers(chunkservers);
            if (metalogger) {
                cluster.startMetalogger();
            }
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public NetworkNamespace namespace() {
        return ns;
    }

    public String masterAddress() {
        return ns.address(1);
    }

    public String chunkserverAddress(int index) {
        return ns.address(1 + index);
    }

    public List<LoggedProcess> processes() {
        return Collections.unmodifiableList(running);
    }

    private void startMaster(Map<String, Object> extraSettings) {
        Path data = dir(work.resolve("master"));
        MooseFsConfig.seedNewMetadata(data);
        Path exports = MooseFsConfig.writeFile(logs.dir().resolve("real-mfsexports.cfg"), MooseFsConfig.OPEN_EXPORTS);
        Path topology = MooseFsConfig.writeFile(logs.dir().resolve("real-mfstopology.cfg"), "");
        MooseFsConfig settings = new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", data)
                .set("EXPORTS_FILENAME", exports)
                .set("TOPOLOGY_FILENAME", topology)
                .set("MATOML_LISTEN_HOST", masterAddress())
                .set("MATOCS_LISTEN_HOST", masterAddress())
                .set("MATOCL_LISTEN_HOST", masterAddress());
        extraSettings.forEach(settings::set);
        masterConfig = settings.writeTo(logs.dir().resolve("real-mfsmaster.cfg"));
        launchMaster();
    }

    /** The real master's DATA_PATH (metadata and changelog files). */
    public Path masterDataPath() {
        return work.resolve("master");
    }

    /**
     * Stops the real master with SIGTERM (it writes its metadata, as {@code mfsmaster stop} does) and starts it again
     * on the same data; returns once it answers {@code mfscli} again. Chunkservers and metaloggers reconnect by
     * themselves.
     */
    public void restartMaster() {
        int exitCode = master.stop();
        running.remove(master);
        if (exitCode != 0) {
            throw new IllegalStateException("the real master exited with " + exitCode + " when stopped");
        }
        launchMaster();
    }

    private void launchMaster() {
        String name = masterStarts++ == 0 ? "real-mfsmaster" : "real-mfsmaster-start" + masterStarts;
        master = launch(name, "mfsmaster", masterConfig);
        Poll.until(READY_TIMEOUT, "real master answering mfscli at " + masterAddress(), () -> {
            running.forEach(LoggedProcess::requireAlive);
            String info = cli("-SIN").output();
            return master.isAlive() && info.contains("metadata servers:")
                    && !info.contains("Working master servers not found");
        });
    }

    private void startChunkserver(int index) {
        String name = "real-mfschunkserver" + index;
        Path data = dir(work.resolve("chunkserver" + index));
        Path disk = dir(data.resolve("hdd"));
        Path hdd = MooseFsConfig.writeFile(logs.dir().resolve(name + "-mfshdd.cfg"), disk + "\n");
        Path config = new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", data)
                .set("HDD_CONF_FILENAME", hdd)
                .set("MASTER_HOST", masterAddress())
                .set("BIND_HOST", chunkserverAddress(index))
                .set("CSSERV_LISTEN_HOST", chunkserverAddress(index))
                .set("HDD_TEST_FREQ", 0)
                .writeTo(logs.dir().resolve(name + ".cfg"));
        launch(name, "mfschunkserver", config);
    }

    private void awaitChunkservers(int count) {
        Poll.until(READY_TIMEOUT, count + " real chunkserver(s) registered with known disk space", () -> {
            running.forEach(LoggedProcess::requireAlive);
            List<RegisteredChunkserver> registered = chunkservers();
            return registered.size() >= count && registered.stream().allMatch(cs -> cs.totalSpace() > 0);
        });
    }

    /** The real metalogger's DATA_PATH. */
    public Path metaloggerDataPath() {
        return work.resolve("metalogger");
    }

    private void startMetalogger() {
        Path data = dir(metaloggerDataPath());
        Path config = new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", data)
                .set("MASTER_HOST", masterAddress())
                .writeTo(logs.dir().resolve("real-mfsmetalogger.cfg"));
        launch("real-mfsmetalogger", "mfsmetalogger", config);
        Poll.until(READY_TIMEOUT, "real metalogger connected to the master", () -> {
            running.forEach(LoggedProcess::requireAlive);
            return cli("-SMB").output().lines().anyMatch(line -> line.startsWith("metadata backup loggers:")
                    && line.contains(ns.addressPrefix()));
        });
    }

    private LoggedProcess launch(String name, String daemon, Path config) {
        LoggedProcess process = ns.launch(name, List.of(daemon, "-f", "-c", config.toString()), logs.file(name));
        running.add(process);
        return process;
    }

    /** Runs {@code mfscli -H <master> -p ARGS} inside the namespace. */
    public Shell.Result cli(String... args) {
        List<String> command = new ArrayList<>(List.of("mfscli", "-H", masterAddress(), "-p"));
        command.addAll(List.of(args));
        return ns.run(TOOL_TIMEOUT, command);
    }

    /** The chunkservers the master knows, from {@code mfscli -SCS}. */
    public List<RegisteredChunkserver> chunkservers() {
        return cli("-SCS").output().lines()
                .filter(line -> line.startsWith("chunk servers:"))
                .map(RealMooseFs::parseChunkserver)
                .flatMap(Optional::stream)
                .toList();
    }

    // "chunk servers:" ip port id labels version load maintenance chunks used total ... (tab separated, -p)
    private static Optional<RegisteredChunkserver> parseChunkserver(String line) {
        String[] fields = line.split("\t");
        if (fields.length < 11 || !fields[2].matches("\\d+") || !fields[10].matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(new RegisteredChunkserver(fields[1], Integer.parseInt(fields[2]), fields[5],
                Long.parseLong(fields[10])));
    }

    /**
     * Mounts the cluster with the real {@code mfsmount}, runs the bash {@code script} with the mount point as its
     * working folder, unmounts, and returns the script's exit code and output. Mount, script and unmount share one
     * {@code ip netns exec} shell because that shell's mount table is the only one that has the mount.
     */
    public Shell.Result withRealMount(String script) {
        return withMount("mfsmount \"$MNT\" -H " + masterAddress(), script);
    }

    /**
     * As {@link #withRealMount}, with any mount command: {@code mountCommand} is a bash fragment that mounts at
     * {@code "$MNT"} and returns once the mount is usable (our own client will be plugged in here).
     */
    public Shell.Result withMount(String mountCommand, String script) {
        int number = ++mounts;
        Path mountPoint = dir(work.resolve("mnt" + number));
        Path mountLog = logs.file("mount" + number);
        String wrapper = """
                MNT='%s'
                { %s ; } >>'%s' 2>&1 || { echo "mount failed, see %s"; cat '%s'; exit 97; }
                ( cd "$MNT" && { %s
                } )
                rc=$?
                umount "$MNT" 2>/dev/null || umount -l "$MNT"
                exit $rc
                """.formatted(mountPoint, mountCommand, mountLog, mountLog, mountLog, script);
        return ns.bash(TOOL_TIMEOUT.multipliedBy(4), wrapper);
    }

    /**
     * Stops every daemon, newest first (metalogger and chunkservers before the master, as an operator would), and
     * returns each one's exit code by name; 0 means it shut down cleanly. Idempotent.
     */
    public Map<String, Integer> stop() {
        List<LoggedProcess> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        Map<String, Integer> exitCodes = new LinkedHashMap<>();
        for (LoggedProcess process : reversed) {
            exitCodes.put(process.name(), process.stop());
        }
        running.clear();
        return exitCodes;
    }

    @Override
    public void close() {
        stop();
        FileTrees.delete(work);
    }

    private static Path dir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
