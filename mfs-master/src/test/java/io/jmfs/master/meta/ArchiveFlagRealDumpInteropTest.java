package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.Namespace;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archive flags in our dump against the real MooseFS 3.0.117 tools: its mfsmetadump prints them, its master loads
 * them and stores them back, and we read that dump with the same flags. Needs the Debian mfsmaster package (as
 * root); skips without unless MFS_INTEROP=required.
 */
@Tag("interop")
class ArchiveFlagRealDumpInteropTest {
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

    @Test
    void theRealToolsReadOurArchiveFlagsAndWeReadTheRealMastersBack() throws Exception {
        MetaState state = MetaState.standalone(7, () -> 1_700_000_000);
        Namespace ns = state.namespace();
        for (int i = 1; i <= 3; i++) {
            int f = ns.create(Credentials.ROOT, 1, ("f" + i).getBytes(StandardCharsets.UTF_8), 0644, 0).orThrow()
                    .inode();
            state.chunks().load(i, 1, 0);
            ns.setLength(f, 1000, true);
            ns.setChunk(f, 0, i);
            if (i != 2) {
                ns.changeArchive(f, 0, true).orThrow();
            }
        }
        Path data = Files.createDirectory(dir.resolve("data"));
        DumpWriter.write(state, data.resolve("metadata.mfs"));

        Process p = new ProcessBuilder(METADUMP.toString(), data.resolve("metadata.mfs").toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(text).isZero();
        assertThat(text.lines().filter(l -> l.startsWith("CHUNK|")).map(l -> l.substring(l.lastIndexOf('|') + 1)))
                .containsExactly("a:1", "a:0", "a:1");

        runRealMaster(data); // loads our dump, stores its own at stop
        MetaState back = MetaState.standalone(0);
        DumpReader.load(data.resolve("metadata.mfs"), back);

        assertThat(back.chunks().get(1).isArchived()).isTrue();
        assertThat(back.chunks().get(2).isArchived()).isFalse();
        assertThat(back.chunks().get(3).isArchived()).isTrue();
        assertThat(back.namespace().archiveCounts(Namespace.ROOT).orThrow().archivedFiles()).isEqualTo(2);
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
