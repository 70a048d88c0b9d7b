package io.jmfs.client.fuse;

import ch.qos.logback.classic.Level;
import io.jmfs.client.Credentials;
import io.jmfs.client.MfsClient;
import io.jmfs.client.cache.XattrCache;
import io.jmfs.client.master.MasterOptions;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * bin/mfsmount: mounts a MooseFS export through FUSE. Without -f it starts itself again in the background
 * ({@link BackgroundMount}) and returns once the mount is up, as mfsmount does. The process ends when the file
 * system is unmounted (umount MOUNTPOINT) or on SIGTERM/SIGINT, which unmount it after flushing open files.
 * A lost master connection is reopened into the same session; calls wait for it instead of failing.
 */
public final class MfsMount {
    /** Set for the background process: the file it reports "ready" in once mounted. */
    static final String READY_ENV = "JMFS_MFSMOUNT_READY";
    /** The password handed from the foreground process to the background one (-p). */
    static final String PASSWORD_ENV = "JMFS_MFSMOUNT_PASSWORD";
    /** How long a request waits for a master that went away: in practice for ever, as mfsmount does. */
    private static final Duration MASTER_PATIENCE = Duration.ofDays(3650);

    private MfsMount() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            err.print(MountOptions.USAGE);
            return 0;
        }
        MountOptions options;
        try {
            options = MountOptions.parse(args);
        } catch (MountOptions.UsageException e) {
            err.println("mfsmount: " + e.getMessage());
            err.print(MountOptions.USAGE);
            return 1;
        }
        setLogLevel(options.debug() ? Level.DEBUG : Level.WARN);
        options.ignored().forEach(o -> err.println("mfsmount: option " + o + " is not supported, ignored"));
        Optional<String> password = options.password();
        String handed = System.getenv(PASSWORD_ENV);
        if (handed != null) {
            password = Optional.of(handed);
        } else if (options.askPassword()) {
            Console console = System.console();
            if (console == null) {
                err.println("mfsmount: -p needs a terminal to read the password from");
                return 1;
            }
            char[] typed = console.readPassword("MFS Password:");
            password = Optional.of(typed == null ? "" : new String(typed));
        }
        String ready = System.getenv(READY_ENV);
        if (!options.foreground() && ready == null) {
            try {
                return new BackgroundMount(err).run(args, password);
            } catch (IOException e) {
                err.println("mfsmount: cannot start in the background: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        return mountAndServe(options, password, ready == null ? null : Path.of(ready), err);
    }

    private static int mountAndServe(MountOptions options, Optional<String> password, Path ready,
                                     PrintStream err) {
        if (!Files.isDirectory(options.mountpoint())) {
            err.println("mfsmount: mountpoint " + options.mountpoint() + " is not a directory");
            return 1;
        }
        Path mountpoint = options.mountpoint().toAbsolutePath().normalize();
        MasterOptions master = new MasterOptions(options.host(), options.port(), options.subfolder(), password,
                mountpoint.toString(), MASTER_PATIENCE);
        MfsClient client;
        try {
            client = MfsClient.connect(master, Credentials.ROOT);
        } catch (IOException e) {
            err.println("mfsmount: can't connect to master (" + options.host() + ":" + options.port() + "): "
                    + e.getMessage());
            return 1;
        }
        ToolProxy proxy = null;
        try {
            proxy = ToolProxy.start(client.session());
        } catch (IOException e) {
            err.println("mfsmount: tool proxy not started (mfs tools will not work here): " + e.getMessage());
        }
        ToolProxy p = proxy;
        err.println("mfsmaster accepted connection with parameters: session " + client.session().session()
                .sessionId());
        MfsFilesystem fs = new MfsFilesystem(client, new SpecialFiles(p == null ? null : p::masterInfo),
                new XattrCache(options.xattrCacheTimeout()));
        FuseSession session = new FuseSession(LibFuse.load(), fs,
                new CacheTimeouts(options.attrCacheTimeout(), options.entryCacheTimeout(),
                        options.direntryCacheTimeout()));
        try {
            session.mount(options.fuseArgs(Credentials.ofCurrentProcess().isRoot()), mountpoint);
        } catch (IOException e) {
            err.println("mfsmount: " + e.getMessage());
            if (p != null) {
                p.close();
            }
            client.close();
            return 1;
        }
        Thread hook = new Thread(() -> {
            session.unmount();
            try {
                session.awaitClosed(60_000); // the main thread flushes open files before the JVM may end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mfsmount-unmount");
        Runtime.getRuntime().addShutdownHook(hook);
        if (ready != null) {
            try {
                Files.writeString(ready, "ready", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                err.println("mfsmount: cannot report readiness: " + e.getMessage());
            }
        }
        int status = session.loop();
        session.close();
        if (p != null) {
            p.close();
        }
        client.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is what ended the loop
        }
        return status == 0 ? 0 : 1;
    }

    private static void setLogLevel(Level level) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(level);
        }
    }
}
