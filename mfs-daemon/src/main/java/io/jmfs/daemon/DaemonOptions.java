package io.jmfs.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The parsed command line: MooseFS's options ({@code -c -f -t -u -n -v}), {@code -d} (or {@code -x}) for debug
 * logging, and one action word.
 *
 * @param configFile the {@code -c} file, empty for the daemon's default
 * @param foreground {@code -f}
 * @param debug {@code -d} or {@code -x}
 * @param lockTimeoutSeconds {@code -t}: how long stop, kill and restart wait for the old daemon to go
 * @param readyFile internal: set on the daemon a background start runs, which writes its readiness there
 */
public record DaemonOptions(Action action, Optional<Path> configFile, boolean foreground, boolean debug,
        int lockTimeoutSeconds, boolean version, boolean help, Optional<Path> readyFile, boolean autoRecover) {

    /** Options without {@code -a} (helper-13: {@code -a} added for mfsmaster's metadata auto-recovery). */
    public DaemonOptions(Action action, Optional<Path> configFile, boolean foreground, boolean debug,
            int lockTimeoutSeconds, boolean version, boolean help, Optional<Path> readyFile) {
        this(action, configFile, foreground, debug, lockTimeoutSeconds, version, help, readyFile, false);
    }

    /** MooseFS's default for {@code -t}. */
    public static final int DEFAULT_LOCK_TIMEOUT = 1800;

    /** The hidden option marking the daemon process of a background start. */
    static final String READY_FILE_OPTION = "--jmfs-ready-file";

    /** A command line that cannot be understood; the message says why, the caller shows the usage. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** Parses {@code args}. */
    public static DaemonOptions parse(String... args) throws UsageException {
        Raw raw = new Raw();
        try {
            new CommandLine(raw).setPosixClusteredShortOptionsAllowed(true).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        Action action = Action.START;
        if (raw.action != null) {
            action = Action.parse(raw.action).orElseThrow(() -> new UsageException("unknown action: " + raw.action));
        }
        if (raw.lockTimeout < 0) {
            throw new UsageException("-t takes a number of seconds, not " + raw.lockTimeout);
        }
        return new DaemonOptions(action, Optional.ofNullable(raw.configFile), raw.foreground,
                raw.debug || raw.verbose.length > 0, raw.lockTimeout, raw.version, raw.help,
                Optional.ofNullable(raw.readyFile), raw.autoRecover);
    }

    /** The usage text, in MooseFS's layout. */
    public static String usage(DaemonDefinition daemon) {
        return "usage: " + daemon.name() + " [-vfdun] [-t locktimeout] [-c cfgfile] [start|stop|restart|reload|test|kill]\n"
                + "\n"
                + "-v : print version number and exit\n"
                + "-f : run in foreground\n"
                + "-d : log debug messages (-x is the same)\n"
                + "-u : log undefined config variables (always done)\n"
                + "-n : accepted for compatibility, no effect\n"
                + "-a : (mfsmaster) recover the metadata automatically from the newest consistent state\n"
                + "-t locktimeout : how long to wait for the running daemon to stop (seconds, default "
                + DEFAULT_LOCK_TIMEOUT + ")\n"
                + "-c cfgfile : use given config file (default " + daemon.defaultConfigFile() + ")\n";
    }

    /**
     * The command line of the daemon process a background start runs: this one in the foreground, starting, with
     * an absolute config path (the child may resolve paths differently) and the ready file.
     */
    List<String> forBackgroundDaemon(Path readyFileForChild) {
        List<String> args = new ArrayList<>();
        args.add("-f");
        configFile.ifPresent(file -> {
            args.add("-c");
            args.add(file.toAbsolutePath().toString());
        });
        if (debug) {
            args.add("-d");
        }
        if (autoRecover) {
            args.add("-a");
        }
        args.add("-t");
        args.add(Integer.toString(lockTimeoutSeconds));
        args.add(READY_FILE_OPTION);
        args.add(readyFileForChild.toString());
        args.add(Action.START.word());
        return args;
    }

    @CommandLine.Command(name = "daemon")
    static final class Raw {
        @Option(names = "-c", paramLabel = "cfgfile")
        Path configFile;
        @Option(names = "-f")
        boolean foreground;
        @Option(names = "-d")
        boolean debug;
        @Option(names = "-x")
        boolean[] verbose = new boolean[0];
        @Option(names = "-u")
        boolean logUndefined;
        @Option(names = "-n")
        boolean noCoreLimit;
        @Option(names = "-a")
        boolean autoRecover;
        @Option(names = "-t", paramLabel = "locktimeout")
        int lockTimeout = DEFAULT_LOCK_TIMEOUT;
        @Option(names = "-v")
        boolean version;
        @Option(names = {"-h", "-?", "--help"})
        boolean help;
        @Option(names = READY_FILE_OPTION, hidden = true)
        Path readyFile;
        @Parameters(arity = "0..1", paramLabel = "action")
        String action;
    }
}
