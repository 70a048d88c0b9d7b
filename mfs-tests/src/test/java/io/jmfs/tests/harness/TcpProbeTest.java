package io.jmfs.tests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpProbeTest {
    @Test
    void seesWhetherAPortAcceptsConnections() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, FreePorts.loopback())) {
            port = server.getLocalPort();
            assertThat(TcpProbe.accepts(port)).isTrue();
        }
        assertThat(TcpProbe.accepts(port)).isFalse();
    }

    @Test
    void countsTheClientsConnectedToAPort() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, FreePorts.loopback())) {
            int port = server.getLocalPort();
            assertThat(TcpProbe.clientsConnectedTo(port)).isZero();
            List<Socket> sockets = new ArrayList<>();
            try {
                sockets.add(new Socket(FreePorts.loopback(), port));
                sockets.add(new Socket(FreePorts.loopback(), port));
                sockets.add(server.accept());
                sockets.add(server.accept());
                Poll.until(Duration.ofSeconds(10), "two clients counted",
                        () -> TcpProbe.clientsConnectedTo(port) == 2);
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
            Poll.until(Duration.ofSeconds(10), "no clients counted once closed",
                    () -> TcpProbe.clientsConnectedTo(port) == 0);
        }
    }
}
