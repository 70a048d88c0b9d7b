package io.jmfs.tests.cluster;

import io.jmfs.tests.harness.FileTrees;
import io.jmfs.tests.harness.LoggedProcess;
import io.jmfs.tests.harness.Logs;
import io.jmfs.tests.harness.Poll;
import io.jmfs.tests.harness.TcpProbe;
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
import java.util.function.BooleanSupplier;

/**
 * Our master, N chunkservers and optionally a metalogger, each a separate process started through its {@code bin/}
 * launcher in the foreground, on 127.0.0.1 with free ports, data in a temporary folder and output and configuration
 * in the test's log folder. {@link #start} returns once the cluster is ready; {@link #close} stops it in reverse
 * order and deletes the data.
 */
public final class LocalCluster implements AutoCloseable {
    /** How long one daemon may take to become ready; generous because CI machines are small and shared. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterLayout layout;
    private final Path dataRoot;
    private final List<LoggedProcess> running = new ArrayList<>();
    private LoggedProcess master;
    private LoggedProcess metalogger;

    private LocalCluster(ClusterLayout layout, Path dataRoot) {
        this.layout = layout;
        this.dataRoot = dataRoot;
    }

    /**
     * Starts a cluster with {@code chunkservers} chunkservers and, if asked, a metalogger, and waits until it is
     * {@link Readiness#CONNECTED}.
     */
    public static LocalCluster start(TestLogs logs, int chunkservers, boolean metalogger) {
        return start(logs, chunkservers, metalogger, Readiness.CONNECTED);
    }

    /** Starts a cluster and waits until it reaches {@code readiness}. */
    public static LocalCluster start(TestLogs logs, int chunkservers, boolean metalogger, Readiness readiness) {
        Path dataRoot;
        try {
            dataRoot = Files.createTempDirectory("jmfs-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data folder for the cluster", e);
        }
        ClusterLayout layout = ClusterLayout.allocate(logs.dir(), dataRoot, chunkservers, metalogger);
        LocalCluster cluster = new LocalCluster(layout, dataRoot);
        try {
            cluster.startAll(readiness == Readiness.CONNECTED);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public ClusterLayout layout() {
        return layout;
    }

    /** The port clients (mfsmount, mfscli) connect to. */
    public int clientPort() {
        return layout.master().clientPort();
    }

    public List<LoggedProcess> processes() {
        return Collections.unmodifiableList(running);
    }

    private void startAll(boolean awaitConnections) {
        ClusterLayout.Master master = layout.master();
        LoggedProcess masterProcess = launch("mfsmaster", "mfsmaster", master.config(), master.log());
        this.master = masterProcess;
        awaitReady(masterProcess, "master initialized and listening on ports " + master.ports(),
                () -> initialized(masterProcess) && master.ports().stream().allMatch(TcpProbe::accepts));

        for (ClusterLayout.Chunkserver chunkserver : layout.chunkservers()) {
            LoggedProcess process = launch(chunkserver.name(), "mfschunkserver", chunkserver.config(),
                    chunkserver.log());
            awaitReady(process, chunkserver.name() + " initialized and listening on port " + chunkserver.port(),
                    () -> initialized(process) && TcpProbe.accepts(chunkserver.port()));
        }
        int expected = layout.chunkservers().size();
        if (awaitConnections) {
            awaitReady(masterProcess, expected + " chunkserver connection(s) to the master",
                    () -> TcpProbe.clientsConnectedTo(master.chunkserverPort()) >= expected);
        }

        Optional<ClusterLayout.Metalogger> metalogger = layout.metalogger();
        if (metalogger.isPresent()) {
            LoggedProcess process = launch("mfsmetalogger", "mfsmetalogger", metalogger.get().config(),
                    metalogger.get().log());
            this.metalogger = process;
            awaitReady(process, "metalogger initialized", () -> initialized(process));
            if (awaitConnections) {
                awaitReady(process, "metalogger connected to the master",
                        () -> TcpProbe.clientsConnectedTo(master.metaloggerPort()) >= 1);
            }
        }
    }

    /** MooseFS daemons, and ours, print this line in the foreground once their modules are up. */
    private static boolean initialized(LoggedProcess process) {
        return Logs.read(process.log()).contains("daemon initialized properly");
    }

    private LoggedProcess launch(String name, String daemon, Path config, Path log, String... extraArgs) {
        Path launcher = JmfsHome.launcher(daemon);
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher " + launcher + "; build first: ./mvnw -B -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "-f", "-c", config.toString()));
        command.addAll(List.of(extraArgs));
        LoggedProcess process = LoggedProcess.start(name, command, log, Map.of());
        running.add(process);
        return process;
    }

