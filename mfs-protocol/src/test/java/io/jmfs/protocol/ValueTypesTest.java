package io.jmfs.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Netty-free protocol values. */
class ValueTypesTest {

    @Nested
    class MessageTypes {
        @Test
        void ids_are_those_of_MFSCommunication_h() {
            assertThat(MessageType.ANTOAN_NOP.id()).isZero();
            assertThat(MessageType.CLTOMA_FUSE_LOOKUP.id()).isEqualTo(406);
            assertThat(MessageType.MATOCL_FUSE_REGISTER.id()).isEqualTo(401);
            assertThat(MessageType.CSTOMA_REGISTER.id()).isEqualTo(100);
            assertThat(MessageType.MATOCS_MASTER_ACK.id()).isEqualTo(104);
            assertThat(MessageType.CLTOCS_WRITE_DATA.id()).isEqualTo(212);
            assertThat(MessageType.MATOAN_METACHANGES_LOG.id()).isEqualTo(51);
            assertThat(MessageType.MATOCL_FUSE_INVALIDATE_CHUNK_CACHE.id()).isEqualTo(706);
            assertThat(MessageType.values()).hasSize(218);
        }

        @Test
        void only_id_499_carries_two_names() {
            assertThat(Arrays.stream(MessageType.values()).map(MessageType::id).distinct().count())
                    .isEqualTo(MessageType.values().length - 1);
            assertThat(MessageType.nameOf(499)).isEqualTo("MATOCL_FUSE_FSYNC/CLTOMA_FUSE_SUSTAINED_INODES_DEPRECATED");
        }

        @Test
        void names_for_logs_cover_unknown_ids() {
            assertThat(MessageType.nameOf(406)).isEqualTo("CLTOMA_FUSE_LOOKUP");
            assertThat(MessageType.nameOf(9999)).isEqualTo("UNKNOWN(9999)");
            assertThat(MessageType.nameOf(-1)).isEqualTo("UNKNOWN(4294967295)");
            assertThat(MessageType.of(406)).contains(MessageType.CLTOMA_FUSE_LOOKUP);
            assertThat(MessageType.of(3)).isEmpty();
        }
    }

    @Nested
    class Versions {
        @Test
        void version_3_0_117_is_0x000300EA() {
            assertThat(ProtocolVersion.V3_0_117.encode()).isEqualTo(0x000300EA);
            assertThat(ProtocolVersion.decode(0x000300EA)).isEqualTo(ProtocolVersion.of(3, 0, 117));
            assertThat(ProtocolVersion.V3_0_117).hasToString("3.0.117");
        }

        @Test
        void the_pro_bit_round_trips_but_does_not_order() {
            ProtocolVersion pro = ProtocolVersion.decode(0x000300EB);
            assertThat(pro.pro()).isTrue();
            assertThat(pro.encode()).isEqualTo(0x000300EB);
            assertThat(pro.compareTo(ProtocolVersion.V3_0_117)).isZero();
        }

        @Test
        void gates_compare_like_the_reference() {
            ProtocolVersion v = ProtocolVersion.V3_0_117;
            assertThat(v.atLeast(ProtocolVersion.ATTR_WITH_WINATTR)).isTrue();
            assertThat(v.atLeast(ProtocolVersion.OPEN_FLAGS_TRUNCATE_PREVSIZE)).isTrue();
            assertThat(ProtocolVersion.of(3, 0, 92).atLeast(ProtocolVersion.ATTR_WITH_WINATTR)).isFalse();
            assertThat(ProtocolVersion.of(2, 1, 6).before(ProtocolVersion.MIN_MASTER_FOR_CLIENT)).isTrue();
            assertThat(ProtocolVersion.of(4, 0, 0).atLeast(ProtocolVersion.V3_0_117)).isTrue();
        }

