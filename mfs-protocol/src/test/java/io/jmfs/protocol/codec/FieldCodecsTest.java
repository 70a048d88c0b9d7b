package io.jmfs.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Crc32;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.NodeType;
import io.jmfs.protocol.testing.NoBufferLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoBufferLeaks.class)
class FieldCodecsTest {
    private static final Attr DIR = new Attr(0x0C, NodeType.DIRECTORY, 0777, 0, 0, 0x6b011a7d, 0x6b011ad6,
            0x6b011ad6, 7, 2_050_000, 0);

    @Test
    void attr_matches_the_directory_record_seen_on_the_wire() {
        ByteBuf b = Unpooled.buffer();
        try {
            AttrCodec.write(b, DIR);
            assertThat(ByteBufUtil.hexDump(b))
                    .isEqualTo("0c21ff00000000000000006b011a7d6b011ad66b011ad60000000700000000001f47d000");
        } finally {
            b.release();
        }
    }

    @Test
    void peers_before_3_0_93_get_the_35_byte_attr_without_winattr() throws Exception {
        Attr withWinattr = new Attr(0, NodeType.FILE, 0644, 1, 2, 3, 4, 5, 1, 14, 0x11);
        ByteBuf b = Unpooled.buffer();
        try {
            AttrCodec.write(b, withWinattr, false);
            assertThat(b.readableBytes()).isEqualTo(Attr.LEGACY_SIZE);
            Attr back = new WireReader(MessageType.MATOCL_FUSE_GETATTR.id(), b).attr(false);
            assertThat(back).isEqualTo(new Attr(0, NodeType.FILE, 0644, 1, 2, 3, 4, 5, 1, 14, 0));
        } finally {
            b.release();
        }
    }

    @Test
    void an_attr_with_an_unknown_node_type_is_malformed() {
        ByteBuf b = Unpooled.wrappedBuffer(new byte[Attr.SIZE]);
        try {
            assertThatThrownBy(() -> new WireReader(MessageType.MATOCL_FUSE_GETATTR.id(), b).attr())
                    .isInstanceOf(MalformedPacketException.class).hasMessageContaining("unknown node type 0");
        } finally {
            b.release();
        }
    }

    @Test
    void names_longer_than_255_bytes_cannot_be_written() {
        ByteBuf b = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> WireWriter.name(b, ByteString.of(new byte[256])))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            b.release();
        }
    }

    @Test
    void crc_over_a_composite_buffer_equals_crc_over_the_bytes() {
        byte[] hello = "hello-moosefs\n".getBytes(StandardCharsets.US_ASCII);
        CompositeByteBuf c = Unpooled.compositeBuffer();
        try {
            c.addComponent(true, Unpooled.wrappedBuffer(hello, 0, 5));
            c.addComponent(true, Unpooled.wrappedBuffer(hello, 5, hello.length - 5));
            assertThat(ByteBufCrc.of(c)).isEqualTo(Crc32.of(hello)).isEqualTo(0x8c824394);
            assertThat(ByteBufCrc.of(c, 5, hello.length - 5)).isEqualTo(Crc32.of(hello, 5, hello.length - 5));
            assertThat(c.readerIndex()).isZero();
        } finally {
            c.release();
        }
    }
}
