package io.jmfs.master.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.SpaceReport;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.ChunkOpReply;
import io.jmfs.protocol.msg.client.ChunkRequest;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.client.ToolReply;
import io.jmfs.protocol.msg.client.ToolRequest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * READ_CHUNK, WRITE_CHUNK, WRITE_CHUNK_END and TRUNCATE over a real socket, with two chunkservers registered in the
 * chunk layer whose answers the test gives on the metadata loop. A GETATTR sent after a request shows whether that
 * request was answered at once (its reply comes first) or deferred (the GETATTR reply comes first).
 */
class ClientChunkCallsTest {
    private static final int V3_0_117 = 0x000300EA;
    private static final Gids ROOT_GIDS = Gids.of(0);
    private static final int WRITE_REPLY = MessageType.MATOCL_FUSE_WRITE_CHUNK.id();
    private static final int READ_REPLY = MessageType.MATOCL_FUSE_READ_CHUNK.id();

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

    private int createFile() {
        client.send(new NamespaceRequest.Create(2, 1, ByteString.utf8("f"), 0644, 0, 0, ROOT_GIDS));
        return client.receive(NamespaceReply.Create.class).inode();
    }

    /** Sends GETATTR with msgid 900 and returns the msgid of the next reply. */
    private int nextReplyAfterProbe() {
        client.send(new NamespaceRequest.GetAttr(900, 1, 0, 0, 0));
        return client.receive().msgid();
    }

    private long chunkAt(int inode, int index) throws InterruptedException {
        return server.onLoop(s -> s.namespace().chunkAt(inode, index).orThrow());
    }

    private long lengthOf(int inode) throws InterruptedException {
        Long length = server.onLoop(s -> s.namespace().getattr(inode).orThrow().length());
        return length;
    }

    private int chunkVersion(long chunkId) throws InterruptedException {
        Integer version = server.onLoop(s -> s.chunks().chunks().get(chunkId).version());
        return version;
    }

    private int fileCount(long chunkId) throws InterruptedException {
        Integer count = server.onLoop(s -> s.chunks().chunks().get(chunkId).fileCount());
        return count;
    }

    private void chunkserversAnswerCreate(long chunkId) throws InterruptedException {
        server.onLoop(s -> {
            csids.forEach(csid -> s.chunks().onCreateResult(csid, chunkId, MfsStatus.OK));
            return null;
        });
    }

    /** Writes chunk 0 of {@code inode} up to {@code length} bytes, start to end. */
    private long writeChunkZero(int inode, long length) throws InterruptedException {
        client.send(new ChunkRequest.WriteChunk(10, inode, 0, 4));
        assertThat(nextReplyAfterProbe()).as("the write waits for the chunkservers").isEqualTo(900);
        long chunkId = chunkAt(inode, 0);
        chunkserversAnswerCreate(chunkId);
        ChunkOpReply.ChunkReply granted = client.receive(ChunkOpReply.ChunkReply.class);
        assertThat(granted.msgid()).isEqualTo(10);
        client.send(new ChunkRequest.WriteChunkEnd(11, chunkId, inode, 0, length, 0));
        assertThat(client.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.OK);
        return chunkId;
    }

    @Test
    void aWriteIsGrantedOnceEveryChunkserverCreatedTheChunkAndItsEndSetsTheLength() throws Exception {
        int inode = createFile();

        client.send(new ChunkRequest.WriteChunk(10, inode, 0, 4));
        assertThat(nextReplyAfterProbe()).isEqualTo(900);
        long chunkId = chunkAt(inode, 0);
        assertThat(chunkId).isPositive();
        chunkserversAnswerCreate(chunkId);

        ChunkOpReply.ChunkReply granted = client.receive(ChunkOpReply.ChunkReply.class);
        assertThat(granted.type()).isEqualTo(WRITE_REPLY);
        assertThat(granted.msgid()).isEqualTo(10);
        assertThat(granted.fileLength()).isZero();
        assertThat(granted.chunk().chunkId()).isEqualTo(chunkId);
        assertThat(granted.chunk().version()).isEqualTo(1);
        assertThat(granted.chunk().locations()).extracting(ChunkLocation::port).containsExactlyInAnyOrder(9422, 9423);

        client.send(new ChunkRequest.WriteChunkEnd(11, chunkId, inode, 0, 12345, 0));
        assertThat(client.receive(MasterReply.Status.class).status()).isEqualTo(MfsStatus.OK);
        assertThat(lengthOf(inode)).isEqualTo(12345);

        client.send(new ChunkRequest.ReadChunk(12, inode, 0, 0));
        ChunkOpReply.ChunkReply located = client.receive(ChunkOpReply.ChunkReply.class);
        assertThat(located.type()).isEqualTo(READ_REPLY);
        assertThat(located.fileLength()).isEqualTo(12345);
        assertThat(located.chunk().chunkId()).isEqualTo(chunkId);
        assertThat(located.chunk().locations()).hasSize(2);
    }

