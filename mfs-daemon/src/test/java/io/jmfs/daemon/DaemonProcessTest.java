package io.jmfs.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell as users meet it: separate {@code java} processes running {@link TestDaemon#main}, started in the
 * background, checked, reloaded and stopped through the command line.
 */
class DaemonProcessTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataPath;
    Path configFile;
    Long daemonPid;

    record Result(int status, String output) {
    }

    @BeforeEach
    void writeConfig() throws IOException {
        configFile = dataPath.resolve("mfstest.cfg");
        Files.writeString(configFile, "WORKING_USER = " + System.getProperty("user.name") + "\nDATA_PATH = " + dataPath
                + "\nTEST_PORT = 1000\n");
    }

    @AfterEach
    void killLeftovers() {
        if (daemonPid != null) {
            ProcessHandle.of(daemonPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    Result daemon(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TestDaemon.class.getName()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dataPath, "out", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish: " + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    @Test
    void startReturnsOnceTheDaemonIsUpAndStopEndsIt() throws Exception {
        Result start = daemon("-c", configFile.toString(), "start");
        assertThat(start.status()).as(start.output()).isZero();
        assertThat(start.output()).contains("lockfile created and locked", "mfstest daemon initialized properly");

        Result test = daemon("-c", configFile.toString(), "test");
        assertThat(test.status()).as(test.output()).isZero();
        daemonPid = pidIn(test.output()).orElseThrow(() -> new AssertionError("no pid in: " + test.output()));
        assertThat(ProcessHandle.of(daemonPid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        assertThat(Files.readString(dataPath.resolve(".mfstest.lock"))).isEqualTo(daemonPid + "\n");

        Result second = daemon("-c", configFile.toString(), "start");
        assertThat(second.status()).isEqualTo(1);
        assertThat(second.output())
                .contains("can't start: lockfile is already locked by another process (pid " + daemonPid + ")");

        Files.writeString(configFile, "TEST_PORT = 2000\n", java.nio.file.StandardOpenOption.APPEND);
        Result reload = daemon("-c", configFile.toString(), "reload");
        assertThat(reload).isEqualTo(new Result(0, "reload signal has been sent\n"));
        Path log = dataPath.resolve("mfstest.log");
        Poll.until("the reload in the log", TIMEOUT, () -> logContains(log, "reloaded with TEST_PORT 2000"));

        Result stop = daemon("-c", configFile.toString(), "stop");
        assertThat(stop.status()).as(stop.output()).isZero();
        assertThat(stop.output()).isEqualTo("sending SIGTERM to lock owner (pid:" + daemonPid + ")\n"
                + "waiting for termination terminated\n");
        Poll.until("the daemon process to exit", TIMEOUT, () -> ProcessHandle.of(daemonPid).isEmpty()
                || !ProcessHandle.of(daemonPid).get().isAlive());
        assertThat(logContains(log, "mfstest stopped")).isTrue();

        assertThat(daemon("-c", configFile.toString(), "test")).isEqualTo(new Result(1, "mfstest is not running\n"));
    }

    @Test
    void killEndsTheDaemonAtOnce() throws Exception {
        assertThat(daemon("-c", configFile.toString(), "start").status()).isZero();
        daemonPid = pidIn(daemon("-c", configFile.toString(), "test").output()).orElseThrow();

        Result kill = daemon("-c", configFile.toString(), "kill");

        assertThat(kill.output()).startsWith("sending SIGKILL to lock owner (pid:" + daemonPid + ")");
        assertThat(kill.status()).isZero();
        assertThat(daemon("-c", configFile.toString(), "test").status()).isEqualTo(1);
    }

    @Test
    void aBackgroundStartWithABadConfigFailsInTheForegroundNamingTheLine() throws Exception {
        Files.writeString(configFile, "DATA_PATH = " + dataPath + "\nTEST_PORT = 99999\n");

        Result start = daemon("-c", configFile.toString(), "start");

        assertThat(start.status()).isEqualTo(1);
        assertThat(start.output()).contains(configFile + ":2: TEST_PORT: '99999'");
    }

    static Optional<Long> pidIn(String output) {
        Matcher m = Pattern.compile("mfstest pid: (\\d+)").matcher(output);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
