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
import java.util.List;
import java.util.Map;

/**
 * Our master ({@code io.jmfs.master.MasterMain}, from the test class path) inside a network namespace, listening on
 * one of its addresses, with the exports given; mounts of it are made with the real {@code mfsmount} or any other
 * command, inside the namespace.
 */
public final class OurMaster implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);

    private final NetworkNamespace ns;
    private final TestLogs logs;
    private final Path work;
    private final int host;
    private final LoggedProcess process;
    private int mounts;

    private OurMaster(NetworkNamespace ns, TestLogs logs, Path work, int host, LoggedProcess process) {
        this.ns = ns;
        this.logs = logs;
        this.work = work;
        this.host = host;
        this.process = process;
    }

    /** Starts our master at {@code ns.address(host)} with {@code exports} as its mfsexports.cfg. */
    public static OurMaster start(NetworkNamespace ns, TestLogs logs, int host, String exports) {
        return start(ns, logs, host, exports, Map.of());
    }

    public static OurMaster start(NetworkNamespace ns, TestLogs logs, int host, String exports,
                                  Map<String, Object> settings) {
        return start(ns, logs, host, exports, settings, false);
    }

    /** {@link #start}, with {@code -a}: recovering automatically from whatever metadata DATA_PATH holds. */
    public static OurMaster startRecovering(NetworkNamespace ns, TestLogs logs, int host, String exports,
                                            Map<String, Object> settings) {
        return start(ns, logs, host, exports, settings, true);
    }

    private static OurMaster start(NetworkNamespace ns, TestLogs logs, int host, String exports,
                                   Map<String, Object> settings, boolean autoRecover) {
        Path work;
        try {
            work = Files.createTempDirectory("jmfs-our-master-");
            Files.createDirectories(work.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder for our master", e);
        }
        String address = ns.address(host);
        Path exportsFile = MooseFsConfig.writeFile(logs.dir().resolve("our-mfsexports.cfg"), exports);
        MooseFsConfig config = new MooseFsConfig()
                .set("WORKING_USER", "root")
                .set("DATA_PATH", work.resolve("data"))
                .set("EXPORTS_FILENAME", exportsFile)
                .set("MATOML_LISTEN_HOST", address)
                .set("MATOCS_LISTEN_HOST", address)
                .set("MATOCL_LISTEN_HOST", address);
        settings.forEach(config::set);
        Path cfg = config.writeTo(logs.dir().resolve("our-mfsmaster.cfg"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.jmfs.master.MasterMain", "-f", "-c", cfg.toString()));
        if (autoRecover) {
            command.add("-a");
        }
        LoggedProcess process = ns.launch("our-mfsmaster", command, logs.file("our-mfsmaster"));
        OurMaster master = new OurMaster(ns, logs, work, host, process);
        try {
            Poll.until(READY_TIMEOUT, "our master listening at " + address + ":9421", () -> {
                process.requireAlive();
                return ns.bash(Duration.ofSeconds(10), "exec 3<>/dev/tcp/" + address + "/9421").succeeded();
            });
            return master;
        } catch (RuntimeException | Error e) {
            master.close();
            throw e;
        }
    }

    public String address() {
        return ns.address(host);
    }

    /** Our master's DATA_PATH (metadata and changelog files); deleted by {@link #close()}. */
    public Path dataPath() {
        return work.resolve("data");
    }

    public LoggedProcess process() {
        return process;
    }

    /** The master's log so far. */
    public String log() {
        try {
            return Files.readString(process.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mounts with the real mfsmount (extra {@code options} appended), runs {@code script} in the mount, unmounts. */
    public Shell.Result withRealMount(String options, String script) {
        return withMount("mfsmount \"$MNT\" -H " + address() + " " + options, script);
    }

    /**
     * Runs {@code mountCommand} (a bash fragment mounting at {@code "$MNT"}), then {@code script} inside the mount
     * point, then unmounts; all in one shell inside the namespace. Exit code 97 means the mount failed.
     */
    public Shell.Result withMount(String mountCommand, String script) {
        int number = ++mounts;
        Path mountPoint = work.resolve("mnt" + number);
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path mountLog = logs.file("our-mount" + number);
        String wrapper = """
                MNT='%s'
                { %s ; } >>'%s' 2>&1 || { echo "mount failed, see %s"; cat '%s'; exit 97; }
                ( cd "$MNT" && { %s
                } )
                rc=$?
                umount "$MNT" 2>/dev/null || umount -l "$MNT"
                exit $rc
                """.formatted(mountPoint, mountCommand, mountLog, mountLog, mountLog, script);
        return ns.bash(SCRIPT_TIMEOUT, wrapper);
    }

    @Override
    public void close() {
        process.stop();
        FileTrees.delete(work);
    }
}
