package io.jmfs.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.msg.client.ClientRequests;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.testing.NoBufferLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoBufferLeaks.class)
class TypedMessageDecoderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(PeerLink.CLIENT_TO_MASTER),
            new TypedMessageDecoder<>(ClientRequests::decode));

    private static ByteBuf frame(MessageType type, int... ints) {
        ByteBuf b = Unpooled.buffer().writeInt(type.id()).writeInt(ints.length * 4);
        for (int i : ints) {
            b.writeInt(i);
        }
        return b;
    }

    @Test
    void well_formed_packets_become_typed_messages() {
        channel.writeInbound(frame(MessageType.CLTOMA_FUSE_STATFS, 9), frame(MessageType.ANTOAN_NOP, 0));
        assertThat((Object) channel.readInbound()).isEqualTo(new NamespaceRequest.Statfs(9));
        assertThat((Object) channel.readInbound()).isEqualTo(new SessionRequest.Nop(0));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void a_malformed_packet_closes_the_connection_and_nothing_after_it_is_decoded() {
        channel.writeInbound(frame(MessageType.CLTOMA_FUSE_STATFS, 9, 10), frame(MessageType.CLTOMA_FUSE_STATFS, 11));
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }
}
