package io.jmfs.protocol.msg.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.client.MasterReply.Status;
import io.jmfs.protocol.msg.client.ToolReply.ArchiveChanged;
import io.jmfs.protocol.msg.client.ToolReply.ArchiveCounts;
import io.jmfs.protocol.msg.client.ToolRequest.ArchCtl;
import io.jmfs.protocol.testing.Encoded;
import io.jmfs.protocol.testing.NoBufferLeaks;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CLTOMA_FUSE_ARCHCTL (496) and MATOCL_FUSE_ARCHCTL (497), byte for byte as MooseFS 3.0.117's MFSCommunication.h
 * lays them out and its master checks them (9 bytes for GET, 13 for SET/CLR; answers of 5, 32 or 24 bytes).
 */
@ExtendWith(NoBufferLeaks.class)
class ArchiveControlPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    private static ClientRequest request(String hex) throws Exception {
        return Encoded.decode(ClientRequests::decode, MessageType.CLTOMA_FUSE_ARCHCTL.id(), HEX.parseHex(hex));
    }

    private static MasterReply reply(String hex) throws Exception {
        return Encoded.decode(MasterReplies::decode, MessageType.MATOCL_FUSE_ARCHCTL.id(), HEX.parseHex(hex));
    }

    @Test
    void mfschkarchive_sends_msgid_inode_and_the_get_command_only() throws Exception {
        String wire = "00000007" + "00000004" + "02";
        assertThat(request(wire)).isEqualTo(ArchCtl.get(7, 4));
        assertThat(HEX.formatHex(Encoded.payload(ArchCtl.get(7, 4)))).isEqualTo(wire);
    }

    @Test
    void mfssetarchive_and_mfsclrarchive_add_the_callers_uid() throws Exception {
        assertThat(request("00000007" + "00000004" + "01" + "000003e8"))
                .isEqualTo(ArchCtl.change(7, 4, ArchCtl.SET, 1000));
        assertThat(request("00000007" + "00000004" + "00" + "00000000"))
                .isEqualTo(ArchCtl.change(7, 4, ArchCtl.CLR, 0));
    }

    @Test
    void a_get_with_a_uid_or_a_change_without_one_is_malformed() {
        assertThatThrownBy(() -> request("00000007" + "00000004" + "02" + "000003e8"))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> request("00000007" + "00000004" + "01"))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("uid");
    }

    @Test
    void the_get_answer_is_two_64_bit_chunk_counts_and_three_inode_counts() throws Exception {
        String wire = "00000007" + "0000000000000003" + "0000000200000000" + "00000002" + "00000001" + "00000000";
        ArchiveCounts counts = new ArchiveCounts(7, 3, 1L << 33, 2, 1, 0);
        assertThat(reply(wire)).isEqualTo(counts);
        assertThat(HEX.formatHex(Encoded.payload(counts))).isEqualTo(wire);
    }

    @Test
    void the_set_answer_is_two_64_bit_chunk_counts_and_the_refused_inodes() throws Exception {
        String wire = "00000007" + "0000000000000005" + "0000000000000001" + "00000002";
        assertThat(reply(wire)).isEqualTo(new ArchiveChanged(7, 5, 1, 2));
    }

    @Test
    void an_error_is_the_common_status_answer() throws Exception {
        assertThat(reply("00000007" + "01"))
                .isEqualTo(new Status(MessageType.MATOCL_FUSE_ARCHCTL.id(), 7, MfsStatus.EPERM));
    }

    @Test
    void the_uid_goes_with_set_and_clear_only() {
        assertThatThrownBy(() -> new ArchCtl(1, 1, ArchCtl.GET, java.util.OptionalInt.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArchCtl(1, 1, ArchCtl.SET, java.util.OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
