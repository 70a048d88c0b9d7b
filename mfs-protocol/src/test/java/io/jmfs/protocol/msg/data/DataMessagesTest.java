package io.jmfs.protocol.msg.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.common.CommonMessages;
import io.jmfs.protocol.msg.data.DataMessage.*;
import io.jmfs.protocol.testing.Encoded;
import io.jmfs.protocol.testing.GoldenPacket;
import io.jmfs.protocol.testing.GoldenPackets;
import io.jmfs.protocol.testing.NoBufferLeaks;
import io.jmfs.protocol.testing.SealedCoverage;
import io.jmfs.protocol.wire.WireMessage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NoBufferLeaks.class)
class DataMessagesTest {
    private static final String FILE = "/golden/data.hex";
    private static final ByteString HELLO = ByteString.utf8("hello-moosefs\n");

    static Stream<GoldenPacket> golden() {
        return GoldenPackets.load(FILE).stream();
    }

    private static WireMessage decode(GoldenPacket p) throws Exception {
        if (CommonMessages.isCommon(p.type().id())) {
            return Encoded.decode((t, b) -> CommonMessages.decode(t, b, false), p.type().id(), p.payload());
        }
        return Encoded.decode(DataMessages::decode, p.type().id(), p.payload());
    }

    @ParameterizedTest
    @MethodSource("golden")
    void every_captured_packet_decodes_and_encodes_back_byte_for_byte(GoldenPacket p) throws Exception {
        WireMessage m = decode(p);
        assertThat(Encoded.payload(m)).as(m.toString()).isEqualTo(p.payload());
    }

    @Test
    void a_client_writes_hello_moosefs_as_one_crc_checked_block_slice() throws Exception {
        WriteData m = (WriteData) decode(GoldenPackets.find(FILE, "C>CS", MessageType.CLTOCS_WRITE_DATA,
                "000000000000000100000001"));
        assertThat(m).isEqualTo(new WriteData(1, 1, 0, 0, 0x8c824394, HELLO));
        assertThat(m.crcMatches()).isTrue();
        assertThat(WriteData.of(1, 1, 0, 0, HELLO)).isEqualTo(m);
    }

    @Test
    void the_write_chain_lists_the_next_chunkserver() throws Exception {
        Write m = (Write) decode(GoldenPackets.find(FILE, "C>CS", MessageType.CLTOCS_WRITE,
                "01000000000000000100000001c6120a02"));
        assertThat(m).isEqualTo(new Write(true, 1, 1, List.of(new ChainLink(0xC6120A02, 9422))));
    }

    @Test
    void the_chunkserver_returns_the_data_read_with_its_crc() throws Exception {
        ReadData m = (ReadData) decode(GoldenPackets.find(FILE, "CS>C", MessageType.CSTOCL_READ_DATA, ""));
        assertThat(m).isEqualTo(ReadData.of(1, 0, 0, HELLO));
        Read request = (Read) decode(GoldenPackets.find(FILE, "C>CS", MessageType.CLTOCS_READ,
                "0100000000000000010000000100000000"));
        assertThat(request).isEqualTo(new Read(true, 1, 1, 0, HELLO.length()));
    }

    static List<DataMessage> samples() {
        return List.of(
                new Read(true, 1, 1, 0, 65536), new Read(false, 2, 3, 65536, 1 << 20),
                new ReadStatus(1, MfsStatus.WRONGVERSION),
                ReadData.of(1, 1023, 65535, ByteString.of(new byte[1])),
                new Write(true, 1, 1, List.of(new ChainLink(1, 2), new ChainLink(3, 4))),
                new Write(false, 1, 1, List.of()),
                new WriteStatus(1, 0, MfsStatus.OK),
                WriteData.of(1, 7, 3, 100, ByteString.utf8("abc")),
                new WriteFinish(1, 2),
                new GetChunkBlocks(1, 2),
                new ChunkBlocks(1, 2, 1024, MfsStatus.OK));
    }

    @Test
    void the_samples_cover_every_data_message() {
        assertThat(SealedCoverage.missing(DataMessage.class, samples())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void message_round_trips(DataMessage m) throws Exception {
        DataMessage back = Encoded.roundTrip(DataMessages::decode, m);
        assertThat(back).isEqualTo(m);
        assertThat(Encoded.payload(back)).isEqualTo(Encoded.payload(m));
    }

    @Test
    void the_zero_copy_write_data_head_matches_the_full_decode_and_leaves_the_data_to_read() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "C>CS", MessageType.CLTOCS_WRITE_DATA, "000000000000000100000001");
        io.netty.buffer.ByteBuf payload = io.netty.buffer.Unpooled.wrappedBuffer(p.payload());
        try {
            DataMessages.WriteDataHead head = DataMessages.writeDataHead(payload);
            assertThat(head).isEqualTo(new DataMessages.WriteDataHead(1, 1, 0, 0, HELLO.length(), 0x8c824394));
            assertThat(payload.readableBytes()).isEqualTo(head.size());
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(payload)).isEqualTo(HELLO.toByteArray());
        } finally {
            payload.release();
        }
    }

    @Test
    void the_zero_copy_write_data_head_refuses_what_the_full_decode_refuses() {
        byte[] payload = ByteBuffer.allocate(24 + 2).putLong(1).putInt(1).putShort((short) 0)
                .putShort((short) 65535).putInt(2).putInt(0).array();
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.wrappedBuffer(payload);
        try {
            assertThatThrownBy(() -> DataMessages.writeDataHead(b)).isInstanceOf(MalformedPacketException.class)
                    .hasMessageContaining("leaves the 64 KiB block");
        } finally {
            b.release();
        }
    }

    @Test
    void a_read_data_head_followed_by_its_data_is_the_read_data_frame() {
        ReadData m = ReadData.of(9, 3, 100, HELLO);
        io.netty.buffer.ByteBuf whole = io.netty.buffer.Unpooled.buffer();
        io.netty.buffer.ByteBuf split = io.netty.buffer.Unpooled.buffer();
        try {
            io.jmfs.protocol.wire.MessageEncoder.writeFrame(m, whole);
            DataMessages.readDataHead(split, 9, 3, 100, HELLO.length(), m.crc());
            split.writeBytes(HELLO.toByteArray());
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(split)).isEqualTo(io.netty.buffer.ByteBufUtil.getBytes(whole));
        } finally {
            whole.release();
            split.release();
        }
    }

    @Test
    void data_that_would_cross_a_block_boundary_is_malformed() {
        byte[] payload = ByteBuffer.allocate(24 + 2).putLong(1).putInt(1).putShort((short) 0)
                .putShort((short) 65535).putInt(2).putInt(0).array();
        assertThatThrownBy(() -> Encoded.decode(DataMessages::decode, MessageType.CLTOCS_WRITE_DATA.id(), payload))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("leaves the 64 KiB block");
    }

    @Test
    void a_size_field_that_disagrees_with_the_payload_is_malformed() {
        byte[] payload = ByteBuffer.allocate(20 + 3).putLong(1).putShort((short) 0).putShort((short) 0).putInt(4)
                .putInt(0).array();
        assertThatThrownBy(() -> Encoded.decode(DataMessages::decode, MessageType.CSTOCL_READ_DATA.id(), payload))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("does not match");
    }
}
