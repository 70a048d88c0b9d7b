package io.jmfs.master.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.daemon.config.Config;
import io.jmfs.master.config.MasterConfig;
import org.junit.jupiter.api.Test;

class ChunkSettingsTest {
    @Test
    void theMastersDefaultConfigurationGivesMooseFsDefaults() {
        assertThat(ChunkSettings.from(Config.defaults(MasterConfig.SCHEMA))).isEqualTo(ChunkSettings.DEFAULTS);
    }

    @Test
    void outOfRangeValuesAreClampedAsMooseFsDoes() {
        ChunkSettings s = new ChunkSettings(0, 1, 5, 10, 25, java.util.List.of(3), java.util.List.of(7), 50.0, 120, 0);
        assertThat(s.loopMinTime()).isEqualTo(60);
        assertThat(s.loopMaxCps()).isEqualTo(10_000);
        assertThat(s.acceptableDifference()).isEqualTo(0.10);
        assertThat(s.writeReplicationLimits()).containsExactly(3, 3, 3, 3);
        assertThat(s.readReplicationLimits()).containsExactly(7, 7, 7, 7);
    }
}
