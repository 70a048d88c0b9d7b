package io.jmfs.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture's layout, checked without starting any daemon. */
class ClusterLayoutTest {
    @TempDir
    Path logs;
    @TempDir
    Path data;

    @Test
    void everyDaemonGetsItsOwnFreeLoopbackPorts() {
        ClusterLayout layout = ClusterLayout.allocate(logs, data, 3, true);
        List<Integer> ports = new ArrayList<>(layout.master().ports());
        layout.chunkservers().forEach(cs -> ports.add(cs.port()));
        assertThat(ports).hasSize(6).doesNotHaveDuplicates().doesNotContain(9419, 9420, 9421, 9422);
    }

    @Test
    void writesMooseFsConfigFilesThatPointTheDaemonsAtEachOther() throws IOException {
        ClusterLayout layout = ClusterLayout.allocate(logs, data, 2, true);
        ClusterLayout.Master master = layout.master();

        assertThat(Files.readString(master.config())).contains(
                "DATA_PATH = " + master.dataPath(),
                "MATOCS_LISTEN_HOST = 127.0.0.1", "MATOCS_LISTEN_PORT = " + master.chunkserverPort(),
                "MATOCL_LISTEN_PORT = " + master.clientPort(), "MATOML_LISTEN_PORT = " + master.metaloggerPort(),
                "EXPORTS_FILENAME = " + logs.resolve("mfsexports.cfg"));
        assertThat(logs.resolve("mfsexports.cfg")).content().contains("rw,alldirs,admin,maproot=0:0");
        assertThat(master.dataPath().resolve("metadata.mfs")).hasContent("MFSM NEW");

        ClusterLayout.Chunkserver second = layout.chunkservers().get(1);
        assertThat(Files.readString(second.config())).contains(
                "MASTER_HOST = 127.0.0.1", "MASTER_PORT = " + master.chunkserverPort(),
                "CSSERV_LISTEN_PORT = " + second.port(), "HDD_CONF_FILENAME = " + logs.resolve("chunkserver2-mfshdd.cfg"));
        assertThat(logs.resolve("chunkserver2-mfshdd.cfg")).hasContent(second.disk().toString());
        assertThat(second.disk()).isDirectory().startsWith(data);

        assertThat(layout.metalogger()).hasValueSatisfying(ml -> assertThat(ml.config()).content()
                .contains("MASTER_PORT = " + master.metaloggerPort(), "DATA_PATH = " + ml.dataPath()));
    }

    @Test
    void aClusterWithoutMetaloggerHasNoMetaloggerConfig() {
        ClusterLayout layout = ClusterLayout.allocate(logs, data, 1, false);
        assertThat(layout.metalogger()).isEmpty();
        assertThat(logs.resolve("mfsmetalogger.cfg")).doesNotExist();
    }

    @Test
    void existingMetadataIsNeverOverwritten() throws IOException {
        Path master = Files.createDirectories(data.resolve("m"));
        Files.writeString(master.resolve("metadata.mfs.back"), "real metadata");
        MooseFsConfig.seedNewMetadata(master);
        assertThat(master.resolve("metadata.mfs")).doesNotExist();
    }

    @Test
    void theCheckoutIsFoundFromTheModuleFolder() {
        assertThat(JmfsHome.locate().resolve("bin/jdk.sh")).isRegularFile();
        assertThat(JmfsHome.searchUpFrom(JmfsHome.locate().resolve("mfs-tests/src"))).contains(JmfsHome.locate());
    }
}
