package io.jmfs.master.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Packets a healthy client never sends: each closes the connection that sent it, changes nothing, and leaves every
 * other client served.
 */
class BadInputTest {
    private static final Gids ROOT = Gids.of(0);

    private ClientServer server;
    private WireClient bystander;

    @BeforeEach
    void start() throws Exception {
        server = new ClientServer("* / rw,alldirs,maproot=0\n");
        bystander = register(server.connect());
        bystander.send(new NamespaceRequest.Mkdir(1, 1, ByteString.utf8("existing"), 0755, 0, 0, ROOT, 0));
        bystander.receive(NamespaceReply.EntryReply.class);
    }

    @AfterEach
    void stop() {
        bystander.close();
        server.close();
    }

    private static WireClient register(WireClient client) {
        client.send(new SessionRequest.RegisterNewSession(0x000300EA, ByteString.utf8("t\0"), ByteString.utf8("/\0"),
                OptionalInt.empty(), OptionalLong.empty(), Optional.empty()));
        client.receive(SessionReply.RegisterSession.class);
        return client;
    }

    private void assertClosedAndHarmless(boolean registerFirst, Consumer<WireClient> attack) throws Exception {
        String before = server.listing();
        try (WireClient attacker = server.connect()) {
            if (registerFirst) {
                register(attacker);
            }
            attack.accept(attacker);
            assertThat(attacker.closedByPeer()).as("the offending connection is closed").isTrue();
        }
        assertThat(server.listing()).as("nothing changed").isEqualTo(before);
        bystander.send(new NamespaceRequest.Lookup(42, 1, ByteString.utf8("existing"), 0, ROOT));
        assertThat(bystander.receive(NamespaceReply.Lookup.class).msgid()).as("other clients are still served")
                .isEqualTo(42);
    }

    @Test
    void aRequestBeforeRegisterClosesTheConnection() throws Exception {
        assertClosedAndHarmless(false, c -> c.send(
                new NamespaceRequest.Mkdir(1, 1, ByteString.utf8("sneaky"), 0755, 0, 0, ROOT, 0)));
    }

    @Test
    void registeringTwiceClosesTheConnection() throws Exception {
        assertClosedAndHarmless(true, c -> c.send(new SessionRequest.RegisterNewSession(0x000300EA,
                ByteString.utf8("t\0"), ByteString.utf8("/\0"), OptionalInt.empty(), OptionalLong.empty(),
                Optional.empty())));
    }

    @Test
    void closingASessionThatWasNeverOpenedOnThisConnectionClosesIt() throws Exception {
        assertClosedAndHarmless(false, c -> c.send(new SessionRequest.RegisterCloseSession(1, OptionalLong.empty())));
    }

    @Test
    void aPayloadLongerThanItsGrammarClosesTheConnection() throws Exception {
        // MKDIR msgid=1 parent=1 name="x" mode umask uid GIDS(1: 0) copysgid, plus one stray byte
        assertClosedAndHarmless(true, c -> c.sendRaw(HexFormat.of().parseHex(
                "000001a2" + "0000001c" + "00000001" + "00000001" + "0178" + "01ed" + "0000" + "00000000"
                        + "00000001" + "00000000" + "00" + "ff")));
    }

    @Test
    void aPayloadShorterThanItsGrammarClosesTheConnection() throws Exception {
        // MKDIR cut after the name
        assertClosedAndHarmless(true, c -> c.sendRaw(HexFormat.of().parseHex(
                "000001a2" + "0000000a" + "00000001" + "00000001" + "0178")));
    }

    @Test
    void anOversizedFrameClosesTheConnectionBeforeItsPayloadArrives() throws Exception {
        assertClosedAndHarmless(true, c -> c.sendRaw(HexFormat.of().parseHex("000001a2" + "7fffffff" + "00000001")));
    }

    @Test
    void anUnknownPacketTypeClosesTheConnection() throws Exception {
        assertClosedAndHarmless(true, c -> c.sendRaw(HexFormat.of().parseHex("0000fff0" + "00000004" + "00000001")));
    }

    @Test
    void aWrongRegisterBlobClosesTheConnection() throws Exception {
        byte[] packet = new byte[8 + 65];
        packet[3] = (byte) 0x90; // 400
        packet[1] = 0;
        packet[2] = 1;
        packet[7] = 65;
        packet[8 + 64] = 2;
        assertClosedAndHarmless(false, c -> c.sendRaw(packet));
    }
}
