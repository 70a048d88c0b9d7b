package io.jmfs.tests.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void givesDistinctPortsThatCanBeBoundOnLoopback() throws IOException {
        List<Integer> ports = FreePorts.allocate(8);
        assertThat(ports).hasSize(8).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(1, 65535));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(FreePorts.loopback(), port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void neverOffersAPortSomethingListensOn() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 50, FreePorts.loopback())) {
            assertThat(FreePorts.allocate(50)).doesNotContain(busy.getLocalPort());
        }
    }

    @Test
    void rejectsANonPositiveCount() {
        assertThatThrownBy(() -> FreePorts.allocate(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
