package io.jmfs.client.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.client.MfsException;
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

class ChunkWriteSessionTest {
    private FakeChunkserver head;
    private FakeChunkserver second;
    private ChunkserverPool pool;

    @BeforeEach
    void start() throws IOException {
        head = new FakeChunkserver();
        second = new FakeChunkserver();
        pool = new ChunkserverPool();
    }

    @AfterEach
    void stop() throws IOException {
        pool.close();
        head.close();
        second.close();
    }

    /** One range written through a session of its own, as a writer that ends the chunk write after it does. */
    private void write(ChunkData chunk, int offset, byte[] data) throws IOException {
        ChunkWriteSession session = ChunkWriteSession.open(pool, chunk);
        try {
            session.send(offset, data, 0, data.length);
            session.finish();
        } finally {
            session.abort(); // no-op after finish; drops a broken connection
        }
    }

    @Test
    void dataGoesToTheChainHeadInBlockSizedPacketsNamingTheRestOfTheChainAndIsFinished() throws IOException {
        byte[] data = new byte[ChunkWriteSession.WINDOW * 65536 + 300_000]; // more than one window of unacked packets
        new Random(3).nextBytes(data);
        ChunkData chunk = new ChunkData(9, 4, List.of(head.location(), second.location()));
        write(chunk, 1000, data);

        byte[] stored = head.chunk(9);
        assertThat(Arrays.copyOfRange(stored, 1000, stored.length)).isEqualTo(data);
        assertThat(head.writesOpened()).singleElement().satisfies(w -> {
            assertThat(w.version()).isEqualTo(4);
            assertThat(w.chain()).singleElement()
                    .satisfies(link -> assertThat(link.port()).isEqualTo(second.location().port()));
        });
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            while (head.finishedWrites() != 1) {
                Thread.sleep(10);
            }
        });
    }

    @Test
    void aFinishedWriteLeavesItsConnectionForTheNextOperation() throws IOException {
        ChunkData chunk = new ChunkData(9, 4, List.of(head.location()));
        write(chunk, 0, new byte[] {1, 2, 3});
        write(chunk, 3, new byte[] {4, 5});
        write(chunk, 5, new byte[] {6});

        assertThat(head.chunk(9)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(head.writesOpened()).hasSize(3);
        assertThat(head.connections()).isEqualTo(1);
    }

    @Test
    void aFailedWriteDoesNotLeaveItsConnectionToBeReused() throws IOException {
        ChunkData chunk = new ChunkData(9, 4, List.of(head.location()));
        head.fault = Fault.ERROR_STATUS;
        assertThatThrownBy(() -> write(chunk, 0, new byte[] {1})).isInstanceOf(MfsException.class);
        head.fault = Fault.NONE;
        write(chunk, 0, new byte[] {7});

        assertThat(head.chunk(9)).containsExactly(7);
        assertThat(head.connections()).isEqualTo(2);
    }

    @Test
    void aChainThatRefusesTheWriteFailsIt() {
        head.fault = Fault.ERROR_STATUS;
        ChunkData chunk = new ChunkData(9, 1, List.of(head.location()));
        assertThatThrownBy(() -> write(chunk, 0, new byte[10]))
                .isInstanceOf(MfsException.class);
    }
}
