package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's packages and admins create a new file system with an "MFSM NEW" metadata.mfs, as the real master reads it. */
class NewFileSystemMarkerTest {

    @TempDir
    Path dir;

    @Test
    void theBareMarkerStartsANewFileSystem() throws Exception {
        Files.writeString(dir.resolve("metadata.mfs"), "MFSM NEW");
        assertThat(MetadataStartup.plan(dir, false).newFileSystem()).isTrue();
    }

    @Test
    void theMarkerWrittenByEchoWithItsNewlineStartsANewFileSystem() throws Exception {
        Files.writeString(dir.resolve("metadata.mfs"), "MFSM NEW\n");
        assertThat(MetadataStartup.plan(dir, false).newFileSystem()).isTrue();
    }

    @Test
    void anythingElseAfterTheSignatureIsNotTheMarker() throws Exception {
        Path file = dir.resolve("metadata.mfs");
        Files.writeString(file, "MFSM NEW\nsomething");
        assertThat(DumpReader.isNewFsMarker(file)).isFalse();
        Files.writeString(file, "MFSM NEX\n");
        assertThat(DumpReader.isNewFsMarker(file)).isFalse();
    }

    /** What a real master killed before its first dump leaves: the marker renamed to .back, and its changelog. */
    @Test
    void withMinusAChangelogsFromVersionOneAfterTheMarkerAreReplayedOntoANewFileSystem() throws Exception {
        Files.writeString(dir.resolve("metadata.mfs.back"), "MFSM NEW\n");
        Files.writeString(dir.resolve("changelog.0.mfs"), """
                1: 1795260020|SETMETAID(7710583082283716873)
                2: 1795260023|CREATE(1,a,2,511,18,0,0,0):2
                3: 1795260023|CREATE(2,f,1,420,18,0,0,0):3
                """);
        assertThatThrownBy(() -> MetadataStartup.plan(dir, false)).isInstanceOf(MetadataException.class)
                .hasMessageContaining("start with -a");

        MetadataStartup.Plan plan = MetadataStartup.plan(dir, true);
        MetaState state = MetaState.standalone(0);
        ChangelogReplay.Result r = MetadataStartup.load(plan, state, dir);

        assertThat(plan.newFileSystem()).isFalse();
        assertThat(plan.metaId()).isEqualTo(7710583082283716873L);
        assertThat(r.applied()).isEqualTo(3);
        assertThat(state.version()).isEqualTo(4);
        assertThat(state.metaId()).isEqualTo(7710583082283716873L);
        assertThat(state.namespace().lookup(io.jmfs.master.fs.Credentials.ROOT, 1,
                "a".getBytes(java.nio.charset.StandardCharsets.UTF_8)).value().inode()).isEqualTo(2);
    }

    @Test
    void withMinusAChangelogsThatDoNotStartTheFileSystemAreNotReplayedOntoAnEmptyOne() throws Exception {
        Files.writeString(dir.resolve("metadata.mfs.back"), "MFSM NEW\n");
        Files.writeString(dir.resolve("changelog.0.mfs"), "500: 1795260023|CREATE(1,a,2,511,18,0,0,0):2\n");

        assertThatThrownBy(() -> MetadataStartup.plan(dir, true)).isInstanceOf(MetadataException.class)
                .hasMessageContaining("no usable metadata dump");
    }
}