    /**
     * Waits for {@code condition}, failing at once if the process exits meanwhile. Every daemon started so far is
     * checked, because a master dying while a chunkserver starts is the real cause of that chunkserver's wait.
     */
    private void awaitReady(LoggedProcess process, String what, BooleanSupplier condition) {
        Poll.until(READY_TIMEOUT, what, () -> {
            running.forEach(LoggedProcess::requireAlive);
            process.requireAlive();
            return condition.getAsBoolean();
        });
    }

    /** The running master process (the first one, or the replacement started last). */
    public LoggedProcess master() {
        if (master == null) {
            throw new IllegalStateException("no master running");
        }
        return master;
    }

    /**
     * A crash of the master: SIGKILL, no chance to write anything more. The chunkservers and the metalogger keep
     * running (and keep trying to reconnect).
     */
    public void killMaster() {
        LoggedProcess victim = master();
        ProcessHandle.of(victim.pid()).ifPresent(handle -> {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
            handle.onExit().join();
        });
        running.remove(victim);
        master = null;
    }

    /**
     * Stops the master cleanly (SIGTERM, as {@code mfsmaster stop}: it writes its metadata first); answers its exit
     * code, 0 when clean. Start it again with {@link #startReplacementMaster} on {@code layout().master().dataPath()}.
     */
    public int stopMaster() {
        LoggedProcess stopped = master();
        int code = stopped.stop();
        running.remove(stopped);
        master = null;
        return code;
    }

    /** Stops the metalogger (SIGTERM, as {@code mfsmetalogger stop}); answers its exit code, 0 when clean. */
    public int stopMetalogger() {
        if (metalogger == null) {
            throw new IllegalStateException("no metalogger running");
        }
        int code = metalogger.stop();
        running.remove(metalogger);
        metalogger = null;
        return code;
    }

    /** A new empty folder inside the cluster's data folder (deleted with it by {@link #close}). */
    public Path newDataFolder(String name) {
        try {
            return Files.createDirectories(dataRoot.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data folder " + name, e);
        }
    }

    /**
     * Starts a master in place of the one that died (see {@link #killMaster}): the first master's configuration with
     * {@code dataPath} as DATA_PATH, plus {@code settings}, on the same ports, so the chunkservers reconnect to it by
     * themselves. {@code args} are extra command-line options ({@code -a} for automatic recovery). Returns once it
     * listens and every chunkserver has connected to it.
     */
    public LoggedProcess startReplacementMaster(String name, Path dataPath, Map<String, Object> settings,
                                                String... args) {
        if (master != null) {
            throw new IllegalStateException("a master is still running: " + master);
        }
        ClusterLayout.Master first = layout.master();
        MooseFsConfig config;
        try {
            config = MooseFsConfig.parse(Files.readString(first.config())).set("DATA_PATH", dataPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + first.config(), e);
        }
        settings.forEach(config::set);
        Path configFile = config.writeTo(first.config().resolveSibling(name + ".cfg"));
        LoggedProcess process = launch(name, "mfsmaster", configFile, first.log().resolveSibling(name + ".log"),
                args);
        master = process;
        awaitReady(process, name + " initialized and listening on ports " + first.ports(),
                () -> initialized(process) && first.ports().stream().allMatch(TcpProbe::accepts));
        int expected = layout.chunkservers().size();
        awaitReady(process, expected + " chunkserver connection(s) to " + name,
                () -> TcpProbe.clientsConnectedTo(first.chunkserverPort()) >= expected);
        return process;
    }

    /**
     * Stops every daemon, newest first (metalogger, chunkservers, then the master), and returns each one's exit code
     * by name; 0 means a clean shutdown. Idempotent.
     */
    public Map<String, Integer> stop() {
        List<LoggedProcess> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        if (master != null && reversed.remove(master)) {
            reversed.add(master); // a replacement master was started last, but still goes last
        }
        Map<String, Integer> exitCodes = new LinkedHashMap<>();
        for (LoggedProcess process : reversed) {
            exitCodes.put(process.name(), process.stop());
        }
        running.clear();
        master = null;
        metalogger = null;
        return exitCodes;
    }

    @Override
    public void close() {
        stop();
        FileTrees.delete(dataRoot);
    }
}
