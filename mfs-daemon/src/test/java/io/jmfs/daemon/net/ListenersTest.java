package io.jmfs.daemon.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ListenersTest {

    /** Counts accepted connections. */
    static final class Counting extends ChannelInitializer<SocketChannel> {
        final CountDownLatch accepted = new CountDownLatch(1);

        @Override
        protected void initChannel(SocketChannel channel) {
            accepted.countDown();
        }
    }

    @Test
    void everyListenerServesConnectionsWithItsOwnPipeline() throws Exception {
        Counting first = new Counting();
        Counting second = new Counting();
        List<ListenerSpec> specs = List.of(new ListenerSpec("first", "127.0.0.1", 0, first),
                new ListenerSpec("second", "127.0.0.1", 0, second));

        try (NetServer server = NetServer.start("test", specs, 1)) {
            try (Socket socket = new Socket()) {
                socket.connect(server.address("second"));
                assertThat(second.accepted.await(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(first.accepted.getCount()).isEqualTo(1);
        }
    }

    @Test
    void aPortInUseFailsTheWholeBindNamingTheListenerAndLeavesNothingListening() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Counting unused = new Counting();
            ListenerSpec fine = new ListenerSpec("fine", "127.0.0.1", 0, unused);
            ListenerSpec clash = new ListenerSpec("clients (MATOCL)", "127.0.0.1", taken.getLocalPort(), unused);

            assertThatThrownBy(() -> NetServer.start("test", List.of(fine, clash), 1))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("can't listen for clients (MATOCL) on 127.0.0.1:" + taken.getLocalPort() + ": ");
        }
    }

    @Test
    void closingStopsAccepting() throws Exception {
        InetSocketAddress address;
        try (NetServer server = NetServer.start("test", List.of(new ListenerSpec("only", "127.0.0.1", 0, new Counting())), 1)) {
            address = server.address("only");
        }
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(address, 2000);
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void starMeansEveryLocalAddress() {
        assertThat(new ListenerSpec("any", "*", 9421, new Counting()).bindAddress().getAddress().isAnyLocalAddress()).isTrue();
    }
}
