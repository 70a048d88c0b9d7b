package io.jmfs.master.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.SpaceReport;
import io.jmfs.master.fs.Credentials;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.ChunkOpReply;
import io.jmfs.protocol.msg.client.ChunkRequest;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.client.ToolRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CLTOMA_FUSE_SNAPSHOT end to end on the master: the snapshot shares the original's chunks, and the chunk layer
 * gives whichever file is written or truncated first a duplicate, leaving the other on the old chunk. Two
 * chunkservers are registered; the test answers their operations on the metadata loop.
 */
class SnapshotCopyOnWriteTest {
    private static final int V3_0_117 = 0x000300EA;
    private static final Gids ROOT_GIDS = Gids.of(0);

    private ClientServer server;
    private WireClient client;
    private List<Integer> csids;

    @BeforeEach
    void start() throws Exception {
        server = new ClientServer("* / rw,alldirs,maproot=0\n");
        csids = server.onLoop(s -> List.of(9422, 9423).stream().map(port -> s.chunks().registerChunkserver(
                0x7f00_0001, port, 0, V3_0_117, new SpaceReport(0, 100L << 30, 0, 0, 0, 0)))
                .map(ChunkserverInfo::csid).toList());
        client = server.connect();
        client.send(new SessionRequest.RegisterNewSession(V3_0_117, ByteString.utf8("/mnt/test\0"),
                ByteString.utf8("/\0"), OptionalInt.empty(), OptionalLong.empty(), Optional.empty()));
        client.receive(SessionReply.RegisterSession.class);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private int createFile(String name) {
        client.send(new NamespaceRequest.Create(2, 1, ByteString.utf8(name), 0644, 0, 0, ROOT_GIDS));
        return client.receive(NamespaceReply.Create.class).inode();
    }

    private int nextReplyAfterProbe() {
        client.send(new NamespaceRequest.GetAttr(900, 1, 0, 0, 0));
        return client.receive().msgid();
    }

    private long chunkAt(int inode, int index) throws InterruptedException {
        return server.onLoop(s -> s.namespace().chunkAt(inode, index).orThrow());
    }

    private long lengthOf(int inode) throws InterruptedException {
        return server.onLoop(s -> s.namespace().getattr(inode).orThrow().length());
    }

    private int fileCount(long chunkId) throws InterruptedException {
        return server.onLoop(s -> s.chunks().chunks().get(chunkId).fileCount());
    }

    private int inodeOf(String name) throws InterruptedException {
        return server.onLoop(s -> s.namespace().lookup(Credentials.ROOT, 1,
                name.getBytes(StandardCharsets.UTF_8)).orThrow().inode());
    }

    private long writeChunkZero(int inode, long length) throws InterruptedException {
        client.send(new ChunkRequest.WriteChunk(10, inode, 0, 4));
        assertThat(nextReplyAfterProbe()).isEqualTo(900);
        long chunkId = chunkAt(inode, 0);
        server.onLoop(s -> {
            csids.forEach(csid -> s.chunks().onCreateResult(csid, chunkId, MfsStatus.OK));
            return null;
        });
        client.receive(ChunkOpReply.ChunkReply.class);
        client.send(new ChunkRequest.WriteChunkEnd(11, chunkId, inode, 0, length, 0));
        assertThat(client.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.OK);
        return chunkId;
    }

    private MfsStatus snapshot(int msgid, int src, String name, int smode) {
        client.send(new ToolRequest.Snapshot(msgid, src, 1, ByteString.utf8(name), 0, ROOT_GIDS, smode, 0));
        MasterReply.Status reply = client.receive(MasterReply.Status.class);
        assertThat(reply.msgid()).isEqualTo(msgid);
        return reply.status();
    }

    @Test
    void writingTheOriginalOfASnapshotGivesItADuplicateAndLeavesTheSnapshotOnTheOldChunk() throws Exception {
        int original = createFile("f");
        long shared = writeChunkZero(original, 100_000);

        assertThat(snapshot(40, original, "snap", 0)).isEqualTo(MfsStatus.OK);
        int snap = inodeOf("snap");
        assertThat(chunkAt(snap, 0)).isEqualTo(shared);
        assertThat(fileCount(shared)).isEqualTo(2);

        client.send(new ChunkRequest.WriteChunk(50, original, 0, 4));
        assertThat(nextReplyAfterProbe()).as("the duplicate is made first").isEqualTo(900);
        long duplicate = chunkAt(original, 0);
        assertThat(duplicate).isNotEqualTo(shared);
        server.onLoop(s -> {
            csids.forEach(csid -> s.chunks().onDuplicateResult(csid, duplicate, MfsStatus.OK));
            return null;
        });
        ChunkOpReply.ChunkReply granted = client.receive(ChunkOpReply.ChunkReply.class);
        assertThat(granted.msgid()).isEqualTo(50);
        assertThat(granted.chunk().chunkId()).isEqualTo(duplicate);
        client.send(new ChunkRequest.WriteChunkEnd(51, duplicate, original, 0, 100_000, 0));
        assertThat(client.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.OK);

        assertThat(chunkAt(snap, 0)).isEqualTo(shared);
        assertThat(fileCount(shared)).isEqualTo(1);
        assertThat(fileCount(duplicate)).isEqualTo(1);
    }

    @Test
    void truncatingTheSnapshotInsideASharedChunkDuplicatesAndTruncatesIt() throws Exception {
        int original = createFile("f");
        long shared = writeChunkZero(original, 100_000);
        assertThat(snapshot(40, original, "snap", 0)).isEqualTo(MfsStatus.OK);
        int snap = inodeOf("snap");

        client.send(new ChunkRequest.Truncate(20, snap, 0x01, 0, ROOT_GIDS, 70_000));
        assertThat(nextReplyAfterProbe()).isEqualTo(900);
        long cut = chunkAt(snap, 0);
        assertThat(cut).isNotEqualTo(shared);
        server.onLoop(s -> {
            csids.forEach(csid -> s.chunks().onDuplicateTruncateResult(csid, cut, MfsStatus.OK));
            return null;
        });
        ChunkOpReply.Truncate done = client.receive(ChunkOpReply.Truncate.class);
        assertThat(done.msgid()).isEqualTo(20);

        assertThat(lengthOf(snap)).isEqualTo(70_000);
        assertThat(lengthOf(original)).isEqualTo(100_000);
        assertThat(chunkAt(original, 0)).isEqualTo(shared);
        assertThat(fileCount(shared)).isEqualTo(1);
    }

    @Test
    void anExistingTargetIsRefusedWithoutOverwriteAndRemoveModeRemovesTheSnapshot() throws Exception {
        int original = createFile("f");
        long shared = writeChunkZero(original, 10);
        assertThat(snapshot(40, original, "snap", 0)).isEqualTo(MfsStatus.OK);

        assertThat(snapshot(41, original, "snap", 0)).isEqualTo(MfsStatus.EEXIST);
        assertThat(snapshot(42, original, "snap", 0x01)).as("the same chunks").isEqualTo(MfsStatus.OK);
        assertThat(snapshot(43, 0, "f", 0x80)).as("not a snapshot").isEqualTo(MfsStatus.EPERM);
        assertThat(snapshot(44, 0, "snap", 0x80)).isEqualTo(MfsStatus.OK);

        assertThat(fileCount(shared)).isEqualTo(1);
        assertThat(server.listing()).doesNotContain("snap");
    }

    @Test
    void exportsCanDisableSnapshotsAndRemoveModeFollowsTheUnlinkAndRmdirRules() throws Exception {
        for (String disabled : List.of("snapshot", "unlink")) {
            try (ClientServer other = new ClientServer("* / rw,alldirs,maproot=0,disable=" + disabled + "\n");
                    WireClient c = other.connect()) {
                c.send(new SessionRequest.RegisterNewSession(V3_0_117, ByteString.utf8("/mnt/test\0"),
                        ByteString.utf8("/\0"), OptionalInt.empty(), OptionalLong.empty(), Optional.empty()));
                c.receive(SessionReply.RegisterSession.class);
                c.send(new NamespaceRequest.Create(2, 1, ByteString.utf8("f"), 0644, 0, 0, ROOT_GIDS));
                int f = c.receive(NamespaceReply.Create.class).inode();

                c.send(new ToolRequest.Snapshot(3, f, 1, ByteString.utf8("snap"), 0, ROOT_GIDS, 0, 0));
                MfsStatus made = c.receive(MasterReply.Status.class).status();
                c.send(new ToolRequest.Snapshot(4, 0, 1, ByteString.utf8("snap"), 0, ROOT_GIDS, 0x80, 0));
                MfsStatus removed = c.receive(MasterReply.Status.class).status();

                if (disabled.equals("snapshot")) {
                    assertThat(made).isEqualTo(MfsStatus.EPERM);
                    assertThat(removed).as("nothing to remove").isEqualTo(MfsStatus.ENOENT);
                } else {
                    assertThat(made).isEqualTo(MfsStatus.OK);
                    assertThat(removed).isEqualTo(MfsStatus.EPERM);
                }
            }
        }
    }
}
