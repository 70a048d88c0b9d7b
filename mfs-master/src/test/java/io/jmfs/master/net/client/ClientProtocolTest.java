package io.jmfs.master.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.daemon.net.Transport;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.NodeType;
import io.jmfs.protocol.msg.client.ChunkOpReply;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.client.ToolReply;
import io.jmfs.protocol.msg.client.ToolRequest;
import io.jmfs.protocol.msg.common.CommonMessage;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client protocol on port 9421 as a 3.0.117 mount sees it, over a real socket. */
class ClientProtocolTest {
    private static final int V3_0_117 = 0x000300EA;
    private static final Gids ROOT_GIDS = Gids.of(0);

    private ClientServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private WireClient mounted(String exports, String path) throws Exception {
        if (server == null) {
            server = new ClientServer(exports);
        }
        WireClient client = server.connect();
        client.send(newSession(path));
        assertThat(client.receive()).isInstanceOf(SessionReply.RegisterSession.class);
        return client;
    }

    private static SessionRequest.RegisterNewSession newSession(String path) {
        return new SessionRequest.RegisterNewSession(V3_0_117, ByteString.utf8("/mnt/test\0"),
                ByteString.utf8(path + "\0"), OptionalInt.empty(), OptionalLong.empty(), Optional.empty());
    }

    private static ByteString name(String s) {
        return ByteString.utf8(s);
    }

    @Test
    void aMountRegistersAndGetsTheFortyNineByteSessionReply() throws Exception {
        server = new ClientServer("* / rw,alldirs,maproot=0\n");
        try (WireClient client = server.connect()) {
            client.send(newSession("/"));
            WireClient.Frame frame = client.receiveFrame();

            assertThat(frame.type()).isEqualTo(MessageType.MATOCL_FUSE_REGISTER.id());
            assertThat(frame.payload()).hasSize(49);
            SessionReply.RegisterSession reply = (SessionReply.RegisterSession) frame.decode();
            assertThat(reply.version()).isEqualTo(V3_0_117);
            assertThat(reply.sessionId()).isEqualTo(1);
            assertThat(reply.metaId()).isEqualTo(ClientServer.META_ID);
            assertThat(reply.rootUid()).isZero();
        }
    }

    @Test
    void theJdkSelectorTransportServesTheSameProtocol() throws Exception {
        server = new ClientServer("* / rw,alldirs,maproot=0\n", Transport.NIO); // -Djmfs.transport=nio
        try (WireClient client = mounted("", "/")) {
            client.send(new NamespaceRequest.Mkdir(7, 1, name("dir"), 0777, 022, 0, ROOT_GIDS, 0));
            NamespaceReply.EntryReply dir = client.receive(NamespaceReply.EntryReply.class);
            client.send(new NamespaceRequest.Lookup(8, 1, name("dir"), 0, ROOT_GIDS));
            assertThat(client.receive(NamespaceReply.Lookup.class).inode()).isEqualTo(dir.inode());
        }
    }

