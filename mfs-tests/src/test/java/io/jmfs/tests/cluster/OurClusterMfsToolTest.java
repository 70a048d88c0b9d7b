package io.jmfs.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.tests.harness.FileTrees;
import io.jmfs.tests.harness.KeepLogsOnFailure;
import io.jmfs.tests.harness.Poll;
import io.jmfs.tests.harness.Shell;
import io.jmfs.tests.harness.TestLogs;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code bin/mfs} (our client) against our own master and chunkservers on loopback. */
@Tag("cluster")
@ExtendWith(KeepLogsOnFailure.class)
class OurClusterMfsToolTest {
    private static final Duration TOOL = Duration.ofMinutes(3);

    private static Shell.Result mfs(LocalCluster cluster, String command, String... args) {
        List<String> cmd = new ArrayList<>(List.of(JmfsHome.launcher("mfs").toString(), command, "-H", "127.0.0.1",
                "-P", Integer.toString(cluster.clientPort())));
        cmd.addAll(List.of(args));
        return Shell.run(TOOL, cmd);
    }

    @Test
    void putAndGetRoundTripA200MiBFileThroughOurMasterAndChunkservers(TestLogs logs) throws Exception {
        Path work = Files.createTempDirectory("jmfs-ourtool-");
        try (LocalCluster cluster = LocalCluster.start(logs, 2, false, Readiness.CONNECTED)) {
            Path source = work.resolve("source");
            Random random = new Random(17);
            byte[] buf = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(source)) {
                for (int i = 0; i < 200; i++) {
                    random.nextBytes(buf);
                    out.write(buf);
                }
            }
            // chunkservers report their space shortly after connecting; until then the master cannot place chunks
            Poll.until(Duration.ofSeconds(60), "a first small file written",
                    () -> mfs(cluster, "put", "/dev/null", "/probe").exitCode() == 0
                            && mfs(cluster, "put", "/etc/hostname", "/probe").exitCode() == 0);

            Shell.Result put = mfs(cluster, "put", source.toString(), "/big");
            assertThat(put.exitCode()).as(put.output()).isZero();
            Path back = work.resolve("back");
            Shell.Result get = mfs(cluster, "get", "/big", back.toString());
            assertThat(get.exitCode()).as(get.output()).isZero();
            assertThat(sha256(back)).isEqualTo(sha256(source));
        } finally {
            FileTrees.delete(work);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
