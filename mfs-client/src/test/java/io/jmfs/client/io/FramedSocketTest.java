package io.jmfs.client.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.msg.data.DataMessage;
import io.jmfs.protocol.msg.data.DataMessage.WriteData;
import io.jmfs.protocol.msg.data.DataMessages;
import io.jmfs.protocol.wire.PeerLink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramedSocketTest {

    @Test
    void aDirectWriteDataFrameIsTheFrameTheGeneralEncoderMakesWithItsChecksum() throws Exception {
        byte[] src = new byte[70_000];
        new Random(4).nextBytes(src);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             FramedSocket client = FramedSocket.connect(
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), PeerLink.DATA,
                     Duration.ofSeconds(5), Duration.ofSeconds(5));
             Socket accepted = server.accept();
             FramedSocket peer = FramedSocket.wrap(accepted, PeerLink.DATA)) {
            client.writeData(0x1122334455L, 7, 3, 100, src, 5000, 1000);
            client.writeData(0x1122334455L, 8, 4, 0, src, 0, 65536);
            client.flush();

            DataMessage first = peer.receive().decode(DataMessages::decode);
            DataMessage second = peer.receive().decode(DataMessages::decode);

            WriteData expected = WriteData.of(0x1122334455L, 7, 3, 100,
                    ByteString.wrap(Arrays.copyOfRange(src, 5000, 6000)));
            assertThat(first).isEqualTo(expected);
            assertThat(((WriteData) first).crcMatches()).isTrue();
            assertThat(second).isInstanceOfSatisfying(WriteData.class, w -> {
                assertThat(w.writeId()).isEqualTo(8);
                assertThat(w.block()).isEqualTo(4);
                assertThat(w.data().toByteArray()).isEqualTo(Arrays.copyOf(src, 65536));
                assertThat(w.crcMatches()).isTrue();
            });
        }
    }
}