    @Test
    void namespaceRequestsGetByteExactRepliesWithTheirMsgid() throws Exception {
        try (WireClient client = mounted("* / rw,alldirs,maproot=0\n", "/")) {
            client.send(new NamespaceRequest.Mkdir(7, 1, name("dir"), 0777, 022, 0, ROOT_GIDS, 0));
            WireClient.Frame mkdir = client.receiveFrame();
            assertThat(mkdir.type()).isEqualTo(MessageType.MATOCL_FUSE_MKDIR.id());
            assertThat(mkdir.payload()).hasSize(4 + 4 + 36);
            NamespaceReply.EntryReply dir = (NamespaceReply.EntryReply) mkdir.decode();
            assertThat(dir.msgid()).isEqualTo(7);
            assertThat(dir.attr().type()).isEqualTo(NodeType.DIRECTORY);
            assertThat(dir.attr().mode()).isEqualTo(0755);

            client.send(new NamespaceRequest.Create(8, dir.inode(), name("file"), 0666, 022, 0, ROOT_GIDS));
            WireClient.Frame create = client.receiveFrame();
            assertThat(create.payload()).hasSize(4 + 1 + 4 + 36);
            NamespaceReply.Create file = (NamespaceReply.Create) create.decode();
            assertThat(file.msgid()).isEqualTo(8);
            assertThat(file.attr().mode()).isEqualTo(0644);

            client.send(new NamespaceRequest.Lookup(9, dir.inode(), name("file"), 0, ROOT_GIDS));
            NamespaceReply.Lookup lookup = client.receive(NamespaceReply.Lookup.class);
            assertThat(lookup.inode()).isEqualTo(file.inode());
            assertThat(lookup.lflags() & 0xFF).as("root may do anything").isEqualTo(0xFF);
            assertThat(lookup.chunkZero()).as("an empty file: chunk 0 is a hole").contains(
                    new ChunkOpReply.ChunkData(0, 0, List.of()));

            client.send(new NamespaceRequest.Lookup(10, dir.inode(), name("missing"), 0, ROOT_GIDS));
            WireClient.Frame missing = client.receiveFrame();
            assertThat(HexFormat.of().formatHex(missing.payload())).isEqualTo("0000000a03"); // msgid 10, ENOENT

            client.send(new NamespaceRequest.Readdir(11, 1, 0, ROOT_GIDS, 1, -1, 0));
            NamespaceReply.Readdir root = client.receive(NamespaceReply.Readdir.class);
            assertThat(root.entries()).extracting(e -> e.name().utf8()).containsExactly(".", "..", "dir");
            assertThat(root.entries().get(0).inode()).as("the session root is inode 1").isEqualTo(1);
            assertThat(root.entries().get(1).inode()).isEqualTo(1);

            client.send(new NamespaceRequest.Unlink(12, dir.inode(), name("file"), 0, ROOT_GIDS));
            assertThat(client.receive(NamespaceReply.InodeReply.class).inode()).isEqualTo(file.inode());
            client.send(new NamespaceRequest.Rmdir(13, 1, name("dir"), 0, ROOT_GIDS));
            assertThat(client.receive(NamespaceReply.InodeReply.class).inode()).isEqualTo(dir.inode());
        }
    }

    @Test
    void repliesFollowTheRequestsThatCameFirstAndEchoEachMsgid() throws Exception {
        try (WireClient client = mounted("* / rw\n", "/")) {
            client.send(new NamespaceRequest.GetAttr(501, 1, 0, 0, 0));
            client.send(new NamespaceRequest.Statfs(3));
            client.send(new SessionRequest.TimeSync(0));
            assertThat(client.receive(NamespaceReply.AttrReply.class).msgid()).isEqualTo(501);
            assertThat(client.receive(NamespaceReply.Statfs.class).msgid()).isEqualTo(3);
            assertThat(client.receive(SessionReply.TimeSync.class).wallClockMicros())
                    .isCloseTo(System.currentTimeMillis() * 1000, org.assertj.core.data.Offset.offset(10_000_000L));
        }
    }

    @Test
    void aReadOnlySessionGetsErofsForEveryChangeAndStillReads() throws Exception {
        try (WireClient client = mounted("* / ro\n", "/")) {
            String before = server.listing();
            client.send(new NamespaceRequest.Mkdir(1, 1, name("d"), 0755, 0, 0, ROOT_GIDS, 0));
            client.send(new NamespaceRequest.Create(2, 1, name("f"), 0644, 0, 0, ROOT_GIDS));
            client.send(new NamespaceRequest.SetAttr(3, 1, 0, 0, ROOT_GIDS, 0x02, 0700, 0, 0, 0, 0, 0, 0));
            client.send(new NamespaceRequest.Open(4, 1, 0, ROOT_GIDS, 0x02));
            for (int msgid = 1; msgid <= 4; msgid++) {
                MasterReply.Status status = client.receive(MasterReply.Status.class);
                assertThat(status.msgid()).isEqualTo(msgid);
                assertThat(status.status()).isEqualTo(MfsStatus.EROFS);
            }
            client.send(new NamespaceRequest.Readdir(5, 1, 0, ROOT_GIDS, 1, -1, 0));
            assertThat(client.receive()).isInstanceOf(NamespaceReply.Readdir.class);
            assertThat(server.listing()).isEqualTo(before);
        }
    }

