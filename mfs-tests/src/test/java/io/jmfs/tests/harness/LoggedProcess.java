package io.jmfs.tests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process whose standard output and error go, interleaved, to one log file, and which is stopped with its
 * descendants on close: first politely (SIGTERM, as the daemons' own {@code stop} command does), then by force.
 * Launchers are shell scripts and {@code ip netns exec} may fork, so stopping only the direct child is not enough.
 */
public final class LoggedProcess implements AutoCloseable {
    private static final Duration POLITE_STOP = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;

    private LoggedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static LoggedProcess start(String name, List<String> command, Path log, Map<String, String> environment) {
        Objects.requireNonNull(name, "name");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command for " + name);
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return new LoggedProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Throws {@link IllegalStateException} with the end of the log if the process has exited: a readiness probe calls
     * this first, so a daemon that dies while starting fails the wait at once instead of at the deadline.
     */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue()
                    + " while we waited for it; last lines of " + log + ":\n" + Logs.tail(log, 30));
        }
    }

    /**
     * Stops the process, then whatever it started that outlived it; returns the process's exit code (-1 if it had to
     * be killed). The process is signalled alone first: a daemon stops its own helpers in order (the real master
     * its metadata writer), and signalling them at the same time would disturb that.
     */
    public int stop() {
        List<ProcessHandle> family = process.descendants().toList();
        int exitCode = process.isAlive() ? terminate(process.toHandle()) : process.exitValue();
        for (ProcessHandle member : family) {
            if (member.isAlive()) {
                terminate(member);
            }
        }
        return exitCode;
    }

    private int terminate(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(POLITE_STOP.toMillis(), TimeUnit.MILLISECONDS);
            return handle.pid() == process.pid() ? process.waitFor() : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            appendNote("pid " + handle.pid() + " did not stop within " + POLITE_STOP + " after SIGTERM: killed");
        }
        handle.destroyForcibly();
        return -1;
    }

    private void appendNote(String note) {
        try {
            Files.writeString(log, "[harness] " + name + " " + note + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the note is a courtesy; failing to write it must not hide the stop itself
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
