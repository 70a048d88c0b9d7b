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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
        return new FileWriter(10, master, pool, new ChunkLocationCache(), background, null, 0, BUFFER,
                0, FAST);
    }

    /** A writer that writes every extent in the caller's thread: the test decides when each one goes out. */
    private FileWriter synchronousWriter() {
        return new FileWriter(10, master, pool, new ChunkLocationCache(), null, null, 0, BUFFER, 0,
                FAST);
    }

    /** {@code data}, written at {@code start} in chunk 0 and running on into chunk 1, is stored there whole. */
    private void assertFirstTwoChunksHold(long start, byte[] data) {
        assertThat(master.length()).isEqualTo(start + data.length);
        byte[] first = cs.chunk(master.chunkId(0));
        byte[] second = cs.chunk(master.chunkId(1));
        int inFirst = (int) (ChunkGeometry.CHUNK_SIZE - start);
        assertThat(Arrays.copyOfRange(first, (int) start, first.length)).isEqualTo(Arrays.copyOf(data, inFirst));
        assertThat(second).isEqualTo(Arrays.copyOfRange(data, inFirst, data.length));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aWriteStartsOnItsWayAtOnceButTheMasterLearnsTheLengthOnlyWhenFlushEndsTheChunkWrite() throws IOException {
        FileWriter w = writer();
        w.write(0, "hello ".getBytes(), 0, 6);
        await("the first write reached the chunkserver without a flush",
                () -> master.writeChunkCalls() == 1 && cs.chunk(master.chunkId(0)) != null);
        w.write(6, "moosefs".getBytes(), 0, 7);
        assertThat(w.length()).isEqualTo(13);
        assertThat(master.writeChunkEndCalls()).as("the chunk write stays open for more data").isZero();
        assertThat(w.dirty()).isTrue();

        w.flush();

        assertThat(w.dirty()).isFalse();
        assertThat(master.writeChunkCalls()).as("both writes went through one chunk write").isEqualTo(1);
        assertThat(master.writeChunkEndCalls()).isEqualTo(1);
        assertThat(master.length()).isEqualTo(13);
        assertThat(new String(cs.chunk(master.chunkId(0)))).isEqualTo("hello moosefs");
    }

    @Test
    void randomWritesThroughTheBackgroundWriterLeaveExactlyTheBytesOfALocalReference() throws IOException {
        Random random = new Random(77);
        byte[] reference = new byte[0];
        FileWriter w = writer();
        for (int op = 0; op < 400; op++) {
            int len = 1 + random.nextInt(random.nextBoolean() ? 300_000 : 5000);
            long pos = random.nextInt(4) == 0 ? random.nextInt(Math.max(1, reference.length + 1)) : reference.length;
            byte[] piece = new byte[len];
            random.nextBytes(piece);
            w.write(pos, piece, 0, len);
            if (pos + len > reference.length) {
                reference = Arrays.copyOf(reference, (int) (pos + len));
            }
            System.arraycopy(piece, 0, reference, (int) pos, len);
            assertThat(w.length()).isEqualTo(reference.length);
            if (random.nextInt(50) == 0) {
                w.flush();
            }
        }
        w.flush();

        assertThat(master.length()).isEqualTo(reference.length);
        byte[] stored = cs.chunk(master.chunkId(0));
        assertThat(Arrays.copyOf(stored, reference.length)).isEqualTo(reference);
    }

    @Test
    void aLongStreamAcrossChunkBoundariesArrivesWholeWhileAcknowledgementsLagBehind() throws IOException {
        cs.dataDelayNanos = 200_000; // buffers are recycled while later pieces are still unconfirmed
        Random random = new Random(78);
        long start = ChunkGeometry.CHUNK_SIZE - 5 * BUFFER / 2;
        byte[] data = new byte[6 * BUFFER + 4321];
        random.nextBytes(data);
        FileWriter w = writer();
        int done = 0;
        while (done < data.length) {
            int len = Math.min(data.length - done, 1 + random.nextInt(400_000));
            w.write(start + done, data, done, len);
            done += len;
        }
        w.flush();

        assertFirstTwoChunksHold(start, data);
    }

    @Test
    void theLengthCountsDataOnItsWayAndFollowsATruncationAfterAFlush() throws IOException {
        FileWriter w = writer();
        w.write(50, new byte[50], 0, 50);
        assertThat(w.length()).as("buffered or in flight").isEqualTo(100);
        w.flush();
        w.knownLength(10);
        assertThat(w.length()).isEqualTo(10);
    }

    @Test
    void manySmallSequentialWritesArriveWholeThroughOneChunkWrite() throws IOException {
        byte[] data = new byte[2 * BUFFER + 12_345];
        new Random(5).nextBytes(data);
        FileWriter w = writer();
        for (int pos = 0; pos < data.length; pos += 3000) {
            w.write(pos, data, pos, Math.min(3000, data.length - pos));
        }
        w.flush();

        assertThat(master.length()).isEqualTo(data.length);
        assertThat(cs.chunk(master.chunkId(0))).isEqualTo(data);
        assertThat(master.writeChunkCalls()).as("one WRITE_CHUNK per chunk, however many extents").isEqualTo(1);
        assertThat(cs.writesOpened()).as("one chain set-up").hasSize(1);
    }

    @Test
    void anOpenFileThatGoesIdleEndsItsChunkWriteSoOtherClientsSeeTheLength() throws IOException {
        java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            FileWriter w = new FileWriter(10, master, pool, new ChunkLocationCache(), background,
                    timer, 0, BUFFER, 0, FAST);
            w.write(0, "left open".getBytes(), 0, 9);

            await("the idle chunk write ended", () -> master.writeChunkEndCalls() == 1);
            assertThat(master.length()).isEqualTo(9);
            assertThat(new String(cs.chunk(master.chunkId(0)))).isEqualTo("left open");
            assertThat(w.dirty()).isFalse();

            w.write(9, "!".getBytes(), 0, 1);
            w.flush();
            assertThat(master.writeChunkCalls()).as("a later write opens a new chunk write").isEqualTo(2);
            assertThat(master.length()).isEqualTo(10);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void idleChecksOfFilesWrittenWithinOneTickFallDueTogetherAtLeastTheIdleTimeLater() {
        long tick = FileWriter.IDLE_TICK.toNanos();
        long idle = FileWriter.IDLE_END.toNanos();
        for (long base : new long[] {0, 7 * tick, -5 * tick, Long.MAX_VALUE / 4 / tick * tick}) {
            long first = base + 1;
            long last = base + tick; // the same tick window: (base, base + tick]
            long firstDue = first + FileWriter.untilTick(first, idle);
            long lastDue = last + FileWriter.untilTick(last, idle);
            assertThat(firstDue).as("one timer wake-up for both (base %d)", base).isEqualTo(lastDue);
            assertThat(Math.floorMod(firstDue, tick)).as("on a tick boundary").isZero();
            assertThat(firstDue - last).as("never before the idle time").isGreaterThanOrEqualTo(idle);
            assertThat(firstDue - first).as("at most a tick after it").isLessThan(idle + tick);
        }
        assertThat(FileWriter.untilTick(3 * tick, idle)).as("a due time on a boundary stays there").isEqualTo(idle);
        assertThat(FileWriter.untilTick(0, 0)).as("no delay: the next boundary, not now").isEqualTo(tick);
    }

    @Test
    void aChainFailingMidStreamIsReplacedAndWhatNoCopyConfirmedYetIsSentAgainThroughTheNewOne() throws IOException {
        byte[] data = new byte[BUFFER + 1000];
        new Random(3).nextBytes(data);
        FileWriter w = synchronousWriter();
        w.write(0, data, 0, BUFFER); // a full buffer: written now, the chunk write stays open
        assertThat(master.writeChunkEndCalls()).isZero();
        cs.failNextData.set(1);
        w.write(BUFFER, data, BUFFER, 1000);

        w.flush();

        assertThat(cs.chunk(master.chunkId(0))).isEqualTo(data);
        assertThat(master.writeChunkCalls()).isEqualTo(2);
        assertThat(master.writeChunkEndCalls()).isEqualTo(2);
        assertThat(master.length()).isEqualTo(data.length);
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

        assertThat(master.writeChunkEndCalls()).as("the first chunk's write ends before the second's starts")
                .isEqualTo(2);
        assertFirstTwoChunksHold(start, data);
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

    @Test
    void theNextChunksDataGoesOutWhileThePreviousChunkWriteIsStillEnding() throws Exception {
        CountDownLatch nextChunkStarted = new CountDownLatch(1);
        master.onWriteChunk = index -> {
            if (index == 1) {
                nextChunkStarted.countDown();
            }
        };
        master.onWriteChunkEnd = index -> {
            if (index == 0) {
                // chunk 0 cannot end before chunk 1's write has begun (a writer that ends it in line waits here 5 s)
                awaitQuietly(nextChunkStarted);
            }
        };
        long start = ChunkGeometry.CHUNK_SIZE - BUFFER;
        byte[] data = new byte[3 * BUFFER];
        new Random(12).nextBytes(data);
        FileWriter w = writer();
        for (int done = 0; done < data.length; done += BUFFER / 4) {
            w.write(start + done, data, done, BUFFER / 4);
        }
        w.flush();

        assertFirstTwoChunksHold(start, data);
        List<String> calls = master.calls();
        assertThat(calls).containsExactlyInAnyOrder("WRITE_CHUNK 0", "WRITE_CHUNK 1", "WRITE_CHUNK_END 0",
                "WRITE_CHUNK_END 1");
        assertThat(calls.indexOf("WRITE_CHUNK 1")).as("chunk 1 starts before chunk 0 has ended: %s", calls)
                .isLessThan(calls.indexOf("WRITE_CHUNK_END 0"));
    }

    @Test
    void twoChunksDataGoOutSideBySideThroughTheirOwnChains() throws Exception {
        CountDownLatch nextChunkStarted = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean waitedInVain = new java.util.concurrent.atomic.AtomicBoolean();
        master.onWriteChunk = index -> {
            if (index == 1) {
                nextChunkStarted.countDown();
            } else if (!awaitQuietly(nextChunkStarted)) {
                // chunk 0's write cannot start before chunk 1's: a writer with one extent on its way waits here 5 s
                waitedInVain.set(true);
            }
        };
        long start = ChunkGeometry.CHUNK_SIZE - BUFFER;
        byte[] data = new byte[2 * BUFFER];
        new Random(14).nextBytes(data);
        FileWriter w = writer();
        w.write(start, data, 0, BUFFER); // a full buffer: chunk 0's part goes out
        w.write(start + BUFFER, data, BUFFER, BUFFER); // and chunk 1's, without waiting for chunk 0's

        w.flush();

        assertFirstTwoChunksHold(start, data);
        assertThat(waitedInVain).as("chunk 1's write began while chunk 0's waited").isFalse();
    }

    @Test
    void writesThatJumpFromChunkToChunkKeepAtMostFourChunkWritesOpen() throws IOException {
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        master.onWriteChunk = index -> most.accumulateAndGet(open.incrementAndGet(), Math::max);
        master.onWriteChunkEnd = index -> {
            sleepQuietly(20); // ends take a while: without a bound they would pile up, one per chunk touched
            open.decrementAndGet();
        };
        Random random = new Random(15);
        byte[][] sent = new byte[12][1000];
        FileWriter w = writer();
        for (int i = 0; i < sent.length; i++) {
            random.nextBytes(sent[i]);
            w.write((long) i * ChunkGeometry.CHUNK_SIZE, sent[i], 0, sent[i].length);
        }
        w.flush();

        assertThat(most.get()).isLessThanOrEqualTo(FileWriter.MAX_LANES);
        for (int i = 0; i < sent.length; i++) {
            assertThat(Arrays.copyOf(cs.chunk(master.chunkId(i)), sent[i].length)).as("chunk %d", i)
                    .isEqualTo(sent[i]);
        }
        assertThat(master.length()).isEqualTo(11L * ChunkGeometry.CHUNK_SIZE + 1000);
    }

    @Test
    void closingASmallFileEndsItsChunkWriteInTheClosingThread() throws IOException {
        java.util.concurrent.atomic.AtomicReference<Thread> endedBy = new java.util.concurrent.atomic.AtomicReference<>();
        master.onWriteChunkEnd = index -> endedBy.set(Thread.currentThread());
        FileWriter w = writer();
        w.write(0, new byte[1000], 0, 1000); // goes out in the background at once

        w.flush();

        // once its data is out, the end costs no hand-over to the pool and back (thousands of small files pay it)
        assertThat(endedBy.get()).isSameAs(Thread.currentThread());
        assertThat(master.length()).isEqualTo(1000);
    }

    @Test
    void aChunkWriteThatFailsToEndInTheBackgroundIsReportedAndTheNextChunkIsStillEnded() throws IOException {
        master.onWriteChunkEnd = index -> {
            if (index == 0) {
                throw new IOException("the master connection broke");
            }
        };
        long start = ChunkGeometry.CHUNK_SIZE - BUFFER;
        byte[] data = new byte[2 * BUFFER];
        FileWriter w = writer();
        w.write(start, data, 0, data.length);

        assertThatThrownBy(w::flush).hasMessageContaining("the master connection broke");

        assertThat(master.calls()).contains("WRITE_CHUNK_END 1");
        assertThat(w.dirty()).as("nothing is left open after the failure was reported").isFalse();
    }

    @Test
    void aStreamingWriterRecyclesItsBuffersWhileAcknowledgementsLag() throws IOException {
        cs.dataDelayNanos = 50_000; // several extents are on their way unconfirmed at any time
        byte[] data = new byte[24 * BUFFER];
        new Random(13).nextBytes(data);
        FileWriter w = writer();
        for (int done = 0; done < data.length; done += BUFFER / 4) {
            w.write(done, data, done, BUFFER / 4);
        }
        w.flush();

        assertThat(Arrays.copyOf(cs.chunk(master.chunkId(0)), data.length)).isEqualTo(data);
        // confirmed buffers come back for later extents (about half of the 24+ extents here; how many depends on how
        // the acknowledgements fall): none would if confirmed buffers were dropped
        assertThat(w.bufferReuses()).isGreaterThanOrEqualTo(6);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the latch opened within 5 s. */
    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
