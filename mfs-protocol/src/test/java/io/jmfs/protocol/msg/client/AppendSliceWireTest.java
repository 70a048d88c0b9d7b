package io.jmfs.protocol.msg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.client.MasterReply.Status;
import io.jmfs.protocol.msg.client.ToolRequest.AppendSlice;
import io.jmfs.protocol.testing.Encoded;
import io.jmfs.protocol.testing.NoBufferLeaks;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CLTOMA_FUSE_APPEND_SLICE as the 3.0.117 mfsappendchunks sends it: the slice form with flags, the slice as
 * {@code [from,to)} and the counted group list (the interop test runs the real tool against our master).
 */
@ExtendWith(NoBufferLeaks.class)
class AppendSliceWireTest {
    // msgid 1, flags 0, inode 5, srcinode 4, slice 0..0x80000000 (the whole file), uid 0, gcnt 1, gid 0
    private static final String ROOT_WHOLE_FILE = "00000001" + "00" + "00000005" + "00000004" + "00000000"
            + "80000000" + "00000000" + "00000001" + "00000000";

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    @Test
    void the_tools_default_request_appends_the_whole_source_file() throws Exception {
        ClientRequest m = Encoded.decode(ClientRequests::decode, MessageType.CLTOMA_FUSE_APPEND_SLICE.id(),
                hex(ROOT_WHOLE_FILE));
        assertThat(m).isEqualTo(new AppendSlice(1, 0, 5, 4, 0, AppendSlice.WHOLE_FILE_TO, 0, Gids.of(0)));
        assertThat(Encoded.payload(m)).isEqualTo(hex(ROOT_WHOLE_FILE));
        assertThat(hex(ROOT_WHOLE_FILE)).hasSize(29 + 4);
    }

    @Test
    void negative_slice_ends_are_flagged_and_carried_as_absolute_values() throws Exception {
        String negative = "00000002" + "03" + "00000005" + "00000004" + "00000002" + "00000001" + "000003e8"
                + "00000002" + "00000064" + "000003e8";
        assertThat(Encoded.decode(ClientRequests::decode, MessageType.CLTOMA_FUSE_APPEND_SLICE.id(), hex(negative)))
                .isEqualTo(new AppendSlice(2, AppendSlice.FROM_NEG | AppendSlice.TO_NEG, 5, 4, 2, 1, 1000,
                        Gids.of(100, 1000)));
    }

    @Test
    void the_answer_is_the_plain_status() throws Exception {
        assertThat(Encoded.decode(MasterReplies::decode, MessageType.MATOCL_FUSE_APPEND_SLICE.id(),
                hex("0000000122"))).isEqualTo(new Status(MessageType.MATOCL_FUSE_APPEND_SLICE.id(), 1,
                MfsStatus.QUOTA));
    }

    @Test
    void the_forms_before_3_0_92_are_refused_with_a_reason() {
        // msgid inode srcinode uid gcnt=1 gid: 24 bytes, no flags and no slice
        assertThatThrownBy(() -> Encoded.decode(ClientRequests::decode, MessageType.CLTOMA_FUSE_APPEND_SLICE.id(),
                hex("00000001" + "00000005" + "00000004" + "00000000" + "00000001" + "00000000"))).isInstanceOf(
                MalformedPacketException.class).hasMessageContaining("slice form");
    }

    @Test
    void a_group_count_that_disagrees_with_the_length_and_unknown_flags_are_refused() {
        assertThatThrownBy(() -> Encoded.decode(ClientRequests::decode, MessageType.CLTOMA_FUSE_APPEND_SLICE.id(),
                hex(ROOT_WHOLE_FILE.replace("0000000100000000", "0000000200000000")))).isInstanceOf(
                MalformedPacketException.class).hasMessageContaining("gids count 2");
        assertThatThrownBy(() -> Encoded.decode(ClientRequests::decode, MessageType.CLTOMA_FUSE_APPEND_SLICE.id(),
                hex("00000001" + "04" + ROOT_WHOLE_FILE.substring(10)))).isInstanceOf(
                MalformedPacketException.class).hasMessageContaining("unknown flags");
    }
}
