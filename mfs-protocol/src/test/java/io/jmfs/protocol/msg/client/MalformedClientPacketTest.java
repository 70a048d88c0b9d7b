package io.jmfs.protocol.msg.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.testing.Encoded;
import io.jmfs.protocol.testing.NoBufferLeaks;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Decoders reject anything but the exact grammar, naming the packet and the problem. */
@ExtendWith(NoBufferLeaks.class)
class MalformedClientPacketTest {
    private static final String LOOKUP = "0000000200000001026431000000000000000100000000";

    private static void assertRejected(MessageType type, String hex, String reason) {
        assertThatThrownBy(() -> Encoded.decode(ClientRequests::decode, type.id(), HexFormat.of().parseHex(hex)))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith(type.name() + ": ")
                .hasMessageContaining(reason);
    }

    @Test
    void a_truncated_packet_names_the_missing_field() {
        assertRejected(MessageType.CLTOMA_FUSE_GETATTR, "00000001000000", "truncated at inode");
    }

    @Test
    void trailing_bytes_are_rejected() {
        assertRejected(MessageType.CLTOMA_FUSE_STATFS, "0000000100", "trailing");
    }

    @Test
    void a_group_count_that_disagrees_with_the_length_is_rejected() {
        assertRejected(MessageType.CLTOMA_FUSE_LOOKUP, LOOKUP.replace("0000000100000000", "0000000200000000"),
                "gids count 2");
    }

    @Test
    void a_name_longer_than_the_packet_is_rejected() {
        assertRejected(MessageType.CLTOMA_FUSE_LOOKUP, "0000000200000001ff6431", "truncated at name");
    }

    @Test
    void a_register_without_the_known_blob_is_rejected() {
        assertRejected(MessageType.CLTOMA_FUSE_REGISTER, "00".repeat(65), "unknown register blob");
    }

    @Test
    void a_symlink_path_without_nul_is_rejected() {
        assertRejected(MessageType.CLTOMA_FUSE_SYMLINK,
                "0000000200000001017800000001" + "41" + "0000000000000001" + "00000000", "NUL");
    }

    @Test
    void packets_without_a_decoder_are_reported_not_guessed() {
        assertRejected(MessageType.CLTOMA_FUSE_REPAIR, "00000001", "not a client request");
        assertThatThrownBy(() -> Encoded.decode(MasterReplies::decode, MessageType.MATOCL_FUSE_LOOKUP.id(),
                HexFormat.of().parseHex("00000002ff")))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("unknown status 255");
    }
}
