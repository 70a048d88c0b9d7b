package io.jmfs.chunkserver.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.config.ConfigKey;
import io.jmfs.daemon.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkserverConfigTest {

    /** Every definition of MooseFS 3.0.117's mfschunkserver.cfg sample, uncommented, as the Debian package fills it in. */
    static final List<String> MOOSEFS_SAMPLE = List.of(
                "WORKING_USER = mfs",
                "WORKING_GROUP = mfs",
                "SYSLOG_IDENT = mfschunkserver",
                "LOCK_MEMORY = 0",
                "LIMIT_GLIBC_MALLOC_ARENAS = 4",
                "DISABLE_OOM_KILLER = 1",
                "NICE_LEVEL = -19",
                "FILE_UMASK = 027",
                "DATA_PATH = /var/lib/mfs",
                "HDD_CONF_FILENAME = /etc/mfs/mfshdd.cfg",
                "HDD_TEST_SPEED = 1.0",
                "HDD_MIN_TEST_INTERVAL = 86400",
                "HDD_FADVISE_MIN_TIME = 86400",
                "HDD_LEAVE_SPACE_DEFAULT = 256MiB",
                "HDD_REBALANCE_UTILIZATION = 20",
                "HDD_HIGH_SPEED_REBALANCE_LIMIT = 0",
                "HDD_ERROR_TOLERANCE_COUNT = 2",
                "HDD_ERROR_TOLERANCE_PERIOD = 600",
                "HDD_FSYNC_BEFORE_CLOSE = 0",
                "HDD_SPARSIFY_ON_WRITE = 1",
                "HDD_RR_CHUNK_COUNT = 10000",
                "HDD_KEEP_DUPLICATES_HOURS = 168",
                "ALLOW_STARTING_WITH_INVALID_DISKS = 0",
                "WORKERS_MAX = 250",
                "WORKERS_MAX_IDLE = 40",
                "LABELS = ",
                "BIND_HOST = *",
                "MASTER_HOST = mfsmaster",
                "MASTER_PORT = 9420",
                "MASTER_TIMEOUT = 0",
                "MASTER_RECONNECTION_DELAY = 5",
                "AUTH_CODE = mfspassword",
                "CHUNKS_PER_REGISTER_PACKET = 10000",
                "CSSERV_LISTEN_HOST = *",
                "CSSERV_LISTEN_PORT = 9422");

    /** Sample lines that show an example rather than the default. */
    static final Set<String> EXAMPLES_NOT_DEFAULTS = Set.of("SYSLOG_IDENT", "AUTH_CODE", "REMAP_SOURCE_IP_CLASS",
            "REMAP_DESTINATION_IP_CLASS");

    static String name(String line) {
        return line.substring(0, line.indexOf(' '));
    }

    @Test
    void mooseFsSampleFileLoadsUnchangedWithoutWarnings() throws Exception {
        List<String> warnings = new ArrayList<>();

        Config config = new ConfigLoader(ChunkserverConfig.SCHEMA, warnings::add).parse(Path.of("mfschunkserver.cfg"), MOOSEFS_SAMPLE);

        assertThat(warnings).isEmpty();
        for (String line : MOOSEFS_SAMPLE) {
            assertThat(config.isDefined(ChunkserverConfig.SCHEMA.key(name(line)).orElseThrow())).as(line).isTrue();
        }
    }

    @Test
    void defaultsAreMooseFsDefaults() {
        for (String line : MOOSEFS_SAMPLE) {
            if (EXAMPLES_NOT_DEFAULTS.contains(name(line))) {
                continue;
            }
            ConfigKey<?> key = ChunkserverConfig.SCHEMA.key(name(line)).orElseThrow();
            String value = line.substring(line.indexOf('=') + 1).strip();
            assertThat(key.defaultValue()).as(line).isEqualTo(key.parse(value));
        }
    }

    @Test
    void configurationDocsListEveryKeyWithItsDefault() throws Exception {
        Path docs = Path.of(System.getenv().getOrDefault("JMFS_HOME", ".."), "docs", "configuration.md");
        String text = Files.readString(docs);

        for (ConfigKey<?> key : ChunkserverConfig.SCHEMA.keys()) {
            String shownDefault = key.defaultText().isEmpty() ? "(empty)" : "`" + key.defaultText() + "`";
            assertThat(text).as(key.name()).contains("| `" + key.name() + "` | " + shownDefault + " |");
        }
    }
}