    @Test
    void aReadOfAChunkBeingWrittenWaitsForTheWriteEnd() throws Exception {
        int inode = createFile();
        client.send(new ChunkRequest.WriteChunk(10, inode, 0, 4));
        nextReplyAfterProbe();
        long chunkId = chunkAt(inode, 0);
        chunkserversAnswerCreate(chunkId);
        client.receive(ChunkOpReply.ChunkReply.class);

        client.send(new ChunkRequest.ReadChunk(12, inode, 0, 0));
        assertThat(nextReplyAfterProbe()).as("the chunk is locked by its writer").isEqualTo(900);

        client.send(new ChunkRequest.WriteChunkEnd(11, chunkId, inode, 0, 10, 0));
        MasterReply first = client.receive();
        MasterReply second = client.receive();
        assertThat(List.of(first.msgid(), second.msgid())).containsExactlyInAnyOrder(11, 12);
        MasterReply read = first.msgid() == 12 ? first : second;
        assertThat(read).isInstanceOfSatisfying(ChunkOpReply.ChunkReply.class,
                r -> assertThat(r.fileLength()).isEqualTo(10));
    }

    @Test
    void aReadOfAHoleOrAnEmptyFileNamesNoChunk() throws Exception {
        int inode = createFile();
        client.send(new ChunkRequest.ReadChunk(12, inode, 3, 0));
        ChunkOpReply.ChunkReply hole = client.receive(ChunkOpReply.ChunkReply.class);
        assertThat(hole.chunk().chunkId()).isZero();
        assertThat(hole.chunk().locations()).isEmpty();
    }

    @Test
    void aTruncateInsideAChunkWaitsForTheChunkserversToCutIt() throws Exception {
        int inode = createFile();
        long chunkId = writeChunkZero(inode, 100_000);

        client.send(new ChunkRequest.Truncate(20, inode, 0x01, 0, ROOT_GIDS, 70_000));
        assertThat(nextReplyAfterProbe()).isEqualTo(900);
        server.onLoop(s -> {
            csids.forEach(csid -> s.chunks().onTruncateResult(csid, chunkId, MfsStatus.OK));
            return null;
        });

        ChunkOpReply.Truncate done = client.receive(ChunkOpReply.Truncate.class);
        assertThat(done.msgid()).isEqualTo(20);
        assertThat(done.previousLength()).isEqualTo(100_000);
        assertThat(lengthOf(inode)).isEqualTo(70_000);
        assertThat(chunkVersion(chunkId)).as("cut under a new version")
                .isEqualTo(2);
    }

    @Test
    void aTruncateAtAChunkBoundaryNeedsNoChunkserver() throws Exception {
        int inode = createFile();
        long chunkId = writeChunkZero(inode, 100_000);

        client.send(new ChunkRequest.Truncate(20, inode, 0x01, 0, ROOT_GIDS, 0));
        ChunkOpReply.Truncate done = client.receive(ChunkOpReply.Truncate.class);
        assertThat(done.previousLength()).isEqualTo(100_000);
        assertThat(fileCount(chunkId)).isZero();
    }

    @Test
    void checkReportsTheCopiesOfAChunkAndTheCopyCountsOfAFile() throws Exception {
        int inode = createFile();
        long chunkId = writeChunkZero(inode, 10);

        client.send(new ToolRequest.Check(30, inode, OptionalInt.of(0)));
        ToolReply.CheckChunk copies = client.receive(ToolReply.CheckChunk.class);
        assertThat(copies.chunkId()).isEqualTo(chunkId);
        assertThat(copies.copies()).extracting(ToolReply.CheckCopy::copyType).containsExactly(0, 0);

        client.send(new ToolRequest.Check(31, inode, OptionalInt.empty()));
        ToolReply.CheckCounts counts = client.receive(ToolReply.CheckCounts.class);
        assertThat(counts.counts()).hasSize(12);
        assertThat(counts.counts().get(2)).as("one chunk with two copies").isEqualTo(1);
    }
}
