package io.jmfs.client.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.client.cache.ChunkLocationCache;
import io.jmfs.client.testing.FakeChunkMaster;
import io.jmfs.client.testing.FakeChunkserver;
import io.jmfs.client.testing.FakeChunkserver.Fault;
import io.jmfs.protocol.ChunkGeometry;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileWriterTest {
    private static final int BUFFER = 1 << 20;
    private static final Retry FAST = new Retry(3, java.time.Duration.ofMillis(1));
    private FakeChunkserver cs;
    private ChunkserverPool pool;
    private FakeChunkMaster master;
    private final ExecutorService background = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws IOException {
        cs = new FakeChunkserver();
        pool = new ChunkserverPool();
        master = new FakeChunkMaster(() -> List.of(cs.location()));
    }

    @AfterEach
    void stop() throws IOException {
        background.shutdownNow();
        pool.close();
        cs.close();
    }

    private FileWriter writer() {
        return new FileWriter(10, master, new ChunkWriter(pool), new ChunkLocationCache(), background, 0, BUFFER, 0, FAST);
    }

    @Test
    void smallWritesStayInTheBufferUntilFlushThenReachTheChunkserverAndTheMasterLearnsTheLength()
            throws IOException {
        FileWriter w = writer();
        w.write(0, "hello ".getBytes(), 0, 6);
        w.write(6, "moosefs".getBytes(), 0, 7);
        assertThat(master.writeChunkCalls()).as("nothing sent before flush").isZero();
        assertThat(w.length()).isEqualTo(13);
        assertThat(w.dirty()).isTrue();

        w.flush();

        assertThat(w.dirty()).isFalse();
        assertThat(master.writeChunkCalls()).isEqualTo(1);
        assertThat(master.writeChunkEndCalls()).isEqualTo(1);
        assertThat(master.length()).isEqualTo(13);
        assertThat(new String(cs.chunk(master.chunkId(0)))).isEqualTo("hello moosefs");
    }

    @Test
    void manySmallSequentialWritesGrowTheBufferAndArriveWhole() throws IOException {
        byte[] data = new byte[2 * BUFFER + 12_345];
        new Random(5).nextBytes(data);
        FileWriter w = writer();
        for (int pos = 0; pos < data.length; pos += 3000) {
            w.write(pos, data, pos, Math.min(3000, data.length - pos));
        }
        w.flush();

        assertThat(master.length()).isEqualTo(data.length);
        assertThat(cs.chunk(master.chunkId(0))).isEqualTo(data);
        assertThat(master.writeChunkCalls()).as("one chunk write per full buffer, and the rest").isEqualTo(3);
    }

    @Test
    void bytesInNativeMemoryAreBufferedAndAStreamingWriterReusesItsBuffersCorrectly() throws IOException {
        byte[] data = new byte[5 * BUFFER + 777];
        new Random(11).nextBytes(data);
        FileWriter w = writer();
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            int piece = 300_000;
            for (int pos = 0; pos < data.length; pos += piece) {
                int n = Math.min(piece, data.length - pos);
                java.lang.foreign.MemorySegment offHeap = arena.allocate(n);
                java.lang.foreign.MemorySegment.copy(data, pos, offHeap, java.lang.foreign.ValueLayout.JAVA_BYTE, 0,
                        n);
                w.write(pos, offHeap);
            }
        }
        w.flush();

        assertThat(master.length()).isEqualTo(data.length);
        assertThat(cs.chunk(master.chunkId(0))).isEqualTo(data);
    }

    @Test
    void aWriteAcrossAChunkBoundaryIsSplitIntoOneWritePerChunk() throws IOException {
        byte[] data = new byte[3 * BUFFER + 500];
        new Random(9).nextBytes(data);
        long start = ChunkGeometry.CHUNK_SIZE - BUFFER - 100;
        FileWriter w = writer();
        w.write(start, data, 0, data.length);
        w.flush();

        assertThat(master.length()).isEqualTo(start + data.length);
        byte[] first = cs.chunk(master.chunkId(0));
        byte[] second = cs.chunk(master.chunkId(1));
        int inFirst = (int) (ChunkGeometry.CHUNK_SIZE - start);
        assertThat(Arrays.copyOfRange(first, (int) start, first.length)).isEqualTo(Arrays.copyOf(data, inFirst));
        assertThat(second).isEqualTo(Arrays.copyOfRange(data, inFirst, data.length));
    }

    @Test
    void aNonContiguousWriteFlushesTheEarlierExtentFirstSoLaterBytesWin() throws IOException {
        FileWriter w = writer();
        w.write(0, "aaaa".getBytes(), 0, 4);
        w.write(100, "bb".getBytes(), 0, 2);
        w.write(1, "cc".getBytes(), 0, 2);
        w.flush();
        byte[] chunk = cs.chunk(master.chunkId(0));
        assertThat(new String(chunk, 0, 4)).isEqualTo("acca");
        assertThat(new String(chunk, 100, 2)).isEqualTo("bb");
        assertThat(master.length()).isEqualTo(102);
    }

    @Test
    void aChainThatFailsIsRetriedWithAFreshWriteChunkAndTheDataArrivesOnce() throws IOException {
        cs.refuseNextWrites.set(2);
        FileWriter w = writer();
        w.write(0, "retried".getBytes(), 0, 7);
        w.flush();
        assertThat(new String(cs.chunk(master.chunkId(0)))).isEqualTo("retried");
        assertThat(master.writeChunkCalls()).isEqualTo(3);
        assertThat(master.writeChunkEndCalls()).isEqualTo(3);
        assertThat(master.length()).isEqualTo(7);
    }

    @Test
    void aFailedBackgroundWriteIsReportedByFlush() throws IOException {
        cs.fault = Fault.ERROR_STATUS;
        FileWriter w = writer();
        byte[] full = new byte[BUFFER];
        w.write(0, full, 0, full.length); // a full buffer goes out in the background
        assertThatThrownBy(w::flush).isInstanceOf(IOException.class);
        assertThat(master.writeChunkEndCalls()).as("every WRITE_CHUNK is ended, also after a failure")
                .isEqualTo(master.writeChunkCalls());
    }
}
