package io.jmfs.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's MooseFS configuration files: written key by key, and read back (to derive one from another). */
class MooseFsConfigTest {

    @Test
    void aRenderedConfigParsesBackToTheSameEntries() {
        MooseFsConfig config = new MooseFsConfig().set("DATA_PATH", "/var/lib/mfs").set("MATOCL_LISTEN_PORT", 9421);

        assertThat(MooseFsConfig.parse(config.render()).entries()).isEqualTo(config.entries());
    }

    @Test
    void commentsAndBlankLinesAreSkippedAndBlanksAroundTheEqualsSignIgnored() {
        MooseFsConfig config = MooseFsConfig.parse("# a comment\n\n  WORKING_USER=mfs  \nBACK_LOGS = 50\n");

        assertThat(config.entries()).isEqualTo(Map.of("WORKING_USER", "mfs", "BACK_LOGS", "50"));
    }

    @Test
    void aLineWithoutKeyAndValueIsRefused() {
        assertThatThrownBy(() -> MooseFsConfig.parse("DATA_PATH\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATA_PATH");
        assertThatThrownBy(() -> MooseFsConfig.parse("data_path = x\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
