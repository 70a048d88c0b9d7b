package io.jmfs.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {

    @Test
    void withoutArgumentsTheDaemonStartsInTheBackgroundWithTheDefaultConfig() throws Exception {
        DaemonOptions options = DaemonOptions.parse();

        assertThat(options.action()).isEqualTo(Action.START);
        assertThat(options.foreground()).isFalse();
        assertThat(options.debug()).isFalse();
        assertThat(options.configFile()).isEmpty();
        assertThat(options.lockTimeoutSeconds()).isEqualTo(1800);
        assertThat(options.readyFile()).isEmpty();
    }

    @Test
    void everyMooseFsActionIsUnderstood() throws Exception {
        for (String word : new String[] {"start", "stop", "restart", "reload", "test", "kill"}) {
            assertThat(DaemonOptions.parse(word).action().word()).isEqualTo(word);
        }
    }

    @Test
    void optionsCanBeClusteredAsWithGetopt() throws Exception {
        DaemonOptions options = DaemonOptions.parse("-fd", "-c", "/etc/mfs/x.cfg", "-t", "30", "stop");

        assertThat(options.foreground()).isTrue();
        assertThat(options.debug()).isTrue();
        assertThat(options.configFile()).isEqualTo(Optional.of(Path.of("/etc/mfs/x.cfg")));
        assertThat(options.lockTimeoutSeconds()).isEqualTo(30);
        assertThat(options.action()).isEqualTo(Action.STOP);
    }

    @Test
    void mooseFsVerbosityAndCompatibilityFlagsAreAccepted() throws Exception {
        assertThat(DaemonOptions.parse("-xx", "-u", "-n").debug()).isTrue();
    }

    @Test
    void anUnknownActionOrOptionIsAUsageError() {
        assertThatThrownBy(() -> DaemonOptions.parse("bogus")).isInstanceOf(DaemonOptions.UsageException.class)
                .hasMessageContaining("bogus");
        assertThatThrownBy(() -> DaemonOptions.parse("-q")).isInstanceOf(DaemonOptions.UsageException.class);
        assertThatThrownBy(() -> DaemonOptions.parse("start", "stop")).isInstanceOf(DaemonOptions.UsageException.class);
        assertThatThrownBy(() -> DaemonOptions.parse("-t", "-5")).isInstanceOf(DaemonOptions.UsageException.class);
    }

    @Test
    void theBackgroundDaemonRunsInTheForegroundWithAnAbsoluteConfigAndTheReadyFile() throws Exception {
        DaemonOptions options = DaemonOptions.parse("-d", "-c", "rel.cfg", "restart");

        assertThat(options.forBackgroundDaemon(Path.of("/tmp/r")))
                .containsExactly("-f", "-c", Path.of("rel.cfg").toAbsolutePath().toString(), "-d", "-t", "1800",
                        "--jmfs-ready-file", "/tmp/r", "start");
    }
}
