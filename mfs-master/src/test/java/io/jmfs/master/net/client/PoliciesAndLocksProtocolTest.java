package io.jmfs.master.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.LockRequest;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.client.ToolReply;
import io.jmfs.protocol.msg.client.ToolRequest;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Goals, trash time, eattr, paths, directory statistics and locks over a real socket, as 3.0.117 mounts send them. */
class PoliciesAndLocksProtocolTest {
    private static final int V3_0_117 = 0x000300EA;
    private static final Gids ROOT_GIDS = Gids.of(0);
    private static final int RECURSIVE = 4;

    private ClientServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private WireClient mounted(String exports) throws Exception {
        if (server == null) {
            server = new ClientServer(exports);
        }
        WireClient client = server.connect();
        client.send(new SessionRequest.RegisterNewSession(V3_0_117, ByteString.utf8("/mnt/test\0"),
                ByteString.utf8("/\0"), OptionalInt.empty(), OptionalLong.empty(), Optional.empty()));
        assertThat(client.receive()).isInstanceOf(SessionReply.RegisterSession.class);
        return client;
    }

    private static int create(WireClient client, int msgid, int parent, String name) {
        client.send(new NamespaceRequest.Create(msgid, parent, ByteString.utf8(name), 0644, 0, 0, ROOT_GIDS));
        return client.receive(NamespaceReply.Create.class).inode();
    }

    @Test
    void mfssetgoalRecursiveChangesEveryNodeWithinTheExportsGoalLimits() throws Exception {
        try (WireClient c = mounted("* / rw,alldirs,admin,maproot=0,mingoal=1,maxgoal=4\n")) {
            c.send(new NamespaceRequest.Mkdir(1, 1, ByteString.utf8("d"), 0777, 0, 0, ROOT_GIDS, 0));
            int dir = c.receive(NamespaceReply.EntryReply.class).inode();
            int file = create(c, 2, dir, "f");

            c.send(new ToolRequest.SetSclass(3, dir, 0, 3, RECURSIVE, Optional.empty(), Optional.empty()));
            ToolReply.SetResult set = c.receive(ToolReply.SetResult.class);
            assertThat(set.changed()).isEqualTo(2);
            c.send(new ToolRequest.GetSclass(4, file, 0));
            ToolReply.GetSclass got = c.receive(ToolReply.GetSclass.class);
            assertThat(got.files()).containsExactly(new ToolReply.SclassCount(3, Optional.empty(), 1));
            assertThat(got.dirs()).isEmpty();

            c.send(new ToolRequest.SetSclass(5, dir, 0, 5, 0, Optional.empty(), Optional.empty()));
            assertThat(c.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.EPERM);
            c.send(new ToolRequest.SetSclass(6, file, 0, 0xFF, 0, Optional.empty(),
                    Optional.of(ByteString.utf8("2"))));
            assertThat(c.receive(ToolReply.SetResult.class).changed()).isEqualTo(1);
        }
    }

    @Test
    void pathsAndDirectoryStatisticsAnswerInTheMountForm() throws Exception {
        try (WireClient c = mounted("* / rw,alldirs,maproot=0\n")) {
            int file = create(c, 1, 1, "f");
            c.send(new ToolRequest.Paths(2, file));
            assertThat(c.receive(ToolReply.Paths.class).paths()).containsExactly(ByteString.utf8("f"));

            c.send(new ToolRequest.GetDirStats(3, 1));
            WireClient.Frame frame = c.receiveFrame();
            assertThat(frame.type()).isEqualTo(MessageType.MATOCL_FUSE_GETDIRSTATS.id());
            assertThat(frame.payload()).hasSize(60);
        }
    }

    @Test
    void aBlockedFlockIsAnsweredWhenTheHolderUnlocks() throws Exception {
        try (WireClient a = mounted("* / rw,alldirs,maproot=0\n"); WireClient b = mounted("* / rw,alldirs,maproot=0\n")) {
            int file = create(a, 1, 1, "f");
            b.send(new NamespaceRequest.Open(1, file, 0, ROOT_GIDS, 0x01));
            b.receive(NamespaceReply.Open.class);

            a.send(new LockRequest.Flock(2, file, 1, 100, 4));
            assertThat(a.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.OK);
            b.send(new LockRequest.Flock(7, file, 1, 200, 4)); // waits: no answer yet
            b.send(new LockRequest.Flock(8, file, 2, 201, 3)); // TRY on another owner: answered now
            MasterReply.Status tryAnswer = b.receive(MasterReply.Status.class);
            assertThat(tryAnswer.msgid()).isEqualTo(8);
            assertThat(tryAnswer.status()).isEqualTo(MfsStatus.EAGAIN);

            a.send(new LockRequest.Flock(3, file, 2, 100, 0));
            assertThat(a.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.OK);
            MasterReply.Status granted = b.receive(MasterReply.Status.class);
            assertThat(granted.msgid()).isEqualTo(7);
            assertThat(granted.status()).isEqualTo(MfsStatus.OK);
        }
    }

    @Test
    void aLockOnAFileTheSessionHasNotOpenedIsRefused() throws Exception {
        try (WireClient a = mounted("* / rw,alldirs,maproot=0\n"); WireClient b = mounted("* / rw,alldirs,maproot=0\n")) {
            int file = create(a, 1, 1, "f");
            b.send(new LockRequest.Flock(2, file, 1, 5, 4));
            assertThat(b.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.NOTOPENED);
        }
    }
}
