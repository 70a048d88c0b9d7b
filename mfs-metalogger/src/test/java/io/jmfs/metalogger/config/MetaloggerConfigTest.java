package io.jmfs.metalogger.config;

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

class MetaloggerConfigTest {

    /** Every definition of MooseFS 3.0.117's mfsmetalogger.cfg sample, uncommented, as the Debian package fills it in. */
    static final List<String> MOOSEFS_SAMPLE = List.of(
                "WORKING_USER = mfs",
                "WORKING_GROUP = mfs",
                "SYSLOG_IDENT = mfsmetalogger",
                "LOCK_MEMORY = 0",
                "LIMIT_GLIBC_MALLOC_ARENAS = 4",
                "DISABLE_OOM_KILLER = 1",
                "NICE_LEVEL = -19",
                "FILE_UMASK = 027",
                "DATA_PATH = /var/lib/mfs",
                "BACK_LOGS = 50",
                "BACK_META_KEEP_PREVIOUS = 3",
                "META_DOWNLOAD_FREQ = 24",
                "MASTER_RECONNECTION_DELAY = 5",
                "BIND_HOST = *",
                "MASTER_HOST = mfsmaster",
                "MASTER_PORT = 9419",
                "MASTER_TIMEOUT = 10");

    /** Sample lines that show an example rather than the default. */
    static final Set<String> EXAMPLES_NOT_DEFAULTS = Set.of("SYSLOG_IDENT", "AUTH_CODE", "REMAP_SOURCE_IP_CLASS",
            "REMAP_DESTINATION_IP_CLASS");

    static String name(String line) {
        return line.substring(0, line.indexOf(' '));
    }

    @Test
    void mooseFsSampleFileLoadsUnchangedWithoutWarnings() throws Exception {
        List<String> warnings = new ArrayList<>();

        Config config = new ConfigLoader(MetaloggerConfig.SCHEMA, warnings::add).parse(Path.of("mfsmetalogger.cfg"), MOOSEFS_SAMPLE);

        assertThat(warnings).isEmpty();
        for (String line : MOOSEFS_SAMPLE) {
            assertThat(config.isDefined(MetaloggerConfig.SCHEMA.key(name(line)).orElseThrow())).as(line).isTrue();
        }
    }

    @Test
    void defaultsAreMooseFsDefaults() {
        for (String line : MOOSEFS_SAMPLE) {
            if (EXAMPLES_NOT_DEFAULTS.contains(name(line))) {
                continue;
            }
            ConfigKey<?> key = MetaloggerConfig.SCHEMA.key(name(line)).orElseThrow();
            String value = line.substring(line.indexOf('=') + 1).strip();
            assertThat(key.defaultValue()).as(line).isEqualTo(key.parse(value));
        }
    }

    @Test
    void configurationDocsListEveryKeyWithItsDefault() throws Exception {
        Path docs = Path.of(System.getenv().getOrDefault("JMFS_HOME", ".."), "docs", "configuration.md");
        String text = Files.readString(docs);

        for (ConfigKey<?> key : MetaloggerConfig.SCHEMA.keys()) {
            String shownDefault = key.defaultText().isEmpty() ? "(empty)" : "`" + key.defaultText() + "`";
            assertThat(text).as(key.name()).contains("| `" + key.name() + "` | " + shownDefault + " |");
        }
    }
}