    @Test
    void theToolQueriesAnswerForOneNodeAndSummariseSubtrees() throws Exception {
        try (WireClient client = mounted("* / rw,maproot=0\n", "/")) {
            client.send(new ToolRequest.GetSclass(1, 1, 0));
            ToolReply.GetSclass sclass = client.receive(ToolReply.GetSclass.class);
            assertThat(sclass.files()).isEmpty();
            assertThat(sclass.dirs()).containsExactly(new ToolReply.SclassCount(2, Optional.empty(), 1));

            client.send(new ToolRequest.GetTrashTime(2, 1, 0));
            ToolReply.GetTrashTime trash = client.receive(ToolReply.GetTrashTime.class);
            assertThat(trash.dirs()).hasSize(1);

            client.send(new NamespaceRequest.Create(4, 1, name("f"), 0644, 0, 0, ROOT_GIDS));
            client.receive(NamespaceReply.Create.class);
            client.send(new ToolRequest.GetEattr(3, 1, 1));
            ToolReply.GetEattr eattr = client.receive(ToolReply.GetEattr.class);
            assertThat(eattr.files()).containsExactly(new ToolReply.ValueCount(0, 1));
            assertThat(eattr.dirs()).containsExactly(new ToolReply.ValueCount(0, 1));
        }
    }

    @Test
    void operationsTheExportDisablesAreRefusedWithEperm() throws Exception {
        try (WireClient client = mounted("* / rw,maproot=0,disable=mkdir:chmod\n", "/")) {
            client.send(new NamespaceRequest.Mkdir(1, 1, name("d"), 0755, 0, 0, ROOT_GIDS, 0));
            assertThat(client.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.EPERM);
            client.send(new NamespaceRequest.SetAttr(2, 1, 0, 0, ROOT_GIDS, 0x02, 0700, 0, 0, 0, 0, 0, 0));
            assertThat(client.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.EPERM);
            client.send(new NamespaceRequest.Create(3, 1, name("f"), 0644, 0, 0, ROOT_GIDS));
            assertThat(client.receive()).as("creating files is still allowed").isInstanceOf(NamespaceReply.Create.class);
        }
    }

    @Test
    void theSessionsUmaskIsAddedToTheClientsOneAndMaprootMapsRoot() throws Exception {
        try (WireClient client = mounted("* / rw,umask=0077,maproot=1000:1001\n", "/")) {
            client.send(new NamespaceRequest.Mkdir(1, 1, name("d"), 0777, 0, 0, ROOT_GIDS, 0));
            NamespaceReply.EntryReply dir = client.receive(NamespaceReply.EntryReply.class);
            assertThat(dir.attr().mode()).isEqualTo(0700);
            assertThat(dir.attr().uid()).isEqualTo(1000);
            assertThat(dir.attr().gid()).isEqualTo(1001);
        }
    }