        @Test
        void out_of_range_parts_are_rejected() {
            assertThatThrownBy(() -> ProtocolVersion.of(3, 256, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ProtocolVersion.of(3, 0, 128)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Geometry {
        @Test
        void chunks_are_64_MiB_of_1024_blocks_of_64_KiB() {
            assertThat(ChunkGeometry.CHUNK_SIZE).isEqualTo(64 << 20);
            assertThat(ChunkGeometry.BLOCK_SIZE).isEqualTo(64 << 10);
            assertThat(ChunkGeometry.BLOCKS_PER_CHUNK).isEqualTo(1024);
        }

        @Test
        void a_file_offset_maps_to_chunk_index_offset_and_block() {
            long offset = 3L * ChunkGeometry.CHUNK_SIZE + 5 * ChunkGeometry.BLOCK_SIZE + 7;
            assertThat(ChunkGeometry.chunkIndex(offset)).isEqualTo(3);
            assertThat(ChunkGeometry.offsetInChunk(offset)).isEqualTo(5 * 65536 + 7);
            assertThat(ChunkGeometry.blockIndex(ChunkGeometry.offsetInChunk(offset))).isEqualTo(5);
            assertThat(ChunkGeometry.chunkIndex(ChunkGeometry.MAX_FILE_LENGTH - 1)).isEqualTo(Integer.MAX_VALUE);
            assertThatThrownBy(() -> ChunkGeometry.chunkIndex(ChunkGeometry.MAX_FILE_LENGTH))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Crc {
        @Test
        void crc_of_a_zero_block_is_the_chunk_file_filler() {
            assertThat(Crc32.ofZeros(ChunkGeometry.BLOCK_SIZE)).isEqualTo(Crc32.ZERO_BLOCK).isEqualTo(0xD7978EEB);
        }

        @Test
        void crc_matches_the_value_seen_on_the_wire() {
            assertThat(Crc32.of("hello-moosefs\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x8c824394);
        }

        @Test
        void combining_two_crcs_equals_the_crc_of_the_concatenation() {
            Random random = new Random(7);
            for (int i = 0; i < 50; i++) {
                byte[] data = new byte[random.nextInt(70_000)];
                random.nextBytes(data);
                int split = data.length == 0 ? 0 : random.nextInt(data.length + 1);
                int a = Crc32.of(data, 0, split);
                int b = Crc32.of(data, split, data.length - split);
                assertThat(Crc32.combine(a, b, data.length - split)).isEqualTo(Crc32.of(data));
            }
        }
    }

    @Nested
    class Attrs {
        @Test
        void directory_display_size_uses_the_reference_pseudo_float() {
            assertThat(Attr.directoryDisplaySize(0)).isEqualTo(1);
            assertThat(Attr.directoryDisplaySize(12)).isEqualTo(1200);
            assertThat(Attr.directoryDisplaySize(500L << 20)).isEqualTo(2_050_000);
            assertThat(Attr.directoryDisplaySize(1023)).isEqualTo(102_300);
            assertThat(Attr.directoryDisplaySize(1024)).isEqualTo(1_000_100);
        }

        @Test
        void devices_keep_rdev_in_the_upper_half_of_the_size_field() {
            Attr dev = new Attr(0, NodeType.CHARDEV, 0600, 0, 0, 0, 0, 0, 1, Attr.deviceSize(0x0103), 0);
            assertThat(dev.rdev()).isEqualTo(0x0103);
            assertThat(dev.typeMode()).isEqualTo(0x6180);
        }

        @Test
        void mode_is_limited_to_12_bits() {
            assertThatThrownBy(() -> new Attr(0, NodeType.FILE, 010000, 0, 0, 0, 0, 0, 1, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Groups {
        @Test
        void no_group_is_the_single_form_with_all_bits_set() {
            assertThat(Gids.none().gids()).containsExactly(0xFFFFFFFF);
            assertThat(Gids.none().effective()).isEmpty();
            assertThat(Gids.none().wireSize()).isEqualTo(4);
            assertThat(Gids.of(1, 2).wireSize()).isEqualTo(12);
            assertThat(Gids.of(1, 2).effective()).isEqualTo(List.of(1, 2));
        }

        @Test
        void an_empty_counted_list_cannot_be_expressed() {
            assertThatThrownBy(Gids::of).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Statuses {
        @Test
        void status_codes_map_to_errno() {
            assertThat(MfsStatus.ofCode(3)).isEqualTo(MfsStatus.ENOENT);
            assertThat(MfsStatus.ENOENT.errno()).isEqualTo(2);
            assertThat(MfsStatus.ofCode(38).errno()).isEqualTo(61);
            assertThatThrownBy(() -> MfsStatus.ofCode(54)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
