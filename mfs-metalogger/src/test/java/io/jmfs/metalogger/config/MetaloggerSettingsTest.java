package io.jmfs.metalogger.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetaloggerSettingsTest {

    private static MetaloggerSettings settings(String... lines) throws Exception {
        Config config = new ConfigLoader(MetaloggerConfig.SCHEMA, w -> { }).parse(Path.of("mfsmetalogger.cfg"),
                List.of(lines));
        return MetaloggerSettings.from(config);
    }

    @Test
    void defaultsAreMooseFsOnes() throws Exception {
        MetaloggerSettings s = settings();
        assertThat(s.masterHost()).isEqualTo("mfsmaster");
        assertThat(s.masterPort()).isEqualTo(9419);
        assertThat(s.bindHost()).isEmpty();
        assertThat(s.timeoutSeconds()).isEqualTo(10);
        assertThat(s.reconnectionDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.backLogs()).isEqualTo(50);
        assertThat(s.backMetaCopies()).isEqualTo(3);
        assertThat(s.metaDownloadEvery()).isEqualTo(Duration.ofHours(24));
        assertThat(s.dataPath()).isEqualTo(Path.of("/var/lib/mfs"));
    }

    @Test
    void valuesOutsideMooseFsLimitsAreClampedAsMooseFsDoes() throws Exception {
        MetaloggerSettings s = settings("MASTER_TIMEOUT = 2", "BACK_LOGS = 3", "META_DOWNLOAD_FREQ = 24",
                "BACK_META_KEEP_PREVIOUS = 500", "BIND_HOST = 10.0.0.1");
        assertThat(s.timeoutSeconds()).isEqualTo(10);
        assertThat(s.backLogs()).isEqualTo(5);
        assertThat(s.metaDownloadEvery()).as("at most BACK_LOGS/2 hours").isEqualTo(Duration.ofHours(2));
        assertThat(s.backMetaCopies()).isEqualTo(99);
        assertThat(s.bindHost()).isEqualTo(Optional.of("10.0.0.1"));
    }
}