    @Test
    void aSubfolderExportSeesItsDirectoryAsInodeOne() throws Exception {
        try (WireClient admin = mounted("* / rw,alldirs,maproot=0\n", "/")) {
            admin.send(new NamespaceRequest.Mkdir(1, 1, name("sub"), 0755, 0, 0, ROOT_GIDS, 0));
            NamespaceReply.EntryReply sub = admin.receive(NamespaceReply.EntryReply.class);
            admin.send(new NamespaceRequest.Mkdir(2, sub.inode(), name("inner"), 0755, 0, 0, ROOT_GIDS, 0));
            admin.receive(NamespaceReply.EntryReply.class);

            try (WireClient client = mounted(null, "/sub")) {
                client.send(new NamespaceRequest.Readdir(3, 1, 0, ROOT_GIDS, 1, -1, 0));
                NamespaceReply.Readdir listing = client.receive(NamespaceReply.Readdir.class);
                assertThat(listing.entries()).extracting(e -> e.name().utf8()).containsExactly(".", "..", "inner");
                assertThat(listing.entries()).extracting(NamespaceReply.DirEntry::inode).startsWith(1, 1);
                client.send(new NamespaceRequest.Lookup(4, 1, name(".."), 0, ROOT_GIDS));
                assertThat(client.receive(NamespaceReply.Lookup.class).inode()).as("no way out of the export")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void passwordsAreCheckedAgainstTheChallengeOfThisConnection() throws Exception {
        server = new ClientServer("* / rw,password=secret\n");
        try (WireClient client = server.connect()) {
            client.send(newSession("/"));
            assertThat(client.receive(SessionReply.RegisterStatus.class).status()).isEqualTo(MfsStatus.NOPASSWORD);
        }
        try (WireClient client = server.connect()) {
            client.send(new SessionRequest.RegisterGetRandom());
            assertThat(client.receive(SessionReply.RegisterRandom.class).random().length()).isEqualTo(32);
            client.send(new SessionRequest.RegisterNewSession(V3_0_117, ByteString.utf8("t\0"), ByteString.utf8("/\0"),
                    OptionalInt.empty(), OptionalLong.empty(), Optional.of(ByteString.of(new byte[16]))));
            assertThat(client.receive(SessionReply.RegisterStatus.class).status()).isEqualTo(MfsStatus.BADPASSWORD);
        }
    }

    @Test
    void aClientOutsideEveryRuleIsRefused() throws Exception {
        server = new ClientServer("10.1.2.3 / rw\n");
        try (WireClient client = server.connect()) {
            client.send(newSession("/"));
            WireClient.Frame frame = client.receiveFrame();
            assertThat(frame.payload()).containsExactly(MfsStatus.EACCES.code());
        }
    }

    @Test
    void versionAndInfoAreAnsweredBeforeRegistration() throws Exception {
        server = new ClientServer("* / rw\n");
        try (WireClient client = server.connect()) {
            client.send(new CommonMessage.GetVersion(OptionalInt.of(77)));
            WireClient.Frame version = client.receiveFrame();
            assertThat(version.type()).isEqualTo(MessageType.ANTOAN_VERSION.id());
            ByteBuffer b = ByteBuffer.wrap(version.payload());
            assertThat(b.getInt()).isEqualTo(77);
            assertThat(b.getInt()).isEqualTo(V3_0_117);
            assertThat(new String(version.payload(), 8, version.payload().length - 8)).isEqualTo("3.0.117-jmfs");

            client.sendRaw(HexFormat.of().parseHex("000001fe00000000")); // CLTOMA_INFO
            WireClient.Frame info = client.receiveFrame();
            assertThat(info.type()).isEqualTo(MessageType.MATOCL_INFO.id());
            assertThat(info.payload()).hasSize(149);
            assertThat(ByteBuffer.wrap(info.payload()).getInt()).isEqualTo(V3_0_117);
        }
    }

    @Test
    void anIdleMountGetsTheFourByteNopEverySecond() throws Exception {
        try (WireClient client = mounted("* / rw\n", "/")) {
            long start = System.nanoTime();
            WireClient.Frame nop = client.receiveAnyFrame();
            assertThat(nop.type()).isZero();
            assertThat(nop.payload()).containsExactly(0, 0, 0, 0);
            assertThat(client.receiveAnyFrame().type()).isZero();
            assertThat(System.nanoTime() - start).as("two NOPs take about two seconds")
                    .isBetween(1_000_000_000L, 4_000_000_000L);
        }
    }

    @Test
    void closingTheSessionIsAnsweredAndEndsTheConnection() throws Exception {
        try (WireClient client = mounted("* / rw\n", "/")) {
            client.send(new SessionRequest.RegisterCloseSession(1, OptionalLong.of(ClientServer.META_ID)));
            assertThat(client.receive(SessionReply.RegisterStatus.class).status()).isEqualTo(MfsStatus.OK);
            assertThat(client.closedByPeer()).isTrue();
        }
    }

    @Test
    void aReconnectingClientKeepsItsSession() throws Exception {
        WireClient first = mounted("* / rw\n", "/");
        first.close();
        try (WireClient again = server.connect()) {
            again.send(new SessionRequest.RegisterReconnect(1, V3_0_117, OptionalLong.of(ClientServer.META_ID)));
            SessionReply.RegisterReconnected reply = again.receive(SessionReply.RegisterReconnected.class);
            assertThat(reply.status()).isEqualTo(MfsStatus.OK);
            again.send(new NamespaceRequest.GetAttr(5, 1, 0, 0, 0));
            assertThat(again.receive(NamespaceReply.AttrReply.class).msgid()).isEqualTo(5);
        }
        try (WireClient stranger = server.connect()) {
            stranger.send(new SessionRequest.RegisterReconnect(99, V3_0_117, OptionalLong.of(ClientServer.META_ID)));
            assertThat(stranger.receive(SessionReply.RegisterReconnected.class).status())
                    .isEqualTo(MfsStatus.BADSESSIONID);
        }
    }
}
