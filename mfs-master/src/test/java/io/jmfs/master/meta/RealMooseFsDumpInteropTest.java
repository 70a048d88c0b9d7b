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
        // the real master keeps its own order of hard links and sustained files: compare record by record
        List<String> theirs = sortedRecords(real.resolve("metadata.mfs"));
        List<String> ours = sortedRecords(dir.resolve("ours.mfs"), state);
        // The real master runs its free-inodes task once a minute: when it fires between start and stop it releases
        // freed inodes whose reuse delay has passed and bumps the version. So FREE records may only disappear, and
        // the version line is compared apart from them.
        assertThat(withoutFreeInodesAndVersion(theirs)).isEqualTo(withoutFreeInodesAndVersion(ours));
        assertThat(ours).containsAll(theirs.stream().filter(l -> l.startsWith("FREE|")).toList());
        assertThat(ours.stream().filter(l -> l.matches("SCLASS\\|i:\\d\\d+\\|.*")))
                .as("user-defined storage classes went through the real master too").isNotEmpty();
        assertThat(back.metaId()).isEqualTo(state.metaId());
        assertThat(back.chunks().size()).isEqualTo(state.chunks().size());
        assertThat(MetaCheck.problems(back)).isEmpty();
    }

    private static List<String> withoutFreeInodesAndVersion(List<String> records) {
        return records.stream().filter(l -> !l.startsWith("FREE|") && !l.startsWith("# free nodes:")
                && !l.startsWith("# version:")).toList();
    }

    private static List<String> sortedRecords(Path dump) throws Exception {
        java.io.StringWriter text = new java.io.StringWriter();
        io.jmfs.master.meta.tools.MetaDumpMainAccess.print(dump, new java.io.PrintWriter(text));
        // CHUNK: the real master clears expired lock times when it stores; OPENFILE: it keeps open files only of
        // sessions it knows, and this workload opens files for session ids without a session record
        return text.toString().lines().filter(l -> !l.startsWith("CHUNK|") && !l.startsWith("OPENFILE|")).sorted()
                .toList();
    }

    private static List<String> sortedRecords(Path file, MetaState state) throws Exception {
        DumpWriter.write(state, file);
        return sortedRecords(file);
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
