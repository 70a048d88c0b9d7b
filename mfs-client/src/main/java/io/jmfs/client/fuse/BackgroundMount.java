package io.jmfs.client.fuse;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * mfsmount's daemon mode without fork: the same command runs again in a new JVM in its own session (setsid),
 * in the foreground, with its output going to a file this process relays. This process returns 0 once the new one
 * reports the mount ready, or the new one's status when it dies first.
 */
final class BackgroundMount {
    private static final long POLL_MILLIS = 50;
    private final PrintStream err;

    BackgroundMount(PrintStream err) {
        this.err = err;
    }

    int run(String[] args, Optional<String> password) throws IOException, InterruptedException {
        Path ready = Files.createTempFile("jmfs-mfsmount-", ".ready");
        Path output = Files.createTempFile("jmfs-mfsmount-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command(args))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            pb.environment().put(MfsMount.READY_ENV, ready.toString());
            password.ifPresent(p -> pb.environment().put(MfsMount.PASSWORD_ENV, p));
            Process child = pb.start();
            try (InputStream relay = Files.newInputStream(output)) {
                while (true) {
                    boolean exited = child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    relay.transferTo(err);
                    if (exited) {
                        return child.exitValue() == 0 ? 1 : child.exitValue();
                    }
                    if ("ready".equals(Files.readString(ready).trim())) {
                        return 0;
                    }
                }
            }
        } finally {
            Files.deleteIfExists(ready);
            Files.deleteIfExists(output);
        }
    }

    private static List<String> command(String[] args) {
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String jvmArg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
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
        command.add(MfsMount.class.getName());
        command.addAll(List.of(args));
        return command;
    }
}
