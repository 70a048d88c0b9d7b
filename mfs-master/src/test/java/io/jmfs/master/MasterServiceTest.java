package io.jmfs.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.daemon.DaemonDefinition;
import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.config.ConfigLoader;
import io.jmfs.daemon.net.ListenerSpec;
import io.jmfs.master.config.MasterConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterServiceTest {

    /** A master configuration with {@code lines}, and an exports file letting every client in unless one is given. */
    static Config config(String... lines) throws Exception {
        List<String> all = new ArrayList<>(List.of(lines));
        if (all.stream().noneMatch(l -> l.startsWith("EXPORTS_FILENAME"))) {
            Path exports = Files.createTempFile("mfsexports", ".cfg");
            exports.toFile().deleteOnExit();
            Files.writeString(exports, "* / rw\n");
            all.add("EXPORTS_FILENAME = " + exports);
        }
        return new ConfigLoader(MasterConfig.SCHEMA, warning -> { }).parse(Path.of("mfsmaster.cfg"), all);
    }

    @Test
    void withoutAValidExportsFileTheMasterDoesNotStart() throws Exception {
        MasterService service = new MasterService(MasterPipelines::serving);
        try {
            assertThatThrownBy(() -> service.start(config("EXPORTS_FILENAME = /nonexistent/mfsexports.cfg")))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("can't load the exports file /nonexistent/mfsexports.cfg");
        } finally {
            service.stop();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theThreeListenersUseMooseFsPortsByDefault() throws Exception {
        List<ListenerSpec> specs = MasterService.listeners(config(), MasterPipelines.closingAll());

        assertThat(specs).extracting(ListenerSpec::name).containsExactly(MasterService.METALOGGER_LISTENER,
                MasterService.CHUNKSERVER_LISTENER, MasterService.CLIENT_LISTENER);
        assertThat(specs).extracting(ListenerSpec::describe).containsExactly("*:9419", "*:9420", "*:9421");
    }

    @Test
    void theOldMatocuNamesAreHonouredOnlyWithoutTheMatoclOnes() throws Exception {
        assertThat(MasterService.listeners(config("MATOCU_LISTEN_PORT = 9500"), MasterPipelines.closingAll()).get(2).port())
                .isEqualTo(9500);
        assertThat(MasterService.listeners(config("MATOCU_LISTEN_PORT = 9500", "MATOCL_LISTEN_PORT = 9600"),
                MasterPipelines.closingAll()).get(2).port()).isEqualTo(9600);
    }

    @Test
    void itListensOnAllThreePortsAndStopClosesThem() throws Exception {
        List<Integer> ports = new ArrayList<>(List.of(freePort(), freePort(), freePort()));
        MasterService service = new MasterService(MasterPipelines.closingAll());

        service.start(config("MATOML_LISTEN_HOST = 127.0.0.1", "MATOML_LISTEN_PORT = " + ports.get(0),
                "MATOCS_LISTEN_HOST = 127.0.0.1", "MATOCS_LISTEN_PORT = " + ports.get(1),
                "MATOCL_LISTEN_HOST = 127.0.0.1", "MATOCL_LISTEN_PORT = " + ports.get(2)));
        try {
            for (int port : ports) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    assertThat(socket.isConnected()).isTrue();
                }
            }
            assertThat(service.address(MasterService.CLIENT_LISTENER).getPort()).isEqualTo(ports.get(2));
        } finally {
            service.stop();
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), ports.get(0)).close())
                .isInstanceOf(IOException.class);
    }

    @Test
    void aTakenPortFailsTheStartNamingTheListener() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MasterService service = new MasterService(MasterPipelines.closingAll());

            assertThatThrownBy(() -> service.start(config("MATOML_LISTEN_HOST = 127.0.0.1",
                    "MATOML_LISTEN_PORT = " + freePort(), "MATOCS_LISTEN_HOST = 127.0.0.1",
                    "MATOCS_LISTEN_PORT = " + taken.getLocalPort(), "MATOCL_LISTEN_HOST = 127.0.0.1",
                    "MATOCL_LISTEN_PORT = " + freePort())))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("can't listen for chunkservers (MATOCS) on 127.0.0.1:" + taken.getLocalPort());
            service.stop();
        }
    }

    @Test
    void theDaemonIsNamedAndLocatedAsMooseFsIs() {
        DaemonDefinition definition = MasterMain.definition();

        assertThat(definition.name()).isEqualTo("mfsmaster");
        assertThat(definition.lockFileName()).isEqualTo(".mfsmaster.lock");
        assertThat(definition.defaultConfigFile()).isEqualTo(Path.of("/etc/mfs/mfsmaster.cfg"));
        assertThat(definition.mainClass()).isEqualTo(MasterMain.class);
    }
}
