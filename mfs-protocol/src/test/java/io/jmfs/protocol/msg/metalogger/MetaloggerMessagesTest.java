package io.jmfs.protocol.msg.metalogger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.common.CommonMessages;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.ChangelogEntry;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadData;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadInfo;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadRefused;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.RotateLogs;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadEnd;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadRequest;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadStart;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.Register;
import io.jmfs.protocol.testing.Encoded;
import io.jmfs.protocol.testing.GoldenPacket;
import io.jmfs.protocol.testing.GoldenPackets;
import io.jmfs.protocol.testing.NoBufferLeaks;
import io.jmfs.protocol.testing.SealedCoverage;
import io.jmfs.protocol.wire.WireMessage;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NoBufferLeaks.class)
class MetaloggerMessagesTest {
    private static final String FILE = "/golden/metalogger-master.hex";

    static Stream<GoldenPacket> golden() {
        return GoldenPackets.load(FILE).stream();
    }

    private static WireMessage decode(GoldenPacket p) throws Exception {
        if (CommonMessages.isCommon(p.type().id())) {
            return Encoded.decode((t, b) -> CommonMessages.decode(t, b, false), p.type().id(), p.payload());
        }
        return p.direction().equals("ML>M")
                ? Encoded.decode(MetaloggerMessages::decodeFromMetalogger, p.type().id(), p.payload())
                : Encoded.decode(MetaloggerMessages::decodeFromMaster, p.type().id(), p.payload());
    }

    @ParameterizedTest
    @MethodSource("golden")
    void every_captured_packet_decodes_and_encodes_back_byte_for_byte(GoldenPacket p) throws Exception {
        WireMessage m = decode(p);
        assertThat(Encoded.payload(m)).as(m.toString()).isEqualTo(p.payload());
    }

    @Test
    void a_new_metalogger_registers_with_rver_1_and_downloads_the_metadata() throws Exception {
        assertThat(decode(GoldenPackets.find(FILE, "ML>M", MessageType.ANTOMA_REGISTER, "")))
                .isEqualTo(new Register(0x000300EA, 10, OptionalLong.empty()));
        assertThat(decode(GoldenPackets.find(FILE, "ML>M", MessageType.ANTOMA_DOWNLOAD_START, "01")))
                .isEqualTo(new DownloadStart(MetaloggerToMaster.FILE_METADATA));
        DownloadData data = (DownloadData) decode(GoldenPackets.find(FILE, "M>ML", MessageType.MATOAN_DOWNLOAD_DATA,
                "00000000000000000000000"));
        assertThat(data.data()).isEqualTo(ByteString.utf8("MFSM NEW\n"));
        assertThat(data.crcMatches()).isTrue();
    }

    @Test
    void the_master_streams_changelog_lines_with_their_version() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "M>ML", MessageType.MATOAN_METACHANGES_LOG, "ff0000000000000007");
        assertThat(decode(p)).isEqualTo(ChangelogEntry.of(7, "1795238215|CREATE(1,d1,2,511,18,0,0,0):2"));
    }

    static List<WireMessage> samples() {
        return List.of(
                new Register(0x000300EA, 10, OptionalLong.empty()),
                new Register(0x000300EA, 10, OptionalLong.of(12345)),
                new DownloadStart(MetaloggerToMaster.FILE_CHANGELOG_0),
                new DownloadRequest(1_000_000, 1_000_000),
                new DownloadEnd(),
                ChangelogEntry.of(6, "1795234425|ACCESS(1)"),
                new ChangelogEntry(true, 7, ByteString.utf8("x")),
                new RotateLogs(),
                new DownloadInfo(0),
                new DownloadRefused(0xFF),
                DownloadData.of(0, ByteString.utf8("MFSM NEW\n")));
    }

    @Test
    void the_samples_cover_every_metalogger_message() {
        assertThat(SealedCoverage.missing(MetaloggerToMaster.class, samples())).isEmpty();
        assertThat(SealedCoverage.missing(MasterToMetalogger.class, samples())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void message_round_trips(WireMessage m) throws Exception {
        WireMessage back = m instanceof MetaloggerToMaster
                ? Encoded.roundTrip(MetaloggerMessages::decodeFromMetalogger, m)
                : Encoded.roundTrip(MetaloggerMessages::decodeFromMaster, m);
        assertThat(back).isEqualTo(m);
        assertThat(Encoded.payload(back)).isEqualTo(Encoded.payload(m));
    }

    @Test
    void a_changelog_line_without_its_nul_is_malformed() {
        byte[] noNul = {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 'A'};
        assertThatThrownBy(() -> Encoded.decode(MetaloggerMessages::decodeFromMaster,
                MessageType.MATOAN_METACHANGES_LOG.id(), noNul))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("NUL");
    }
}
