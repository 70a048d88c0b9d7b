package io.jmfs.chunkserver.net;

import io.jmfs.chunkserver.ChunkserverService;
import io.jmfs.chunkserver.TestChunkserver;
import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.msg.chunkserver.ChunkVersion;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Our chunkserver service started on loopback with its files in a temp folder. */
public final class RunningChunkserver implements AutoCloseable {
    public final TestChunkserver.Setup setup;
    /** How often the service reported an unrecoverable fault (the daemon would have exited). */
    public final java.util.concurrent.atomic.AtomicInteger unrecoverableFaults =
            new java.util.concurrent.atomic.AtomicInteger();
    public final ChunkserverService service = new ChunkserverService(unrecoverableFaults::incrementAndGet);

    public RunningChunkserver(Path root, String name, int masterPort, String... extraConfig) throws Exception {
        setup = TestChunkserver.setup(root, name, masterPort);
        service.start(setup.config(TestChunkserver.freePort(), extraConfig));
    }

    public InetSocketAddress address() {
        return service.dataAddress();
    }

    public ChunkStorage storage() {
        return service.storage();
    }

    /** The chunk file of {@code chunkId}, wherever the storage put it. */
    public Path chunkFile(long chunkId) throws IOException {
        String prefix = String.format("chunk_%016X_", chunkId);
        try (Stream<Path> files = Files.walk(setup.disk())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no file for chunk " + chunkId));
        }
    }

    /**
     * Accepts this server at {@code master}, checks REGISTER rver 60 and answers it, and collects the chunk list
     * batches up to rver 62 (acknowledging each).
     */
    public static List<ChunkVersion> register(FakeMaster master, long metaId, int csId) throws IOException {
        master.accept();
        ChunkserverToMaster begin = master.next();
        assertThat(begin).isInstanceOf(ChunkserverToMaster.RegisterBegin.class);
        assertThat(((ChunkserverToMaster.RegisterBegin) begin).version()).isEqualTo(ProtocolVersion.V3_0_117.encode());
        master.send(new MasterToChunkserver.MasterAck(ProtocolVersion.V3_0_117.encode(), 10, csId, metaId));
        assertThat(master.next()).isInstanceOf(ChunkserverToMaster.Labels.class);
        List<ChunkVersion> chunks = new ArrayList<>();
        while (true) {
            ChunkserverToMaster m = master.next();
            if (m instanceof ChunkserverToMaster.RegisterEnd) {
                return chunks;
            }
            assertThat(m).isInstanceOf(ChunkserverToMaster.RegisterChunks.class);
            chunks.addAll(((ChunkserverToMaster.RegisterChunks) m).chunks());
            master.send(new MasterToChunkserver.ChunkBatchAck());
        }
    }

    @Override
    public void close() {
        service.stop();
    }
}
