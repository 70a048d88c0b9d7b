package io.jmfs.client.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.client.testing.FakeChunkserver;
import io.jmfs.client.testing.FakeChunkserver.Fault;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChunkReaderTest {
    private static final long CHUNK = 7;
    private final byte[] content = new byte[300_000];
    private FakeChunkserver good;
    private FakeChunkserver bad;
    private ChunkserverPool pool;
    private ChunkReader reader;

    @BeforeEach
    void start() throws IOException {
        new Random(1).nextBytes(content);
        good = new FakeChunkserver();
        bad = new FakeChunkserver();
        good.store(CHUNK, content);
        bad.store(CHUNK, content);
        pool = new ChunkserverPool();
        reader = new ChunkReader(pool);
    }

    @AfterEach
    void stop() throws IOException {
        pool.close();
        good.close();
        bad.close();
    }

    private ChunkData chunkOn(FakeChunkserver... servers) {
        return new ChunkData(CHUNK, 1, Arrays.stream(servers).map(FakeChunkserver::location).toList());
    }

    private byte[] read(ChunkData chunk, int offset, int len) throws IOException {
        byte[] out = new byte[len];
        reader.read(chunk, offset, out, 0, len);
        return out;
    }

    @Test
    void aRangeThatStartsAndEndsInsideBlocksComesBackExactly() throws IOException {
        byte[] got = read(chunkOn(good), 1000, 200_000);
        assertThat(got).isEqualTo(Arrays.copyOfRange(content, 1000, 201_000));
    }

    @Test
    void aCopyThatDropsTheConnectionMidReadIsReplacedByTheNextCopyWithoutLosingBytes() throws IOException {
        assertEveryOrderReadsRightPast(Fault.CLOSE_MID_READ, 5, 250_000);
    }

    /**
     * Reads {@code length} bytes at {@code from} four times from the bad copy (with {@code fault}) and the good one:
     * the start copy rotates, so every order is exercised; each read returns the right bytes, and the bad copy was
     * asked.
     */
    private void assertEveryOrderReadsRightPast(Fault fault, int from, int length) throws IOException {
        bad.fault = fault;
        for (int i = 0; i < 4; i++) {
            assertThat(read(chunkOn(bad, good), from, length))
                    .isEqualTo(Arrays.copyOfRange(content, from, from + length));
        }
        assertThat(bad.readRequests()).isPositive();
    }

    @Test
    void aCopyWhoseDataFailsTheCrcCheckIsNotBelievedAndTheOtherCopyIsRead() throws IOException {
        assertEveryOrderReadsRightPast(Fault.BAD_CRC, 0, 100_000);
    }

    @Test
    void aCopySendingMoreDataThanAskedForIsNotBelievedAndTheOtherCopyIsRead() throws IOException {
        assertEveryOrderReadsRightPast(Fault.MORE_THAN_ASKED, 10, 1000);
    }

    @Test
    void aCopySendingAnotherBlockThanTheNextIsNotBelievedAndTheOtherCopyIsRead() throws IOException {
        assertEveryOrderReadsRightPast(Fault.WRONG_BLOCK, 0, 150_000);
    }

    @Test
    void aCopyAnsweringAnErrorStatusFailsOverToTheNextCopy() throws IOException {
        bad.fault = Fault.ERROR_STATUS;
        for (int i = 0; i < 4; i++) {
            assertThat(read(chunkOn(bad, good), 0, 70_000)).isEqualTo(Arrays.copyOf(content, 70_000));
        }
    }

    @Test
    void whenEveryCopyFailsTheReadFailsWithTheReasons() throws IOException {
        bad.fault = Fault.BAD_CRC;
        good.fault = Fault.ERROR_STATUS;
        assertThatThrownBy(() -> read(chunkOn(bad, good), 0, 70_000)).isInstanceOf(IOException.class);
    }

    @Test
    void aCopyThatCannotBeReachedIsSkipped() throws IOException {
        FakeChunkserver gone = new FakeChunkserver();
        ChunkData chunk = new ChunkData(CHUNK, 1, List.of(gone.location(), good.location()));
        gone.close();
        for (int i = 0; i < 2; i++) {
            assertThat(read(chunk, 0, 1000)).isEqualTo(Arrays.copyOf(content, 1000));
        }
    }
}
