package io.jmfs.protocol.msg.chunkserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster.*;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.AuthChallenge;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.ChunkBatchAck;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.Create;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.Delete;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.DupTrunc;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.Duplicate;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.MasterAck;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.Replicate;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.SetVersion;
import io.jmfs.protocol.msg.common.CommonMessage;
import io.jmfs.protocol.msg.common.CommonMessages;
import io.jmfs.protocol.testing.Encoded;
import io.jmfs.protocol.testing.GoldenPacket;
import io.jmfs.protocol.testing.GoldenPackets;
import io.jmfs.protocol.testing.NoBufferLeaks;
import io.jmfs.protocol.testing.SealedCoverage;
import io.jmfs.protocol.wire.WireMessage;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NoBufferLeaks.class)
class ChunkserverMessagesTest {
    private static final String FILE = "/golden/chunkserver-master.hex";

    static Stream<GoldenPacket> golden() {
        return GoldenPackets.load(FILE).stream();
    }

    private static WireMessage decode(GoldenPacket p) throws Exception {
        if (CommonMessages.isCommon(p.type().id())) {
            return Encoded.decode((t, b) -> CommonMessages.decode(t, b, false), p.type().id(), p.payload());
        }
        return p.direction().equals("CS>M")
                ? Encoded.decode(ChunkserverMessages::decodeFromChunkserver, p.type().id(), p.payload())
                : Encoded.decode(ChunkserverMessages::decodeFromMaster, p.type().id(), p.payload());
    }

    @ParameterizedTest
    @MethodSource("golden")
    void every_captured_packet_decodes_and_encodes_back_byte_for_byte(GoldenPacket p) throws Exception {
        WireMessage m = decode(p);
        assertThat(m.type()).isEqualTo(p.type().id());
        assertThat(Encoded.payload(m)).as(m.toString()).isEqualTo(p.payload());
    }

    @Test
    void a_freshly_started_chunkserver_registers_with_rver_60_and_no_chunks_yet() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "CS>M", MessageType.CSTOMA_REGISTER, "3c");
        assertThat(p.payload()).hasSize(55);
        assertThat(decode(p)).isEqualTo(new RegisterBegin(Optional.empty(), 0x000300EA, 0xC6120A02, 9422, 0, 0,
                0, 0, 0, 0, 0, 0));
        assertThat(decode(GoldenPackets.find(FILE, "CS>M", MessageType.CSTOMA_REGISTER, "3e")))
                .isEqualTo(new RegisterEnd());
        assertThat(decode(GoldenPackets.find(FILE, "CS>M", MessageType.CSTOMA_REGISTER, "3f")))
                .isEqualTo(new RegisterDisconnect());
    }

    @Test
    void master_acknowledges_with_its_version_timeout_csid_and_metaid() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "M>CS", MessageType.MATOCS_MASTER_ACK, "");
        assertThat(decode(p)).isEqualTo(new MasterAck(0x000300EA, 10, 1, 0x6b01293e50a3ec79L));
    }

    @Test
    void nop_between_daemons_is_empty() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "CS>M", MessageType.ANTOAN_NOP, "");
        assertThat(decode(p)).isEqualTo(new CommonMessage.Nop());
    }

    static List<WireMessage> samples() {
        return List.of(
                new RegisterBegin(Optional.empty(), 0x000300EA, 0xC6120A02, 9422, 0, 1, 1L << 40, 1L << 42, 12, 0, 0,
                        0),
                new RegisterBegin(Optional.of(ByteString.of(new byte[16])), 0x000300EA, 0, 9422, 10, 2, 1, 2, 3, 4,
                        5, 6),
                new RegisterChunks(List.of(new ChunkVersion(1, 1), new ChunkVersion(2, 0x80000003))),
                new RegisterEnd(), new RegisterDisconnect(),
                new Space(1, 2, 3, 4, 5, 6),
                new CurrentLoad(17, 1),
                new Labels(0b11),
                new ChunkIds(MessageType.CSTOMA_CHUNK_LOST.id(), List.of(5L, 6L)),
                new ChunkIds(MessageType.CSTOMA_CHUNK_DAMAGED.id(), List.of(7L)),
                new ChunkNew(List.of(new ChunkVersion(9, 2))),
                new ErrorOccurred(),
                new ChunkStatus(MessageType.CSTOMA_CREATE.id(), 0x22, MfsStatus.OK),
                new ChunkStatus(MessageType.CSTOMA_DUPTRUNC.id(), 0x23, MfsStatus.NOSPACE),
                new ReplicateStatus(0x22, 3, MfsStatus.CANTCONNECT),
                new MasterAck(0x000300EA, 10, 1, 42),
                new ChunkBatchAck(),
                new AuthChallenge(ByteString.of(new byte[32])),
                new Create(1, 1), new Delete(1, 0),
                new Duplicate(10, 1, 2, 5), new SetVersion(1, 3, 2),
                new Replicate(1, 2, 0xC6120A03, 9422),
                new MasterToChunkserver.Truncate(1, 100, 2, 1),
                new DupTrunc(10, 1, 2, 5, 4096));
    }

    @Test
    void the_samples_cover_every_chunkserver_message() {
        assertThat(SealedCoverage.missing(ChunkserverToMaster.class, samples())).isEmpty();
        assertThat(SealedCoverage.missing(MasterToChunkserver.class, samples())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void message_round_trips(WireMessage m) throws Exception {
        WireMessage back = m instanceof ChunkserverToMaster
                ? Encoded.roundTrip(ChunkserverMessages::decodeFromChunkserver, m)
                : Encoded.roundTrip(ChunkserverMessages::decodeFromMaster, m);
        assertThat(back).isEqualTo(m);
        assertThat(Encoded.payload(back)).isEqualTo(Encoded.payload(m));
    }

    @Test
    void a_chunk_list_that_is_not_whole_records_is_malformed() {
        assertThatThrownBy(() -> Encoded.decode(ChunkserverMessages::decodeFromChunkserver,
                MessageType.CSTOMA_CHUNK_NEW.id(), new byte[13]))
                .isInstanceOf(MalformedPacketException.class)
                .hasMessageStartingWith("CSTOMA_CHUNK_NEW: chunk list is not a multiple of 12 bytes");
    }

    @Test
    void a_register_begin_of_the_wrong_size_is_malformed() {
        assertThatThrownBy(() -> Encoded.decode(ChunkserverMessages::decodeFromChunkserver,
                MessageType.CSTOMA_REGISTER.id(), new byte[] {60, 0, 3, 0}))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("55 or 71");
    }

    @Test
    void copy_on_write_names_the_new_chunk_first() throws Exception {
        assertThat(decode(GoldenPackets.find(FILE, "M>CS", MessageType.MATOCS_DUPLICATE, "")))
                .isEqualTo(new Duplicate(4, 1, 3, 1));
        assertThat(decode(GoldenPackets.find(FILE, "M>CS", MessageType.MATOCS_DUPTRUNC, "")))
                .isEqualTo(new DupTrunc(5, 1, 3, 1, 1));
    }

    @Test
    void chunks_found_after_a_restart_arrive_as_chunk_new() throws Exception {
        ChunkNew m = (ChunkNew) decode(GoldenPackets.find(FILE, "CS>M", MessageType.CSTOMA_CHUNK_NEW, ""));
        assertThat(m.chunks()).extracting(ChunkVersion::chunkId).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
}
