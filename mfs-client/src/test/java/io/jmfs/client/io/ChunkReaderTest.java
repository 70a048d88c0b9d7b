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
        bad.fault = Fault.CLOSE_MID_READ;
        for (int i = 0; i < 4; i++) { // the start copy rotates: every order is exercised
            byte[] got = read(chunkOn(bad, good), 5, 250_000);
            assertThat(got).isEqualTo(Arrays.copyOfRange(content, 5, 250_005));
        }
        assertThat(bad.readRequests()).isPositive();
    }

    @Test
    void aCopyWhoseDataFailsTheCrcCheckIsNotBelievedAndTheOtherCopyIsRead() throws IOException {
        bad.fault = Fault.BAD_CRC;
        for (int i = 0; i < 4; i++) {
            assertThat(read(chunkOn(bad, good), 0, 100_000)).isEqualTo(Arrays.copyOf(content, 100_000));
        }
        assertThat(bad.readRequests()).isPositive();
    }

    @Test
    void aCopySendingMoreDataThanAskedForIsNotBelievedAndTheOtherCopyIsRead() throws IOException {
        bad.fault = Fault.MORE_THAN_ASKED;
        for (int i = 0; i < 4; i++) {
            assertThat(read(chunkOn(bad, good), 10, 1000)).isEqualTo(Arrays.copyOfRange(content, 10, 1010));
        }
        assertThat(bad.readRequests()).isPositive();
    }

    @Test
    void aCopySendingAnotherBlockThanTheNextIsNotBelievedAndTheOtherCopyIsRead() throws IOException {
        bad.fault = Fault.WRONG_BLOCK;
        for (int i = 0; i < 4; i++) {
            assertThat(read(chunkOn(bad, good), 0, 150_000)).isEqualTo(Arrays.copyOf(content, 150_000));
        }
        assertThat(bad.readRequests()).isPositive();
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
