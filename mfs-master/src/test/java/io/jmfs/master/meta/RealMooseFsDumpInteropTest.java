package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our metadata.mfs against the real MooseFS 3.0.117 tools: its mfsmetadump reads our dumps, and its master loads
 * our dump and stores the same namespace back. Needs the Debian mfsmaster package (and root, as its master wants a
 * working user); skips without unless MFS_INTEROP=required.
 */
@Tag("interop")
class RealMooseFsDumpInteropTest {
    private static final Path METADUMP = Path.of("/usr/sbin/mfsmetadump");
    private static final Path MASTER = Path.of("/usr/sbin/mfsmaster");

    @TempDir
    Path dir;

    @BeforeEach
    void prerequisites() {
        boolean present = Files.isExecutable(METADUMP) && Files.isExecutable(MASTER)
                && "root".equals(System.getProperty("user.name"));
        if (!present && "required".equals(System.getenv("MFS_INTEROP"))) {
            throw new AssertionError("MFS_INTEROP=required but mfsmetadump/mfsmaster (as root) are not available");
        }
        Assumptions.assumeTrue(present, "real MooseFS 3.0.117 tools not installed (or not root)");
    }

    /** A state with every kind of content: files with chunks, trash, sustained, xattrs, devices, open files. */
    private MetaState workload(Path data, long seed) throws Exception {
        try (LiveFixture fx = new LiveFixture(data, false)) {
            assertThat(fx.randomOps(new Random(seed), 3000)).isGreaterThan(300);
            fx.persistence.changelog().writer().flush().join();
            return fx.state;
        }
    }

    @Test
    void theRealMfsmetadumpReadsOurDumpWithTheSameCounts() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        MetaState state = workload(data, 11);
        Path dump = dir.resolve("ours.mfs");
        DumpWriter.write(state, dump);
        Process p = new ProcessBuilder(METADUMP.toString(), dump.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(text.lines().reduce("", (a, b) -> b)).isZero();
        List<String> lines = text.lines().toList();
        int[] edges = {0};
        state.namespace().persistence().forEachEdge((pa, c, id, n) -> edges[0]++);
        assertThat(lines.stream().filter(l -> l.startsWith("NODE|")).count())
                .isEqualTo(state.namespace().persistence().nodeCount());
        assertThat(lines.stream().filter(l -> l.startsWith("EDGE|")).count()).isEqualTo(edges[0]);
        assertThat(lines.stream().filter(l -> l.startsWith("CHUNK|")).count()).isEqualTo(state.chunks().size());
        assertThat(text).contains("MFS END OF FILE MARKER");
    }

    @Test
    void theRealMasterLoadsOurDumpAndStoresTheSameNamespace() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        MetaState state = workload(data, 12);
        // the real master expires chunk locks at store time and does not know our sessions' stats: compare without
        // lock times; sessions are compared by the SESS section's presence only through the loader
        Path real = Files.createDirectory(dir.resolve("real"));
        DumpWriter.write(state, real.resolve("metadata.mfs"));
        runRealMaster(real);
        MetaState back = MetaState.standalone(0);
        DumpReader.load(real.resolve("metadata.mfs"), back);
        assertThat(back.namespace().canonicalListing()).isEqualTo(state.namespace().canonicalListing());
        assertThat(back.metaId()).isEqualTo(state.metaId());
        assertThat(back.chunks().size()).isEqualTo(state.chunks().size());
        assertThat(MetaCheck.problems(back)).isEmpty();
    }

    private void runRealMaster(Path data) throws Exception {
        Path exports = dir.resolve("mfsexports.cfg");
        Files.writeString(exports, "* / rw,alldirs,maproot=0\n");
        Path cfg = dir.resolve("mfsmaster.cfg");
        Files.writeString(cfg, "WORKING_USER = root\nWORKING_GROUP = root\nDATA_PATH = " + data + "\n"
                + "EXPORTS_FILENAME = " + exports + "\n"
                + "MATOML_LISTEN_HOST = 127.0.0.1\nMATOML_LISTEN_PORT = " + freePort() + "\n"
                + "MATOCS_LISTEN_HOST = 127.0.0.1\nMATOCS_LISTEN_PORT = " + freePort() + "\n"
                + "MATOCL_LISTEN_HOST = 127.0.0.1\nMATOCL_LISTEN_PORT = " + freePort() + "\n");
        run(MASTER.toString(), "-c", cfg.toString(), "start");
        run(MASTER.toString(), "-c", cfg.toString(), "stop");
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ":\n" + out).isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
