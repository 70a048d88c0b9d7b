package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileSystemDumpsLikeMooseFsAndLoadsBackIdentically() throws Exception {
        MetaState fresh = MetaState.standalone(0x6B0132D7B8F7A443L, () -> 1795240663);
        fresh.setVersion(2);
        Path first = dir.resolve("a.mfs");
        DumpWriter.write(fresh, first);
        byte[] real = Files.readAllBytes(Path.of(getClass().getResource("/meta/real-new-fs.mfs").toURI()));
        assertThat(Files.readAllBytes(first)).isEqualTo(real);

        MetaState loaded = MetaState.standalone(0);
        DumpReader.load(first, loaded);
        Path second = dir.resolve("b.mfs");
        DumpWriter.write(loaded, second);
        assertThat(Files.readAllBytes(second)).isEqualTo(real);
    }
}
