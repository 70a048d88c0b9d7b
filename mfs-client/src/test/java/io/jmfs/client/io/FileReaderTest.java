package io.jmfs.client.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.client.cache.ChunkLocationCache;
import io.jmfs.client.testing.FakeChunkMaster;
import io.jmfs.client.testing.FakeChunkserver;
import io.jmfs.client.testing.FakeChunkserver.Fault;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.msg.client.ChunkOpReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FileReaderTest {
    private static final int SIZE = ChunkGeometry.CHUNK_SIZE + 3 * FileReader.MAX_WINDOW + 12345;
    private final byte[] content = new byte[SIZE];
    private static final Retry FAST = new Retry(3, java.time.Duration.ofMillis(1));
    private FakeChunkserver cs1;
    private FakeChunkserver cs2;
    private ChunkserverPool pool;
    private FakeChunkMaster master;
    private final ExecutorService prefetch = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws IOException {
        new Random(5).nextBytes(content);
        cs1 = new FakeChunkserver();
        cs2 = new FakeChunkserver();
        for (FakeChunkserver cs : List.of(cs1, cs2)) {
            cs.store(1, Arrays.copyOf(content, ChunkGeometry.CHUNK_SIZE));
            cs.store(2, Arrays.copyOfRange(content, ChunkGeometry.CHUNK_SIZE, SIZE));
        }
        master = new FakeChunkMaster(() -> List.of(cs1.location(), cs2.location()));
        master.chunk(0, 1);
        master.chunk(1, 2);
        master.length(SIZE);
        pool = new ChunkserverPool();
    }

    @AfterEach
    void stop() throws IOException {
        prefetch.shutdownNow();
        pool.close();
        cs1.close();
        cs2.close();
    }

    private FileReader reader() {
        return new FileReader(10, master, new ChunkReader(pool), new ChunkLocationCache(), prefetch, FAST);
    }

    private static byte[] readAll(FileReader r, int bufferSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[bufferSize];
        long pos = 0;
        int n;
        while ((n = r.read(pos, buf, 0, buf.length)) > 0) {
            out.write(buf, 0, n);
            pos += n;
        }
        return out.toByteArray();
    }

    @Test
    void aSequentialReadAcrossChunksReturnsTheFileAndEndsAtItsLength() throws IOException {
        FileReader r = reader();
        assertThat(readAll(r, 100_000)).isEqualTo(content);
        assertThat(r.read(SIZE, new byte[10], 0, 10)).isEqualTo(-1);
    }

    @Test
    void aSequentialReadIntoNativeMemoryReturnsTheFile() throws IOException {
        FileReader r = reader();
        byte[] got = new byte[SIZE];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(131_072);
            long pos = 0;
            int n;
            while ((n = r.read(pos, buf)) > 0) {
                MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, got, (int) pos, n);
                pos += n;
            }
            assertThat(pos).isEqualTo(SIZE);
        }
        assertThat(got).isEqualTo(content);
    }

    @Test
    void jumpsBackAndForthBetweenSequentialRunsReadTheRightBytes() throws IOException {
        // every run grows to full-size windows, whose arrays the next windows reuse; a jump drops them half-read
        FileReader r = reader();
        long[] starts = {0, ChunkGeometry.CHUNK_SIZE - 3 * FileReader.MAX_WINDOW, 7, ChunkGeometry.CHUNK_SIZE + 5, 0};
        byte[] buf = new byte[100_000];
        for (long start : starts) {
            long pos = start;
            while (pos < Math.min(SIZE, start + 5L * FileReader.MAX_WINDOW)) {
                int n = r.read(pos, buf, 0, buf.length); // fewer at a window's end
                assertThat(n).isPositive();
                assertThat(Arrays.copyOf(buf, n)).as("bytes at %d", pos)
                        .isEqualTo(Arrays.copyOfRange(content, (int) pos, (int) pos + n));
                pos += n;
            }
        }
    }

    @Test
    void readAheadFetchesLargeWindowsSoSmallReadsDoNotEachGoToAChunkserver() throws IOException {
        readAll(reader(), 4096);
        int requests = cs1.readRequests() + cs2.readRequests();
        assertThat(requests).as("chunkserver reads for %d reads of 4 KiB", SIZE / 4096).isLessThan(40);
    }

    @Test
    void aHoleReadsAsZeros() throws IOException {
        master.chunk(0, 0);
        byte[] buf = new byte[5000];
        assertThat(reader().read(100, buf, 0, buf.length)).isEqualTo(5000);
        assertThat(buf).containsOnly(0);
    }

    @Test
    void whenEveryCopyFailsTheReaderAsksTheMasterAgainAndReadsFromTheNewLocations() throws IOException {
        cs1.fault = Fault.CLOSE_MID_READ;
        cs2.fault = Fault.ERROR_STATUS;
        FakeChunkserver moved = new FakeChunkserver();
        moved.store(1, Arrays.copyOf(content, ChunkGeometry.CHUNK_SIZE));
        master.locations(() -> master.readChunkCalls() <= 1 ? List.of(cs1.location(), cs2.location())
                : List.of(moved.location()));
        try (moved) {
            byte[] buf = new byte[300_000];
            assertThat(reader().read(0, buf, 0, buf.length)).isEqualTo(buf.length);
            assertThat(buf).isEqualTo(Arrays.copyOf(content, buf.length));
            assertThat(master.readChunkCalls()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aRefusalThatIsNotTemporaryIsReportedAtOnce() {
        ChunkMaster refusing = new ChunkMaster() {
            @Override
            public io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply readChunk(int inode, int index)
                    throws IOException {
                throw new io.jmfs.client.MfsException(io.jmfs.protocol.MfsStatus.ENOENT, "read chunk");
            }

            @Override
            public io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply writeChunk(int inode, int index, int f) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void writeChunkEnd(long chunkId, int inode, int index, long fileLength, int f) {
                throw new UnsupportedOperationException();
            }
        };
        FileReader r = new FileReader(10, refusing, new ChunkReader(pool), new ChunkLocationCache(), null, FAST);
        assertThatThrownBy(() -> r.read(0, new byte[10], 0, 10)).isInstanceOf(io.jmfs.client.MfsException.class);
    }
}
