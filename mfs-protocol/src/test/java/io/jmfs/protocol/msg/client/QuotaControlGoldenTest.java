package io.jmfs.protocol.msg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.client.ToolRequest.QuotaControl;
import io.jmfs.protocol.msg.client.ToolRequest.QuotaLimits;
import io.jmfs.protocol.testing.Encoded;
import io.jmfs.protocol.testing.NoBufferLeaks;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** QUOTACONTROL byte for byte, as MFSCommunication.h and the 3.0.117 master and tools lay it out. */
@ExtendWith(NoBufferLeaks.class)
class QuotaControlGoldenTest {
    private static final int REQUEST = MessageType.CLTOMA_FUSE_QUOTACONTROL.id();
    private static final int REPLY = MessageType.MATOCL_FUSE_QUOTACONTROL.id();
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void quota_packet_ids_are_476_and_477() {
        assertThat(REQUEST).isEqualTo(476);
        assertThat(REPLY).isEqualTo(477);
    }

    @Test
    void mfsgetquota_sends_msgid_inode_and_zero_flags_in_nine_bytes() throws Exception {
        String hex = "00000001" + "00000005" + "00";
        assertThat(HEX.formatHex(Encoded.payload(QuotaControl.get(1, 5)))).isEqualTo(hex);
        assertThat(Encoded.decode(ClientRequests::decode, REQUEST, HEX.parseHex(hex)))
                .isEqualTo(QuotaControl.get(1, 5));
    }

    @Test
    void mfsdelquota_names_the_limits_to_drop_in_qflags() throws Exception {
        // -I -L: hard inodes (0x10) and hard length (0x20)
        assertThat(Encoded.decode(ClientRequests::decode, REQUEST, HEX.parseHex("000000010000000530")))
                .isEqualTo(QuotaControl.delete(1, 5, 0x30));
    }

    @Test
    void mfssetquota_of_3_0_117_sends_the_grace_period_before_the_limits() throws Exception {
        String hex = "00000002" + "00000005" + "11" + "00000e10"
                + "0000000a" + "0000000000000000" + "0000000000000000" + "0000000000000000"
                + "00000014" + "0000000000000000" + "0000000000000000" + "0000000000000000";
        QuotaControl set = new QuotaControl(2, 5, 0x11,
                Optional.of(new QuotaLimits(OptionalInt.of(3600), 10, 0, 0, 0, 20, 0, 0, 0)));
        assertThat(HEX.parseHex(hex)).hasSize(69);
        assertThat(Encoded.decode(ClientRequests::decode, REQUEST, HEX.parseHex(hex))).isEqualTo(set);
        assertThat(HEX.formatHex(Encoded.payload(set))).isEqualTo(hex);
    }

    @Test
    void old_tools_set_without_a_grace_period_in_65_bytes() throws Exception {
        byte[] payload = new byte[65];
        payload[3] = 3;
        payload[7] = 1;
        payload[8] = (byte) 0x80;
        payload[64] = 0x40; // hrealsize = 64
        assertThat(Encoded.decode(ClientRequests::decode, REQUEST, payload)).isEqualTo(new QuotaControl(3, 1, 0x80,
                Optional.of(new QuotaLimits(OptionalInt.empty(), 0, 0, 0, 0, 0, 0, 0, 64))));
    }

    @Test
    void other_request_sizes_are_malformed() {
        assertThatThrownBy(() -> Encoded.decode(ClientRequests::decode, REQUEST, new byte[10]))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> Encoded.decode(ClientRequests::decode, REQUEST, new byte[68]))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void the_answer_to_a_3_0_117_client_is_93_bytes_with_usage_last() throws Exception {
        String hex = "00000002" + "11" + "00093a80"
                + "0000000a" + "0000000000000000" + "0000000000000000" + "0000000000000000"
                + "00000014" + "0000000000000000" + "0000000000000000" + "0000000000000000"
                + "00000003" + "0000000000000064" + "0000000000012000" + "0000000000024000";
        ToolReply.QuotaControl reply = new ToolReply.QuotaControl(2, 0x11,
                new QuotaLimits(OptionalInt.of(604800), 10, 0, 0, 0, 20, 0, 0, 0), 3, 100, 0x12000, 0x24000);
        assertThat(HEX.parseHex(hex)).hasSize(93);
        assertThat(HEX.formatHex(Encoded.payload(reply))).isEqualTo(hex);
        assertThat(Encoded.decode(MasterReplies::decode, REPLY, HEX.parseHex(hex))).isEqualTo(reply);
    }

    @Test
    void a_refusal_is_the_five_byte_status_answer() throws Exception {
        assertThat(Encoded.decode(MasterReplies::decode, REPLY, HEX.parseHex("0000000201")))
                .isEqualTo(new MasterReply.Status(REPLY, 2, MfsStatus.EPERM));
    }
}
