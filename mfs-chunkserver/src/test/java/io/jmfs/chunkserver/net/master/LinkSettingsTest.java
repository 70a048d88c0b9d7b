package io.jmfs.chunkserver.net.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LABELS parsing and the chunkserverid.mfs file. */
class LinkSettingsTest {

    @TempDir
    Path dir;

    @Test
    void labelsBecomeABitPerLetter() {
        assertThat(LabelMask.parse("")).isZero();
        assertThat(LabelMask.parse("A")).isEqualTo(1);
        assertThat(LabelMask.parse("a, C;z")).isEqualTo(1 | 4 | 1 << 25);
    }

    @Test
    void labelsThatAreNotSingleLettersAreRefused() {
        assertThatThrownBy(() -> LabelMask.parse("AB")).hasMessageContaining("'AB'");
        assertThatThrownBy(() -> LabelMask.parse("1")).hasMessageContaining("'1'");
    }

    @Test
    void theIdentityFileIsTenBigEndianBytes() throws Exception {
        new ChunkserverIdentity(0x0102, 0x0A0B0C0D0E0F1011L).store(dir);

        assertThat(Files.readAllBytes(dir.resolve("chunkserverid.mfs")))
                .containsExactly(1, 2, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11);
        assertThat(ChunkserverIdentity.load(dir)).isEqualTo(new ChunkserverIdentity(0x0102, 0x0A0B0C0D0E0F1011L));
    }

    @Test
    void aMissingOrShortIdentityFileYieldsWhatItHas() throws Exception {
        assertThat(ChunkserverIdentity.load(dir)).isEqualTo(ChunkserverIdentity.NONE);
        Files.write(dir.resolve("chunkserverid.mfs"), new byte[] {0, 7});
        assertThat(ChunkserverIdentity.load(dir)).isEqualTo(new ChunkserverIdentity(7, 0));
    }

    @Test
    void theMastersAnswerOnlyReplacesWhatItSays() {
        ChunkserverIdentity known = new ChunkserverIdentity(5, 99);
        assertThat(known.merge(0, 0)).isEqualTo(known);
        assertThat(known.merge(6, 0)).isEqualTo(new ChunkserverIdentity(6, 99));
    }
}
