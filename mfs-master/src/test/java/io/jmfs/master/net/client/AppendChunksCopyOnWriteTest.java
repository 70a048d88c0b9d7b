package io.jmfs.master.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.SpaceReport;
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
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CLTOMA_FUSE_APPEND_SLICE end to end on the master: the appended file shares the source's chunks, a write through
 * it gets a duplicate first (the copy-on-write snapshots use); directories, the file itself, exports that disable
 * appendchunks and read-only sessions are refused.
 */
class AppendChunksCopyOnWriteTest {
    private static final int V3_0_117 = 0x000300EA;
    private static final Gids ROOT_GIDS = Gids.of(0);
    private static final long CHUNK = 1L << 26;

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

    private MfsStatus append(int msgid, int dst, int src) {
        client.send(new ToolRequest.AppendSlice(msgid, 0, dst, src, 0, ToolRequest.AppendSlice.WHOLE_FILE_TO, 0,
                ROOT_GIDS));
        MasterReply.Status reply = client.receive(MasterReply.Status.class);
        assertThat(reply.msgid()).isEqualTo(msgid);
        return reply.status();
    }

    @Test
    void theAppendedChunkIsSharedAndAWriteThroughTheDestinationCopiesItFirst() throws Exception {
        int src = createFile("src");
        long shared = writeChunkZero(src, 100_000);
        int dst = createFile("dst");
        writeChunkZero(dst, 10);

        assertThat(append(40, dst, src)).isEqualTo(MfsStatus.OK);
        assertThat(lengthOf(dst)).isEqualTo(CHUNK + 100_000);
        assertThat(chunkAt(dst, 1)).isEqualTo(shared);
        assertThat(fileCount(shared)).isEqualTo(2);

        client.send(new ChunkRequest.WriteChunk(50, dst, 1, 4));
        assertThat(nextReplyAfterProbe()).as("the duplicate is made first").isEqualTo(900);
        long duplicate = chunkAt(dst, 1);
        assertThat(duplicate).isNotEqualTo(shared);
        server.onLoop(s -> {
            csids.forEach(csid -> s.chunks().onDuplicateResult(csid, duplicate, MfsStatus.OK));
            return null;
        });
        ChunkOpReply.ChunkReply granted = client.receive(ChunkOpReply.ChunkReply.class);
        assertThat(granted.msgid()).isEqualTo(50);
        assertThat(granted.chunk().chunkId()).isEqualTo(duplicate);
        client.send(new ChunkRequest.WriteChunkEnd(51, duplicate, dst, 1, CHUNK + 100_000, 0));
        assertThat(client.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.OK);

        assertThat(chunkAt(src, 0)).isEqualTo(shared);
        assertThat(fileCount(shared)).isEqualTo(1);
        assertThat(fileCount(duplicate)).isEqualTo(1);
    }

    @Test
    void anExportWithDisableAppendchunksAndAReadOnlyExportRefuseIt() throws Exception {
        for (String export : List.of("* / rw,alldirs,maproot=0,disable=appendchunks\n", "* / ro,alldirs,maproot=0\n")) {
            try (ClientServer other = new ClientServer(export); WireClient c = other.connect()) {
                c.send(new SessionRequest.RegisterNewSession(V3_0_117, ByteString.utf8("/mnt/test\0"),
                        ByteString.utf8("/\0"), OptionalInt.empty(), OptionalLong.empty(), Optional.empty()));
                c.receive(SessionReply.RegisterSession.class);
                c.send(new ToolRequest.AppendSlice(5, 0, 2, 3, 0, ToolRequest.AppendSlice.WHOLE_FILE_TO, 0,
                        ROOT_GIDS));
                assertThat(c.receive(MasterReply.Status.class).status()).as(export)
                        .isEqualTo(export.contains("ro,") ? MfsStatus.EROFS : MfsStatus.EPERM);
            }
        }
    }

    @Test
    void aDirectoryIsNotAFileToAppendTo() throws Exception {
        int src = createFile("src");
        writeChunkZero(src, 5);
        client.send(new NamespaceRequest.Mkdir(3, 1, ByteString.utf8("d"), 0755, 0, 0, ROOT_GIDS, 0));
        int dir = client.receive(NamespaceReply.EntryReply.class).inode();

        assertThat(append(41, dir, src)).isEqualTo(MfsStatus.EPERM);
        assertThat(append(42, src, src)).isEqualTo(MfsStatus.EINVAL);
    }
}
