package io.jmfs.protocol.msg.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.msg.common.CommonMessage.GetVersion;
import io.jmfs.protocol.msg.common.CommonMessage.Nop;
import io.jmfs.protocol.msg.common.CommonMessage.Version;
import io.jmfs.protocol.testing.Encoded;
import io.jmfs.protocol.testing.NoBufferLeaks;
import io.jmfs.protocol.testing.SealedCoverage;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NoBufferLeaks.class)
class CommonMessagesTest {

    static List<CommonMessage> samples() {
        return List.of(new Nop(), new GetVersion(OptionalInt.empty()), new GetVersion(OptionalInt.of(5)),
                new Version(OptionalInt.empty(), 0x000300EA, ByteString.utf8("3.0.117-1")),
                new Version(OptionalInt.of(5), 0x000300EA, ByteString.utf8("3.0.117-1")));
    }

    @Test
    void the_samples_cover_every_common_message() {
        assertThat(SealedCoverage.missing(CommonMessage.class, samples())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void message_round_trips(CommonMessage m) throws Exception {
        boolean withMsgid = m instanceof Version v && v.msgid().isPresent();
        CommonMessage back = Encoded.roundTrip((t, b) -> CommonMessages.decode(t, b, withMsgid), m);
        assertThat(back).isEqualTo(m);
    }

    @Test
    void every_3_0_117_daemon_answers_its_version_like_this() throws Exception {
        byte[] wire = HexFormat.of().parseHex("000300ea" + HexFormat.of().formatHex("3.0.117-1".getBytes()));
        CommonMessage m = Encoded.decode((t, b) -> CommonMessages.decode(t, b, false),
                MessageType.ANTOAN_VERSION.id(), wire);
        assertThat(m).isEqualTo(new Version(OptionalInt.empty(), 0x000300EA, ByteString.utf8("3.0.117-1")));
    }
}
