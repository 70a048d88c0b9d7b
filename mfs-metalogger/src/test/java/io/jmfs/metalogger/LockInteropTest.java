package io.jmfs.metalogger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our metalogger and MooseFS 3.0.117's share the lock file format: whichever runs first on a DATA_PATH keeps the
 * other out, and each finds the other's pid. Needs root and the real {@code mfsmetalogger}.
 */
@Tag("interop")
class LockInteropTest {

    static final Path REAL = Path.of("/usr/sbin/mfsmetalogger");

    @TempDir
    Path dataPath;
    Path configFile;

    record Result(int status, String output) {
    }

    @BeforeEach
    void prerequisites() throws IOException {
        boolean ready = Files.isExecutable(REAL) && "root".equals(System.getProperty("user.name"));
        if (!ready) {
            String why = "needs root and " + REAL;
            if ("required".equals(System.getenv("MFS_INTEROP"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        configFile = dataPath.resolve("mfsmetalogger.cfg");
        // A master that is not there: both daemons keep trying to connect, which is all this test needs.
        Files.writeString(configFile, "WORKING_USER = root\nWORKING_GROUP = root\nDATA_PATH = " + dataPath
                + "\nMASTER_HOST = 127.0.0.1\nMASTER_PORT = 1\nMASTER_RECONNECTION_DELAY = 1\n");
    }

    @AfterEach
    void stopBoth() throws Exception {
        if (configFile != null) {
            run(List.of(REAL.toString(), "-c", configFile.toString(), "kill"));
            ours("kill");
        }
    }

    Result ours(String action) throws IOException, InterruptedException {
        return run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), MetaloggerMain.class.getName(), "-c", configFile.toString(), action));
    }

    Result real(String action) throws IOException, InterruptedException {
        return run(List.of(REAL.toString(), "-c", configFile.toString(), action));
    }

    Result run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dataPath, "out", ".txt");
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish: " + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    long pidInLockFile() throws IOException {
        return Long.parseLong(Files.readString(dataPath.resolve(".mfsmetalogger.lock")).strip());
    }

    @Test
    void mooseFsRefusesToStartOnOurDataPathAndFindsOurPid() throws Exception {
        assertThat(ours("start").status()).isZero();
        long ourPid = pidInLockFile();

        Result realStart = real("start");
        Result realTest = real("test");

        assertThat(realStart.status()).isEqualTo(1);
        assertThat(realStart.output()).contains("can't start: lockfile is already locked by another process");
        assertThat(realTest.output()).contains("mfsmetalogger pid: " + ourPid);
        assertThat(ours("stop").status()).isZero();
    }

    @Test
    void weRefuseToStartOnMooseFsDataPathAndNameItsPid() throws Exception {
        assertThat(real("start").status()).isZero();
        long realPid = pidInLockFile();

        Result ourStart = ours("start");

        assertThat(ourStart.status()).isEqualTo(1);
        assertThat(ourStart.output()).contains("can't start: lockfile is already locked by another process (pid " + realPid + ")");
        Result stop = ours("stop");
        assertThat(stop.output()).contains("sending SIGTERM to lock owner (pid:" + realPid + ")", "terminated");
        assertThat(real("test").status()).isEqualTo(1);
    }
}
