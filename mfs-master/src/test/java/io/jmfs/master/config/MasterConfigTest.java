package io.jmfs.master.config;

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

class MasterConfigTest {

    /** Every definition of MooseFS 3.0.117's mfsmaster.cfg sample, uncommented, as the Debian package fills it in. */
    static final List<String> MOOSEFS_SAMPLE = List.of(
                "WORKING_USER = mfs",
                "WORKING_GROUP = mfs",
                "SYSLOG_IDENT = mfsmaster",
                "LOCK_MEMORY = 0",
                "LIMIT_GLIBC_MALLOC_ARENAS = 4",
                "DISABLE_OOM_KILLER = 1",
                "NICE_LEVEL = -19",
                "FILE_UMASK = 027",
                "DATA_PATH = /var/lib/mfs",
                "EXPORTS_FILENAME = /etc/mfs/mfsexports.cfg",
                "TOPOLOGY_FILENAME = /etc/mfs/mfstopology.cfg",
                "BACK_LOGS = 50",
                "METADATA_SAVE_FREQ = 1",
                "BACK_META_KEEP_PREVIOUS = 1",
                "CHANGELOG_PRESERVE_SECONDS = 1800",
                "CHANGELOG_SAVE_MODE = 0",
                "MISSING_LOG_CAPACITY = 100000",
                "MATOML_LISTEN_HOST = *",
                "MATOML_LISTEN_PORT = 9419",
                "MATOCS_LISTEN_HOST = *",
                "MATOCS_LISTEN_PORT = 9420",
                "MATOCS_TIMEOUT = 10",
                "AUTH_CODE = mfspassword",
                "REMAP_BITS = 24",
                "REMAP_SOURCE_IP_CLASS = 192.168.1.0",
                "REMAP_DESTINATION_IP_CLASS = 10.0.0.0",
                "REPLICATIONS_DELAY_INIT = 60",
                "REPLICATIONS_RESPECT_TOPOLOGY = 0",
                "CREATIONS_RESPECT_TOPOLOGY = 0",
                "CHUNKS_UNIQUE_MODE = 0",
                "CHUNKS_LOOP_MAX_CPS = 100000",
                "CHUNKS_LOOP_MIN_TIME = 300",
                "CHUNKS_SOFT_DEL_LIMIT = 10",
                "CHUNKS_HARD_DEL_LIMIT = 25",
                "CHUNKS_WRITE_REP_LIMIT = 2,1,1,4",
                "CHUNKS_READ_REP_LIMIT = 10,5,2,5",
                "CS_HEAVY_LOAD_THRESHOLD = 150",
                "CS_HEAVY_LOAD_RATIO_THRESHOLD = 3.0",
                "CS_HEAVY_LOAD_GRACE_PERIOD = 900",
                "ACCEPTABLE_PERCENTAGE_DIFFERENCE = 1.0",
                "PRIORITY_QUEUES_LENGTH = 1000000",
                "CS_MAINTENANCE_MODE_TIMEOUT = 0",
                "CS_TEMP_MAINTENANCE_MODE_TIMEOUT = 1800",
                "CS_DAYS_TO_REMOVE_UNUSED = 7",
                "MATOCL_LISTEN_HOST = *",
                "MATOCL_LISTEN_PORT = 9421",
                "SESSION_SUSTAIN_TIME = 86400",
                "QUOTA_DEFAULT_GRACE_PERIOD = 604800",
                "ATIME_MODE = 2",
                "RESERVE_SPACE = 0",
                "MAX_ALLOWED_HARD_LINKS = 32767",
                "INODE_REUSE_DELAY = 86400");

    /** Sample lines that show an example rather than the default. */
    static final Set<String> EXAMPLES_NOT_DEFAULTS = Set.of("SYSLOG_IDENT", "AUTH_CODE", "REMAP_SOURCE_IP_CLASS",
            "REMAP_DESTINATION_IP_CLASS");

    static String name(String line) {
        return line.substring(0, line.indexOf(' '));
    }

    @Test
    void mooseFsSampleFileLoadsUnchangedWithoutWarnings() throws Exception {
        List<String> warnings = new ArrayList<>();

        Config config = new ConfigLoader(MasterConfig.SCHEMA, warnings::add).parse(Path.of("mfsmaster.cfg"), MOOSEFS_SAMPLE);

        assertThat(warnings).isEmpty();
        for (String line : MOOSEFS_SAMPLE) {
            assertThat(config.isDefined(MasterConfig.SCHEMA.key(name(line)).orElseThrow())).as(line).isTrue();
        }
    }

    @Test
    void defaultsAreMooseFsDefaults() {
        for (String line : MOOSEFS_SAMPLE) {
            if (EXAMPLES_NOT_DEFAULTS.contains(name(line))) {
                continue;
            }
            ConfigKey<?> key = MasterConfig.SCHEMA.key(name(line)).orElseThrow();
            String value = line.substring(line.indexOf('=') + 1).strip();
            assertThat(key.defaultValue()).as(line).isEqualTo(key.parse(value));
        }
    }

    @Test
    void configurationDocsListEveryKeyWithItsDefault() throws Exception {
        Path docs = Path.of(System.getenv().getOrDefault("JMFS_HOME", ".."), "docs", "configuration.md");
        String text = Files.readString(docs);

        for (ConfigKey<?> key : MasterConfig.SCHEMA.keys()) {
            String shownDefault = key.defaultText().isEmpty() ? "(empty)" : "`" + key.defaultText() + "`";
            assertThat(text).as(key.name()).contains("| `" + key.name() + "` | " + shownDefault + " |");
        }
    }
}
