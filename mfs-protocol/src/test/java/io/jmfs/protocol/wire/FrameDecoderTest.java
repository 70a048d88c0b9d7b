package io.jmfs.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.testing.NoBufferLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(NoBufferLeaks.class)
class FrameDecoderTest {

    /** Three frames as a peer would send them back to back: a len-4 NOP, an empty packet, a LOOKUP. */
    private static final List<Frame> FRAMES = List.of(
            new Frame(0, new byte[] {0, 0, 0, 0}),
            new Frame(MessageType.ANTOAN_GET_VERSION.id(), new byte[0]),
            new Frame(MessageType.CLTOMA_FUSE_LOOKUP.id(),
                    ByteBufUtil.decodeHexDump("0000000200000001026431000000000000000100000000")));

    private record Frame(int type, byte[] payload) {
    }

    private static byte[] stream(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            out.writeBytes(ByteBuffer.allocate(8).putInt(f.type()).putInt(f.payload().length).array());
            out.writeBytes(f.payload());
        }
        return out.toByteArray();
    }

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(PeerLink.CLIENT_TO_MASTER));

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    private List<Frame> readAll() {
        List<Frame> got = new ArrayList<>();
        Packet p;
        while ((p = channel.readInbound()) != null) {
            try {
                got.add(new Frame(p.type(), ByteBufUtil.getBytes(p.content())));
            } finally {
                p.release(); // payloads are slices of the cumulation: the leak check proves everything was freed
            }
        }
        return got;
    }

    @Test
    void frames_fed_one_byte_at_a_time_come_out_whole_and_in_order() {
        byte[] bytes = stream(FRAMES);
        for (byte b : bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(readAll()).usingRecursiveFieldByFieldElementComparator().isEqualTo(FRAMES);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 9421})
    void frames_split_at_random_points_come_out_whole_and_in_order(long seed) {
        Random random = new Random(seed);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] payload = new byte[random.nextInt(3000)];
            random.nextBytes(payload);
            frames.add(new Frame(random.nextInt(1024), payload));
        }
        byte[] bytes = stream(frames);
        int pos = 0;
        while (pos < bytes.length) {
            int n = Math.min(bytes.length - pos, 1 + random.nextInt(700));
            ByteBuf chunk = channel.alloc().buffer(n);
            chunk.writeBytes(bytes, pos, n);
            channel.writeInbound(chunk);
            pos += n;
        }
        assertThat(readAll()).usingRecursiveFieldByFieldElementComparator().isEqualTo(frames);
    }

    @Test
    void an_incomplete_frame_waits_for_the_rest() {
        byte[] bytes = stream(FRAMES.subList(2, 3));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, bytes.length - 1));
        assertThat(readAll()).isEmpty();
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, bytes.length - 1, 1));
        assertThat(readAll()).hasSize(1);
    }

    @Test
    void a_payload_at_the_link_limit_is_accepted() {
        EmbeddedChannel data = new EmbeddedChannel(new FrameDecoder(PeerLink.DATA));
        byte[] bytes = stream(List.of(new Frame(MessageType.CLTOCS_WRITE_DATA.id(), new byte[100_000])));
        data.writeInbound(Unpooled.wrappedBuffer(bytes));
        Packet p = data.readInbound();
        assertThat(p.length()).isEqualTo(100_000);
        p.release();
        assertThat(data.isOpen()).isTrue();
        data.finishAndReleaseAll();
    }

    @Test
    void a_payload_over_the_link_limit_closes_the_connection_with_a_typed_reason() {
        EmbeddedChannel data = new EmbeddedChannel(new FrameDecoder(PeerLink.DATA));
        ByteBuf header = Unpooled.buffer(8).writeInt(MessageType.CLTOCS_WRITE_DATA.id()).writeInt(100_001);
        assertThatThrownBy(() -> data.writeInbound(header))
                .isInstanceOf(OversizedFrameException.class)
                .hasMessageContaining("CLTOCS_WRITE_DATA")
                .hasMessageContaining("100001")
                .satisfies(e -> assertThat(((OversizedFrameException) e).link()).isEqualTo(PeerLink.DATA));
        assertThat(data.isOpen()).isFalse();
        data.finishAndReleaseAll();
    }

    @Test
    void a_garbage_header_announcing_4_GiB_is_rejected_before_any_payload_arrives() {
        // ASCII garbage (an HTTP request) read as a frame header announces a huge length
        byte[] garbage = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes();
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(garbage)))
                .isInstanceOf(OversizedFrameException.class)
                .satisfies(e -> assertThat(((OversizedFrameException) e).length()).isGreaterThan(50_000_000L));
        assertThat(channel.isOpen()).isFalse();
        assertThat(readAll()).isEmpty();
    }

    @Test
    void every_link_has_the_limit_of_its_receiver() {
        assertThat(PeerLink.CLIENT_TO_MASTER.maxPayload()).isEqualTo(50_000_000);
        assertThat(PeerLink.CHUNKSERVER_TO_MASTER.maxPayload()).isEqualTo(500_000_000);
        assertThat(PeerLink.METALOGGER_TO_MASTER.maxPayload()).isEqualTo(1_500_000);
        assertThat(PeerLink.MASTER_TO_METALOGGER.maxPayload()).isEqualTo(1_500_000);
        assertThat(PeerLink.MASTER_TO_CHUNKSERVER.maxPayload()).isEqualTo(10_000);
        assertThat(PeerLink.DATA.maxPayload()).isEqualTo(100_000);
    }

    @Test
    void decoder_and_encoders_agree() {
        EmbeddedChannel out = new EmbeddedChannel(new FrameEncoder(), new MessageEncoder());
        out.writeOutbound(new Packet(7, Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        WireMessage nop = new WireMessage() {
            @Override
            public int type() {
                return 0;
            }

            @Override
            public void encode(ByteBuf b) {
                b.writeInt(0);
            }
        };
        out.writeOutbound(nop);
        ByteBuf wire;
        while ((wire = out.readOutbound()) != null) {
            channel.writeInbound(wire);
        }
        assertThat(readAll()).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(new Frame(7, new byte[] {1, 2, 3}), new Frame(0, new byte[4]));
        out.finishAndReleaseAll();
    }
}
