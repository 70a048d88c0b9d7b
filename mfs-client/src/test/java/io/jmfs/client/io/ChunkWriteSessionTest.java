package io.jmfs.client.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jmfs.client.MfsException;
import io.jmfs.client.testing.FakeChunkserver;
import io.jmfs.client.testing.FakeChunkserver.Fault;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import io.jmfs.protocol.msg.data.DataMessage.Write;
import io.jmfs.protocol.msg.data.DataMessage.WriteData;
import io.jmfs.protocol.msg.data.DataMessage.WriteStatus;
import io.jmfs.protocol.msg.data.DataMessages;
import io.jmfs.protocol.wire.PeerLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
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
    void theWriterNeverWaitsForAnAcknowledgementWithPartOfAFrameUnsent() throws Exception {
        // the real chunkserver answers only between whole frames: a writer that waits for an answer while part of a
        // frame is still in its buffer waits for the server's 5 s read timeout
        try (PausingChunkserver server = new PausingChunkserver()) {
            ChunkData chunk = new ChunkData(9, 4, List.of(server.location()));
            byte[] data = new byte[3 * ChunkWriteSession.WINDOW * 65536];
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> write(chunk, 0, data));
            assertThat(server.pausesMidFrame).isZero();
            assertThat(server.pauses).isGreaterThan(2); // the writer did wait for full windows
        }
    }

    /**
     * A data port that reads raw bytes and acknowledges WRITE_DATA only when its input pauses for 50 ms between whole
     * frames, at most 100 at a time (so that the writer's window fills at varying points). A pause of a second in the
     * middle of a frame is counted, and then answered anyway so that the test ends.
     */
    private static final class PausingChunkserver implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread = Thread.ofPlatform().daemon().start(this::serve);
        volatile int pauses;
        volatile int pausesMidFrame;

        PausingChunkserver() throws IOException {
        }

        ChunkLocation location() {
            return new ChunkLocation(0x7F000001, server.getLocalPort(), 0x000300EA, 0);
        }

        private void serve() {
            try (Socket s = server.accept();
                 FramedSocket out = FramedSocket.wrap(s, PeerLink.DATA)) {
                s.setSoTimeout(50);
                InputStream in = s.getInputStream();
                ByteArrayOutputStream pending = new ByteArrayOutputStream();
                ArrayDeque<WriteData> held = new ArrayDeque<>();
                byte[] buf = new byte[1 << 16];
                int quietMidFrame = 0;
                while (true) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (SocketTimeoutException quiet) {
                        pauses++;
                        if (pending.size() > 0 && ++quietMidFrame < 20) {
                            continue; // like the real server, answer nothing while in the middle of a frame
                        }
                        if (quietMidFrame == 20) {
                            pausesMidFrame++; // the writer has waited a whole second with part of a frame unsent
                        }
                        for (int i = 0; i < 100 && !held.isEmpty(); i++) {
                            var d = held.poll();
                            out.send(new WriteStatus(d.chunkId(), d.writeId(), MfsStatus.OK));
                        }
                        continue;
                    }
                    if (n < 0) {
                        return;
                    }
                    quietMidFrame = 0;
                    pending.write(buf, 0, n);
                    byte[] all = pending.toByteArray();
                    ByteBuffer frames = ByteBuffer.wrap(all);
                    while (frames.remaining() >= 8 && frames.remaining() >= 8 + frames.getInt(frames.position() + 4)) {
                        int type = frames.getInt();
                        byte[] payload = new byte[frames.getInt()];
                        frames.get(payload);
                        switch (new RawPacket(type, payload).decode(DataMessages::decode)) {
                            case Write w -> out.send(new WriteStatus(w.chunkId(), 0, MfsStatus.OK));
                            case WriteData d -> held.add(d);
                            default -> { }
                        }
                    }
                    pending.reset();
                    pending.write(all, frames.position(), frames.remaining());
                }
            } catch (Exception e) {
                // the test is over
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            thread.interrupt();
        }
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
