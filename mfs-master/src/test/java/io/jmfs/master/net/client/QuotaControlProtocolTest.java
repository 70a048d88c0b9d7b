package io.jmfs.master.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.client.ToolReply;
import io.jmfs.protocol.msg.client.ToolRequest.QuotaControl;
import io.jmfs.protocol.msg.client.ToolRequest.QuotaLimits;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** QUOTACONTROL over a real socket with the 3.0.117 master's export rules, and a hard limit met by MKDIR. */
class QuotaControlProtocolTest {
    private static final int V3_0_117 = 0x000300EA;
    private static final Optional<QuotaLimits> HARD_ONE_INODE = Optional.of(new QuotaLimits(OptionalInt.of(0), 0, 0,
            0, 0, 1, 0, 0, 0));

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

    private static int mkdir(WireClient client, int msgid, int parent, String name) {
        client.send(new NamespaceRequest.Mkdir(msgid, parent, ByteString.utf8(name), 0755, 0, 0, Gids.of(0), 0));
        MasterReply r = client.receive();
        return r instanceof NamespaceReply.EntryReply e ? e.inode() : -((MasterReply.Status) r).status().code();
    }

    private static MfsStatus status(WireClient client) {
        return client.receive(MasterReply.Status.class).status();
    }

    @Test
    void anAdminExportSetsAHardLimitThatTheNextMkdirMeets() throws Exception {
        try (WireClient client = mounted("* / rw,alldirs,admin,maproot=0\n")) {
            int d = mkdir(client, 1, 1, "d");
            client.send(new QuotaControl(2, d, 0x10, HARD_ONE_INODE));
            ToolReply.QuotaControl set = client.receive(ToolReply.QuotaControl.class);
            assertThat(set.flags()).isEqualTo(0x10);
            assertThat(set.limits().gracePeriod()).hasValue(0);
            assertThat(set.limits().hinodes()).isEqualTo(1);
            assertThat(set.curInodes()).isZero();

            assertThat(mkdir(client, 3, d, "a")).isPositive();
            assertThat(mkdir(client, 4, d, "b")).isEqualTo(-MfsStatus.QUOTA.code());

            client.send(QuotaControl.get(5, d));
            assertThat(client.receive(ToolReply.QuotaControl.class).curInodes()).isEqualTo(1);
            client.send(QuotaControl.delete(6, d, 0xFF));
            assertThat(client.receive(ToolReply.QuotaControl.class).flags()).isZero();
            assertThat(mkdir(client, 7, d, "b")).isPositive();
        }
    }

    @Test
    void withoutTheAdminFlagLimitsAreRefusedButReadable() throws Exception {
        try (WireClient client = mounted("* / rw,alldirs,maproot=0\n")) {
            int d = mkdir(client, 1, 1, "d");
            client.send(new QuotaControl(2, d, 0x10, HARD_ONE_INODE));
            assertThat(status(client)).isEqualTo(MfsStatus.EPERM);
            client.send(QuotaControl.delete(3, d, 0x10));
            assertThat(status(client)).isEqualTo(MfsStatus.EPERM);
            client.send(QuotaControl.get(4, d));
            assertThat(client.receive(ToolReply.QuotaControl.class).flags()).isZero();
        }
    }

    @Test
    void readOnlyAndRootMappedExportsAreRefusedAsByTheRealMaster() throws Exception {
        try (WireClient client = mounted("* / ro,alldirs,admin,maproot=0\n")) {
            client.send(new QuotaControl(1, 1, 0x10, HARD_ONE_INODE));
            assertThat(status(client)).isEqualTo(MfsStatus.EROFS);
        }
        server.close();
        try (WireClient client = mounted("* / rw,alldirs,admin,maproot=1000\n")) {
            client.send(new QuotaControl(1, 1, 0x10, HARD_ONE_INODE));
            assertThat(status(client)).isEqualTo(MfsStatus.EACCES);
        }
    }

    @Test
    void quotasAreForDirectories() throws Exception {
        try (WireClient client = mounted("* / rw,alldirs,admin,maproot=0\n")) {
            client.send(new NamespaceRequest.Mknod(1, 1, ByteString.utf8("f"), 1, 0644, 0, 0, Gids.of(0), 0));
            int f = client.receive(NamespaceReply.EntryReply.class).inode();
            client.send(QuotaControl.get(2, f));
            assertThat(status(client)).isEqualTo(MfsStatus.EPERM);
            client.send(QuotaControl.get(3, 999));
            assertThat(status(client)).isEqualTo(MfsStatus.ENOENT);
        }
    }
}
