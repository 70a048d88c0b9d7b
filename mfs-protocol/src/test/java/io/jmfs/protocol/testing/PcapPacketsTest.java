package io.jmfs.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.MessageType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapPacketsTest {

    @TempDir
    Path dir;

    @Test
    void segments_out_of_order_and_split_packets_are_reassembled() throws IOException {
        // two MooseFS packets, a NOP (len 0) and a STATFS request, cut across three TCP segments
        byte[] stream = ByteBuffer.allocate(20).putInt(0).putInt(0).putInt(MessageType.CLTOMA_FUSE_STATFS.id())
                .putInt(4).putInt(7).array();
        long isn = 0xFFFFFFF0L; // sequence numbers wrap inside the stream
        Pcap pcap = new Pcap();
        pcap.segment(isn, new byte[0], true);
        pcap.segment(isn + 1 + 5, slice(stream, 5, 15), false);
        pcap.segment(isn + 1, slice(stream, 0, 5), false);
        pcap.segment(isn + 1 + 15, slice(stream, 15, 20), false);
        pcap.segment(isn + 1 + 15, slice(stream, 15, 20), false); // retransmission
        Path file = dir.resolve("x.pcap");
        Files.write(file, pcap.bytes());

        List<CapturedPacket> packets = PcapPackets.read(file);

        assertThat(packets).extracting(CapturedPacket::type).containsExactly(0, 402);
        assertThat(packets.get(1).payload()).containsExactly(0, 0, 0, 7);
        assertThat(packets.get(1).destination()).isEqualTo("198.18.10.1:9421");
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    /** Writes a little-endian classic pcap with Ethernet/IPv4/TCP frames from 198.18.10.9:40000 to .1:9421. */
    private static final class Pcap {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pcap() {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.writeBytes(h.array());
        }

        void segment(long seq, byte[] data, boolean syn) {
            ByteBuffer f = ByteBuffer.allocate(14 + 20 + 20 + data.length);
            f.put(new byte[12]).putShort((short) 0x0800);
            f.put((byte) 0x45).put((byte) 0).putShort((short) (40 + data.length)).putInt(0).put((byte) 64)
                    .put((byte) 6).putShort((short) 0).put(new byte[] {(byte) 198, 18, 10, 9})
                    .put(new byte[] {(byte) 198, 18, 10, 1});
            f.putShort((short) 40000).putShort((short) 9421).putInt((int) seq).putInt(0).put((byte) 0x50)
                    .put((byte) (syn ? 0x02 : 0x18)).putShort((short) 65535).putInt(0);
            f.put(data);
            ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            rec.putInt(0).putInt(0).putInt(f.capacity()).putInt(f.capacity());
            out.writeBytes(rec.array());
            out.writeBytes(f.array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
