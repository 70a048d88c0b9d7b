package io.jmfs.daemon;

import io.jmfs.daemon.DataDirLock.Acquired;
import io.jmfs.daemon.DataDirLock.NotRunning;
import io.jmfs.daemon.DataDirLock.Refused;
import io.jmfs.daemon.DataDirLock.Running;
import io.jmfs.daemon.DataDirLock.State;
import io.jmfs.daemon.config.CommonKeys;
import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.config.ConfigException;
import io.jmfs.daemon.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one daemon's command line: parses it, loads the config file, and carries out the action with MooseFS's
 * messages and exit statuses (0 for success; {@code test} gives 1 when the daemon is not running; {@code stop}
 * and {@code kill} succeed when there is nothing to stop).
 *
 * <p>User-facing progress lines go to standard error, as MooseFS prints them; diagnostics go through SLF4J.
 */
public final class DaemonLauncher {

    /** The MooseFS release whose behaviour and wire jmfs follows. */
    public static final String MOOSEFS_VERSION = "3.0.117";

    private static final Logger log = LoggerFactory.getLogger(DaemonLauncher.class);

    private final DaemonDefinition daemon;
    private final PrintStream err;
    private final SignalSource signals;
    private final LoggingSetup logging;

    public DaemonLauncher(DaemonDefinition daemon, PrintStream err, SignalSource signals, LoggingSetup logging) {
        this.daemon = Objects.requireNonNull(daemon, "daemon");
        this.err = Objects.requireNonNull(err, "err");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.logging = Objects.requireNonNull(logging, "logging");
    }

    /** The entry point of a daemon's {@code main}: runs {@code args} and exits the JVM with the status. */
    public static void main(DaemonDefinition daemon, String[] args) {
        DaemonLauncher launcher = new DaemonLauncher(daemon, System.err, new OsSignals(), new LogbackSetup(daemon.name()));
        System.exit(launcher.run(args));
    }

    /** Runs the command line {@code args}; returns the exit status. */
    public int run(String... args) {
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(args);
        } catch (DaemonOptions.UsageException e) {
            err.println(e.getMessage());
            err.print(DaemonOptions.usage(daemon));
            return 1;
        }
        if (options.help()) {
            err.print(DaemonOptions.usage(daemon));
            return 0;
        }
        if (options.version()) {
            err.println("version: " + MOOSEFS_VERSION + " (jmfs " + jmfsVersion() + ")");
            return 0;
        }
        logging.toConsole(options.debug());
        boolean backgroundDaemon = options.readyFile().isPresent();
        List<String> warnings = new ArrayList<>();
        Optional<Config> loaded = loadConfig(options, warnings);
        boolean starting = options.action() == Action.START || options.action() == Action.RESTART;
        if (!backgroundDaemon && starting) {
            warnings.forEach(warning -> err.println("warning: " + warning));
        }
        if (loaded.isEmpty()) {
            return 1;
        }
        Config config = loaded.get();
        Path lockFile = config.get(CommonKeys.DATA_PATH).resolve(daemon.lockFileName());
        try {
            return switch (options.action()) {
                case TEST -> test(lockFile);
                case STOP -> stop(lockFile, false, options.lockTimeoutSeconds());
                case KILL -> stop(lockFile, true, options.lockTimeoutSeconds());
                case RELOAD -> reload(lockFile);
                case RESTART -> {
                    int stopped = stop(lockFile, false, options.lockTimeoutSeconds());
                    yield stopped != 0 ? stopped : start(options, config, warnings);
                }
                case START -> start(options, config, warnings);
            };
        } catch (IOException e) {
            err.println(daemon.name() + ": " + e.getMessage());
            log.debug("action failed", e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(daemon.name() + ": interrupted");
            return 1;
        }
    }

    private Optional<Config> loadConfig(DaemonOptions options, List<String> warnings) {
        Path file = options.configFile().orElse(daemon.defaultConfigFile());
        ConfigLoader loader = new ConfigLoader(daemon.schema(), warnings::add);
        if (!Files.exists(file)) {
            if (options.configFile().isPresent()) {
                err.println("main config file (" + file + ") not found");
                return Optional.empty();
            }
            // MooseFS runs on defaults when its default config file is missing.
            warnings.add("main config file (" + file + ") not found - using defaults");
            return Optional.of(Config.defaults(daemon.schema()));
        }
        try {
            return Optional.of(loader.load(file));
        } catch (ConfigException e) {
            err.println("can't load config file: " + e.getMessage());
            return Optional.empty();
        }
    }

