package io.jmfs.daemon;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the daemon in the background the way MooseFS's {@code start} does, without fork: the same program runs
 * again in a new JVM, in the foreground, in its own session (through {@code setsid} when there is one) and with
 * its standard streams away from the terminal. This process relays what the new one prints while it starts, and
 * returns once it reports itself ready (it writes {@code ready} into a file named on its command line) or dies.
 */
final class BackgroundStart {

    private static final String READY = "ready";
    private static final long POLL_MILLIS = 50;

    private final DaemonDefinition daemon;
    private final OutputStream out;

    BackgroundStart(DaemonDefinition daemon, OutputStream out) {
        this.daemon = daemon;
        this.out = out;
    }

    /** Runs the daemon in the background; returns 0 once it is up, else the status to exit with. */
    int run(DaemonOptions options) throws IOException, InterruptedException {
        Path ready = Files.createTempFile("jmfs-" + daemon.name() + "-", ".ready");
        Path output = Files.createTempFile("jmfs-" + daemon.name() + "-", ".out");
        try {
            Process child = new ProcessBuilder(command(options.forBackgroundDaemon(ready)))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
            try (InputStream relay = Files.newInputStream(output)) {
                while (true) {
                    boolean exited = child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    relay.transferTo(out);
                    out.flush();
                    if (isReady(ready)) {
                        return 0;
                    }
                    if (exited) {
                        int status = child.exitValue();
                        return status == 0 ? 1 : status;
                    }
                }
            }
        } finally {
            // The daemon keeps its descriptor of the unlinked output file; nothing else should find it.
            Files.deleteIfExists(output);
            Files.deleteIfExists(ready);
        }
    }

    /** Called by the daemon process once it serves, so that the waiting {@code start} can return. */
    static void reportReady(Path readyFile) throws IOException {
        Files.writeString(readyFile, READY + "\n", StandardCharsets.US_ASCII);
    }

    private static boolean isReady(Path readyFile) throws IOException {
        return Files.readString(readyFile, StandardCharsets.US_ASCII).startsWith(READY);
    }

    private List<String> command(List<String> daemonArgs) {
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String jvmArg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger agent would clash with this JVM's on its port.
            if (!jvmArg.startsWith("-agentlib:jdwp") && !jvmArg.startsWith("-Xrunjdwp")) {
                command.add(jvmArg);
            }
        }
        // bin/'s launcher keeps the AOT cache options for the JVM that runs the service (jmfs-run.sh)
        String aot = System.getenv("JMFS_AOT_OPTS");
        if (aot != null && !aot.isBlank()) {
            command.addAll(List.of(aot.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(daemon.mainClass().getName());
        command.addAll(daemonArgs);
        return command;
    }
}
