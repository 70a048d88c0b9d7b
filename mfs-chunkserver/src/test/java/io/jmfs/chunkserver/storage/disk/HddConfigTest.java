package io.jmfs.chunkserver.storage.disk;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HddConfigTest {
    @Test
    void parsesPathsPrefixesAndLimits() {
        List<HddConfigEntry> e = HddConfig.parse(List.of(
                "# comment",
                "",
                "/mnt/hd1",
                "*/mnt/hd2",
                "</mnt/hd3 10GiB",
                ">~/mnt/hd4   -1.5TB",
                "/mnt/with space/x 0",
                "  /mnt/hd5  \t"));
        assertThat(e).containsExactly(
                HddConfigEntry.of(Path.of("/mnt/hd1")),
                new HddConfigEntry(Path.of("/mnt/hd2"), true, HddConfigEntry.Rebalance.STANDARD, false,
                        SpaceLimit.DEFAULT),
                new HddConfigEntry(Path.of("/mnt/hd3"), false, HddConfigEntry.Rebalance.SOURCE, false,
                        SpaceLimit.useAtMost(10L << 30)),
                new HddConfigEntry(Path.of("/mnt/hd4"), false, HddConfigEntry.Rebalance.DESTINATION, true,
                        SpaceLimit.leaveFree(1_500_000_000_000L)),
                HddConfigEntry.of(Path.of("/mnt/with space/x")),
                HddConfigEntry.of(Path.of("/mnt/hd5")));
    }

    @Test
    void aLastWordThatIsNoSizeBelongsToThePath() {
        assertThat(HddConfig.parse(List.of("/mnt/my disk")))
                .containsExactly(HddConfigEntry.of(Path.of("/mnt/my disk")));
        assertThat(HddConfig.parse(List.of("/mnt/a 5X")))
                .containsExactly(HddConfigEntry.of(Path.of("/mnt/a 5X")));
    }

    @Test
    void aRepeatedPathKeepsTheLastLine() {
        assertThat(HddConfig.parse(List.of("/d", "*/d/"))).singleElement()
                .extracting(HddConfigEntry::markedForRemoval).isEqualTo(true);
    }

    @Test
    void prefixesWithoutAPathAreAnError() {
        assertThatThrownBy(() -> HddConfig.parse(List.of("*~"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void sizesFollowMooseFsUnits() {
        assertThat(SpaceLimit.parseSize("100")).isEqualTo(100);
        assertThat(SpaceLimit.parseSize("100B")).isEqualTo(100);
        assertThat(SpaceLimit.parseSize("2k")).isEqualTo(2000);
        assertThat(SpaceLimit.parseSize("2Ki")).isEqualTo(2048);
        assertThat(SpaceLimit.parseSize("1.5GiB")).isEqualTo(3L << 29);
        assertThat(SpaceLimit.parseSize("3T")).isEqualTo(3_000_000_000_000L);
        assertThat(SpaceLimit.parseSize(".5Mi")).isEqualTo(1L << 19);
        assertThatThrownBy(() -> SpaceLimit.parseSize("2K")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpaceLimit.parseSize("GiB")).isInstanceOf(IllegalArgumentException.class);
    }
}