    private int test(Path lockFile) throws IOException {
        State state = DataDirLock.probe(lockFile);
        if (state instanceof Running running) {
            err.println(daemon.name() + " pid: " + (running.pid().isPresent() ? Long.toString(running.pid().getAsLong()) : "unknown"));
            return 0;
        }
        err.println(daemon.name() + " is not running");
        return 1;
    }

    private int reload(Path lockFile) throws IOException, InterruptedException {
        if (!(DataDirLock.probe(lockFile) instanceof Running running)) {
            err.println("can't find process to send reload signal");
            return 1;
        }
        if (running.pid().isEmpty() || !ProcessSignals.hangUp(running.pid().getAsLong())) {
            err.println("can't send reload signal to lock owner (" + running.describePid() + ")");
            return 1;
        }
        err.println("reload signal has been sent");
        return 0;
    }

    private int stop(Path lockFile, boolean kill, int timeoutSeconds) throws IOException, InterruptedException {
        if (!(DataDirLock.probe(lockFile) instanceof Running running)) {
            err.println("can't find process to terminate");
            return 0;
        }
        String signal = kill ? "SIGKILL" : "SIGTERM";
        long pid = running.pid().orElse(-1);
        if (pid <= 0 || pid == ProcessHandle.current().pid()) {
            err.println("can't send " + signal + " to lock owner (" + running.describePid() + ")");
            return 1;
        }
        err.println("sending " + signal + " to lock owner (pid:" + pid + ")");
        if (!(kill ? ProcessSignals.kill(pid) : ProcessSignals.terminate(pid))) {
            err.println("can't signal lock owner (pid:" + pid + "): no such process");
            return 1;
        }
        err.print("waiting for termination ");
        err.flush();
        long start = System.nanoTime();
        long nextDot = TimeUnit.SECONDS.toNanos(10);
        while (DataDirLock.probe(lockFile) instanceof Running) {
            long waited = System.nanoTime() - start;
            if (waited >= TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
                err.println(":giving up");
                return 1;
            }
            if (waited >= nextDot) {
                err.print(".");
                err.flush();
                nextDot += TimeUnit.SECONDS.toNanos(10);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        err.println("terminated");
        return 0;
    }

    private int start(DaemonOptions options, Config config, List<String> warnings)
            throws IOException, InterruptedException {
        if (options.foreground()) {
            return runHere(options, config, warnings);
        }
        Path lockFile = config.get(CommonKeys.DATA_PATH).resolve(daemon.lockFileName());
        if (DataDirLock.probe(lockFile) instanceof Running running) {
            err.println(alreadyLocked(running));
            return 1;
        }
        return new BackgroundStart(daemon, err).run(options);
    }

    /** Runs the daemon in this process until it is asked to stop. */
    private int runHere(DaemonOptions options, Config config, List<String> warnings)
            throws IOException, InterruptedException {
        Path dataPath = config.get(CommonKeys.DATA_PATH);
        err.println("working directory: " + dataPath);
        if (!Files.isDirectory(dataPath)) {
            err.println("can't set working directory to " + dataPath + ": no such directory");
            return 1;
        }
        DataDirLock.Attempt attempt;
        try {
            attempt = DataDirLock.tryAcquire(dataPath.resolve(daemon.lockFileName()));
        } catch (IOException e) {
            err.println("can't create lockfile in working directory: " + e.getMessage());
            return 1;
        }
        if (attempt instanceof Refused refused) {
            err.println(alreadyLocked(refused.owner()));
            return 1;
        }
        try (DataDirLock lock = ((Acquired) attempt).lock()) {
            err.println("lockfile created and locked");
            if (options.readyFile().isPresent()) {
                logging.toFile(dataPath.resolve(daemon.logFileName()), options.debug());
                warnings.forEach(log::warn);
            }
            log.info("{} (jmfs {}) starting: config {}, lock file {}", daemon.name(), jmfsVersion(),
                    config.source().map(Path::toString).orElse("(defaults)"), lock.file());
            warnAboutUnsupportedSettings(config);
            return new DaemonLifecycle(daemon, config, options, signals, err).run();
        }
    }

    private String alreadyLocked(Running owner) {
        return "can't start: lockfile is already locked by another process (" + owner.describePid() + ")";
    }

    private void warnAboutUnsupportedSettings(Config config) {
        String user = System.getProperty("user.name");
        String wanted = config.get(CommonKeys.WORKING_USER);
        if (!wanted.equals(user)) {
            log.warn("WORKING_USER is {} but a JVM cannot switch users: running as {}", wanted, user);
        }
        if (config.get(CommonKeys.LOCK_MEMORY)) {
            log.warn("LOCK_MEMORY = 1 is not supported by jmfs: memory is not locked");
        }
    }

    private static String jmfsVersion() {
        String version = DaemonLauncher.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }
}
