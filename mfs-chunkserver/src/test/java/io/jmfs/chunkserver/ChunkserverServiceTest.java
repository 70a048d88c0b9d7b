package io.jmfs.chunkserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.daemon.DaemonDefinition;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkserverServiceTest {

    @TempDir
    Path dir;

    @Test
    void itServesItsDataPortOnceStarted() throws Exception {
        TestChunkserver.Setup setup = TestChunkserver.setup(dir, "cs", 1);
        ChunkserverService service = new ChunkserverService();
        int port = TestChunkserver.freePort();

        service.start(setup.config(port));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertThat(socket.isConnected()).isTrue();
            assertThat(service.dataAddress().getPort()).isEqualTo(port);
        } finally {
            service.stop();
        }
    }

    @Test
    void aTakenPortFailsTheStartNamingIt() throws Exception {
        TestChunkserver.Setup setup = TestChunkserver.setup(dir, "cs", 1);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ChunkserverService service = (ChunkserverService) ChunkserverMain.definition().serviceFactory().get();

            assertThatThrownBy(() -> service.start(setup.config(taken.getLocalPort())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("CSSERV").hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            service.stop();
        }
    }

    @Test
    void theDaemonIsNamedAndLocatedAsMooseFsIs() {
        DaemonDefinition definition = ChunkserverMain.definition();

        assertThat(definition.name()).isEqualTo("mfschunkserver");
        assertThat(definition.lockFileName()).isEqualTo(".mfschunkserver.lock");
        assertThat(definition.defaultConfigFile()).isEqualTo(Path.of("/etc/mfs/mfschunkserver.cfg"));
    }
}
