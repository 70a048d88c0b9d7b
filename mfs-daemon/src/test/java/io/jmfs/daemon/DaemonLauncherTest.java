package io.jmfs.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jmfs.daemon.TestDaemon.RecordingService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell run in this JVM, in the foreground, with signals and logging under the test's control. */
class DaemonLauncherTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dataPath;
    Path configFile;
    final ManualSignals signals = new ManualSignals();
    CompletableFuture<Integer> running;

    @BeforeEach
    void writeConfig() throws Exception {
        configFile = dataPath.resolve("test.cfg");
        writeConfig("TEST_PORT = 1000");
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (running != null && !running.isDone()) {
            signals.stop();
            running.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    void writeConfig(String... extraLines) throws Exception {
        StringBuilder text = new StringBuilder("# written by the test\n")
                .append("WORKING_USER = ").append(System.getProperty("user.name")).append('\n')
                .append("DATA_PATH = ").append(dataPath).append('\n');
        for (String line : extraLines) {
            text.append(line).append('\n');
        }
        Files.writeString(configFile, text);
    }

    /** A launcher and what it printed. */
    static final class Run {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DaemonLauncher launcher;

        Run(DaemonDefinition definition, SignalSource signals) {
            launcher = new DaemonLauncher(definition, new PrintStream(bytes, true, StandardCharsets.UTF_8), signals,
                    new NoLogging());
        }

        String output() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    Run startInBackgroundThread(RecordingService service) throws Exception {
        Run run = new Run(TestDaemon.definition(() -> service), signals);
        running = CompletableFuture.supplyAsync(() -> run.launcher.run("-f", "-c", configFile.toString()));
        Poll.until("the daemon to be up", TIMEOUT, () -> run.output().contains("mfstest daemon initialized properly")
                || running.isDone());
        assertThat(running).as(run.output()).isNotDone();
        return run;
    }

    Run runToEnd(RecordingService service, String... args) {
        Run run = new Run(TestDaemon.definition(() -> service), new ManualSignals());
        int status = run.launcher.run(args);
        run.bytes.write(status + '0'); // keep the status next to the output for the assertions below
        return run;
    }

    @Test
    void aForegroundDaemonStartsReportsAndStopsCleanlyOnRequest() throws Exception {
        RecordingService service = new RecordingService();
        Run run = startInBackgroundThread(service);

        assertThat(run.output()).contains("working directory: " + dataPath, "lockfile created and locked",
                "initializing mfstest modules ...", "mfstest daemon initialized properly");
        assertThat(Files.readString(dataPath.resolve(".mfstest.lock")))
                .isEqualTo(ProcessHandle.current().pid() + "\n");

        signals.stop();

        assertThat(running.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(service.calls).containsExactly("start 1000", "stop");
        assertThat(DataDirLock.probe(dataPath.resolve(".mfstest.lock"))).isInstanceOf(DataDirLock.NotRunning.class);
    }

    @Test
    void aSecondInstanceOnTheSameDataPathRefusesAndNamesTheRunningOne() throws Exception {
        RecordingService first = new RecordingService();
        startInBackgroundThread(first);
        RecordingService second = new RecordingService();

        Run refused = runToEnd(second, "-f", "-c", configFile.toString());

        assertThat(refused.output()).contains("can't start: lockfile is already locked by another process (pid "
                + ProcessHandle.current().pid() + ")").endsWith("1");
        assertThat(second.calls).isEmpty();
        assertThat(runToEnd(second, "-c", configFile.toString(), "test").output())
                .isEqualTo("mfstest pid: " + ProcessHandle.current().pid() + "\n0");
    }

    @Test
    void aReloadRereadsTheConfigFileAndABadOneIsRefusedWhileTheDaemonRunsOn() throws Exception {
        RecordingService service = new RecordingService();
        startInBackgroundThread(service);

        ch.qos.logback.classic.Logger lifecycleLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(DaemonLifecycle.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        lifecycleLog.addAppender(logged);
        try {
            writeConfig("TEST_PORT = not-a-port");
            signals.reload();
            Poll.until("the bad reload to be refused", TIMEOUT, () -> logged.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("reload refused") && e.getFormattedMessage()
                            .contains(configFile + ":4: TEST_PORT: 'not-a-port'")));
        } finally {
            lifecycleLog.detachAppender(logged);
        }
        writeConfig("TEST_PORT = 2000");
        signals.reload();

        Poll.until("the second reload", TIMEOUT, () -> service.calls.contains("reload 2000"));
        assertThat(service.calls).containsExactly("start 1000", "reload 2000");
        assertThat(running).isNotDone();
    }

    @Test
    void aBadValueIsRefusedNamingTheFileItsLineAndTheKey() throws Exception {
        writeConfig("# a comment", "TEST_PORT = 70000");
        RecordingService service = new RecordingService();

        Run run = runToEnd(service, "-f", "-c", configFile.toString());

        assertThat(run.output()).contains(configFile + ":5: TEST_PORT: '70000'").endsWith("1");
        assertThat(service.calls).isEmpty();
    }

    @Test
    void anUnknownKeyIsWarnedAboutWhenStarting() throws Exception {
        writeConfig("NO_SUCH_KEY = 1");

        Run run = startInBackgroundThread(new RecordingService());

        assertThat(run.output()).startsWith("warning: " + configFile + ":4: unknown key NO_SUCH_KEY (ignored)\n");
    }

    @Test
    void aConfigFileGivenWithDashCMustExist() {
        Run run = runToEnd(new RecordingService(), "-c", dataPath.resolve("absent.cfg").toString(), "test");

        assertThat(run.output()).isEqualTo("main config file (" + dataPath.resolve("absent.cfg") + ") not found\n1");
    }

    @Test
    void aMissingDefaultConfigFileIsNotFatalAsInMooseFs() {
        DaemonDefinition noDefaultFile = new DaemonDefinition("mfstest", TestDaemon.SCHEMA,
                dataPath.resolve("mfstest.cfg"), TestDaemon.class, RecordingService::new);
        Run run = new Run(noDefaultFile, new ManualSignals());

        int status = run.launcher.run("test");

        // DATA_PATH is then MooseFS's default, where no mfstest daemon runs
        assertThat(run.output()).isEqualTo("mfstest is not running\n");
        assertThat(status).isEqualTo(1);
    }

    @Test
    void aFailedStartIsReportedAndReleasesEverything() throws Exception {
        RecordingService failing = new RecordingService("port 9999 is taken");

        Run run = runToEnd(failing, "-f", "-c", configFile.toString());

        assertThat(run.output()).contains("init: port 9999 is taken", "error occurred during initialization - exiting")
                .endsWith("1");
        assertThat(failing.calls).containsExactly("start 1000", "stop");
        assertThat(DataDirLock.probe(dataPath.resolve(".mfstest.lock"))).isInstanceOf(DataDirLock.NotRunning.class);
    }

    @Test
    void aMissingDataPathIsRefused() throws Exception {
        Files.writeString(configFile, "DATA_PATH = " + dataPath.resolve("missing") + "\n");

        Run run = runToEnd(new RecordingService(), "-f", "-c", configFile.toString());

        assertThat(run.output()).contains("can't set working directory to " + dataPath.resolve("missing")).endsWith("1");
    }

    @Test
    void actionsOnADaemonThatIsNotRunningAnswerAsMooseFsDoes() {
        String cfg = configFile.toString();

        assertThat(runToEnd(new RecordingService(), "-c", cfg, "test").output()).isEqualTo("mfstest is not running\n1");
        assertThat(runToEnd(new RecordingService(), "-c", cfg, "stop").output()).isEqualTo("can't find process to terminate\n0");
        assertThat(runToEnd(new RecordingService(), "-c", cfg, "kill").output()).isEqualTo("can't find process to terminate\n0");
        assertThat(runToEnd(new RecordingService(), "-c", cfg, "reload").output())
                .isEqualTo("can't find process to send reload signal\n1");
    }

    @Test
    void aBadCommandLinePrintsTheUsage() {
        Run run = runToEnd(new RecordingService(), "frobnicate");

        assertThat(run.output()).contains("unknown action: frobnicate", "usage: mfstest [-vfdun]").endsWith("1");
    }

    /** Signals the test sends by hand. */
    static final class ManualSignals implements SignalSource {
        private volatile Runnable reload;
        private volatile Runnable stop;

        @Override
        public void install(Runnable reload, Runnable stop) {
            this.reload = reload;
            this.stop = stop;
        }

        void reload() {
            reload.run();
        }

        void stop() {
            stop.run();
        }
    }

    /** Leaves the test JVM's logging alone. */
    static final class NoLogging implements LoggingSetup {
        @Override
        public void toConsole(boolean debug) {
        }

        @Override
        public void toFile(Path logFile, boolean debug) {
        }
    }
}
