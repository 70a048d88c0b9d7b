package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

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
}
