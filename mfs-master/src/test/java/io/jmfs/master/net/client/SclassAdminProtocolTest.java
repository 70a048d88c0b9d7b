package io.jmfs.master.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.client.ToolReply;
import io.jmfs.protocol.msg.client.ToolRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mfsscadmin's packets over a real socket, byte for byte as 3.0.117's tool sends them. */
class SclassAdminProtocolTest {
    private static final int V3_0_117 = 0x000300EA;
    private static final int A = 1;
    private static final int B = 2;

    private ClientServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private WireClient mounted(String exports) throws Exception {
        server = new ClientServer(exports);
        WireClient client = server.connect();
        client.send(new SessionRequest.RegisterNewSession(V3_0_117, ByteString.utf8("/mnt/test\0"),
                ByteString.utf8("/\0"), OptionalInt.empty(), OptionalLong.empty(), Optional.empty()));
        assertThat(client.receive()).isInstanceOf(SessionReply.RegisterSession.class);
        return client;
    }

    /** CLTOMA_SCLASS_CREATE for "create -K A,B name": create and archive copy keep (as the tool fills them). */
    private static byte[] create(int msgid, String name, int... keepMasks) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        int k = keepMasks.length;
        ByteBuffer p = ByteBuffer.allocate(4 + 1 + n.length + 1 + 1 + 1 + 2 + 3 + 3 * k * 16);
        p.putInt(msgid).put((byte) n.length).put(n).put((byte) 0).put((byte) 0).put((byte) 1).putShort((short) 0);
        p.put((byte) k).put((byte) k).put((byte) k);
        for (int list = 0; list < 3; list++) {
            for (int mask : keepMasks) {
                p.putInt(mask).putInt(0).putInt(0).putInt(0);
            }
        }
        return frame(MessageType.CLTOMA_SCLASS_CREATE, p.array());
    }

    private static byte[] named(MessageType type, int msgid, String... names) {
        int size = 4;
        for (String n : names) {
            size += 1 + n.length();
        }
        ByteBuffer p = ByteBuffer.allocate(size).putInt(msgid);
        for (String n : names) {
            p.put((byte) n.length()).put(n.getBytes(StandardCharsets.US_ASCII));
        }
        return frame(type, p.array());
    }

    private static byte[] frame(MessageType type, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putInt(type.id()).putInt(payload.length).put(payload).array();
    }

    private static MfsStatus status(WireClient c, MessageType expected) {
        WireClient.Frame f = c.receiveFrame();
        assertThat(f.type()).isEqualTo(expected.id());
        assertThat(f.payload()).hasSize(5);
        return MfsStatus.ofCode(f.payload()[4] & 0xFF);
    }

    @Test
    void anAdminCreatesAClassThatIsListedAssignedByNameAndAnsweredByName() throws Exception {
        try (WireClient c = mounted("* / rw,alldirs,admin,maproot=0\n")) {
            c.sendRaw(create(1, "twosites", A, B));
            assertThat(status(c, MessageType.MATOCL_SCLASS_CREATE)).isEqualTo(MfsStatus.OK);
            c.sendRaw(create(2, "twosites", A));
            assertThat(status(c, MessageType.MATOCL_SCLASS_CREATE)).isEqualTo(MfsStatus.CLASSEXISTS);

            c.send(new ToolRequest.SclassList(3, 0));
            assertThat(c.receive(ToolReply.SclassList.class).names()).last()
                    .isEqualTo(ByteString.utf8("twosites"));

            c.send(new NamespaceRequest.Create(4, 1, ByteString.utf8("f"), 0644, 0, 0, Gids.of(0)));
            int file = c.receive(NamespaceReply.Create.class).inode();
            c.send(new ToolRequest.SetSclass(5, file, 0, 0xFF, 0, Optional.empty(),
                    Optional.of(ByteString.utf8("twosites"))));
            assertThat(c.receive(ToolReply.SetResult.class).changed()).isEqualTo(1);
            c.send(new ToolRequest.GetSclass(6, file, 0));
            assertThat(c.receive(ToolReply.GetSclass.class).files()).containsExactly(
                    new ToolReply.SclassCount(0xFF, Optional.of(ByteString.utf8("twosites")), 1));

            c.sendRaw(named(MessageType.CLTOMA_SCLASS_DELETE, 7, "twosites"));
            assertThat(status(c, MessageType.MATOCL_SCLASS_DELETE)).isEqualTo(MfsStatus.CLASSINUSE);
            c.sendRaw(named(MessageType.CLTOMA_SCLASS_RENAME, 8, "twosites", "sites"));
            assertThat(status(c, MessageType.MATOCL_SCLASS_RENAME)).isEqualTo(MfsStatus.OK);
            c.sendRaw(named(MessageType.CLTOMA_SCLASS_DUPLICATE, 9, "nosuch", "x"));
            assertThat(status(c, MessageType.MATOCL_SCLASS_DUPLICATE)).isEqualTo(MfsStatus.NOSUCHCLASS);
        }
    }

    @Test
    void withoutTheAdminFlagDefinitionsCanBeReadButNotChanged() throws Exception {
        try (WireClient c = mounted("* / rw,alldirs,maproot=0\n")) {
            c.sendRaw(create(1, "x", A));
            assertThat(status(c, MessageType.MATOCL_SCLASS_CREATE)).isEqualTo(MfsStatus.EPERM_NOTADMIN);

            // CHANGE with an empty mask: how the tool reads one definition; the answer carries it
            ByteBuffer p = ByteBuffer.allocate(4 + 2 + 1 + 2 + 1 + 1 + 2 + 3).putInt(2).put((byte) 1)
                    .put((byte) '3').put((byte) 0).putShort((short) 0);
            c.sendRaw(frame(MessageType.CLTOMA_SCLASS_CHANGE, p.array()));
            WireClient.Frame f = c.receiveFrame();
            assertThat(f.type()).isEqualTo(MessageType.MATOCL_SCLASS_CHANGE.id());
            ByteBuffer r = ByteBuffer.wrap(f.payload());
            assertThat(r.getInt()).isEqualTo(2);
            assertThat(r.get()).as("fver").isZero();
            assertThat(r.get()).as("admin only").isZero();
            assertThat(r.get()).as("mode: std").isEqualTo((byte) 1);
            assertThat(r.getShort()).isZero();
            assertThat(new int[] {r.get(), r.get(), r.get()}).containsExactly(3, 3, 3);
            assertThat(r.remaining()).isEqualTo(9 * 16);

            c.sendRaw(named(MessageType.CLTOMA_SCLASS_DELETE, 3, "3"));
            assertThat(status(c, MessageType.MATOCL_SCLASS_DELETE)).isEqualTo(MfsStatus.EPERM_NOTADMIN);
        }
    }

    @Test
    void archiveControlAnswersCountsAndChangesAndAReadOnlySessionMayOnlyLook() throws Exception {
        try (WireClient c = mounted("* / rw,alldirs,admin,maproot=0\n")) {
            c.sendRaw(frame(MessageType.CLTOMA_FUSE_ARCHCTL, ByteBuffer.allocate(9).putInt(1).putInt(1)
                    .put((byte) 2).array()));
            assertThat(c.receive()).isEqualTo(new ToolReply.ArchiveCounts(1, 0, 0, 0, 0, 0));
            c.send(ToolRequest.ArchCtl.change(2, 1, ToolRequest.ArchCtl.SET, 0));
            assertThat(c.receive()).isEqualTo(new ToolReply.ArchiveChanged(2, 0, 0, 0));
        }
        server.close();
        server = null;
        try (WireClient c = mounted("* / ro,alldirs\n")) {
            c.send(ToolRequest.ArchCtl.get(1, 1));
            assertThat(c.receive()).isInstanceOf(ToolReply.ArchiveCounts.class);
            c.send(ToolRequest.ArchCtl.change(2, 1, ToolRequest.ArchCtl.CLR, 0));
            assertThat(status(c, MessageType.MATOCL_FUSE_ARCHCTL)).isEqualTo(MfsStatus.EROFS);
        }
    }
}
