package io.jmfs.client.testing;

import io.jmfs.client.io.FramedSocket;
import io.jmfs.client.io.RawPacket;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.data.DataMessage;
import io.jmfs.protocol.msg.data.DataMessage.Read;
import io.jmfs.protocol.msg.data.DataMessage.ReadData;
import io.jmfs.protocol.msg.data.DataMessage.ReadStatus;
import io.jmfs.protocol.msg.data.DataMessage.Write;
import io.jmfs.protocol.msg.data.DataMessage.WriteData;
import io.jmfs.protocol.msg.data.DataMessage.WriteFinish;
import io.jmfs.protocol.msg.data.DataMessage.WriteStatus;
import io.jmfs.protocol.msg.data.DataMessages;
import io.jmfs.protocol.wire.PeerLink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chunkserver data port on loopback that serves chunks from memory, speaking the 9422 protocol with our codecs.
 * {@link #fault} makes it misbehave in the ways the client must survive.
 */
public final class FakeChunkserver implements AutoCloseable {
    public enum Fault {
        NONE,
        /** Sends the first data packet of a read, then closes the connection. */
        CLOSE_MID_READ,
        /** Every data packet carries a wrong CRC. */
        BAD_CRC,
        /** Answers every read and write with an error status. */
        ERROR_STATUS,
        /** The first data packet of a read carries one byte more than was asked for (its CRC matching). */
        MORE_THAN_ASKED,
        /** The first data packet of a read is for the block after the one asked for (its CRC matching). */
        WRONG_BLOCK
    }

    private final ServerSocket server;
    private final ConcurrentHashMap<Long, byte[]> chunks = new ConcurrentHashMap<>();
    private final List<Write> writesOpened = new CopyOnWriteArrayList<>();
    private final AtomicInteger readRequests = new AtomicInteger();
    private final AtomicInteger finishedWrites = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    public volatile Fault fault = Fault.NONE;
    /** How many more chain openings to refuse (a chunkserver of the chain that is down), whatever the fault. */
    public final AtomicInteger refuseNextWrites = new AtomicInteger();
    /** How many more WRITE_DATA packets to answer with an I/O error, storing nothing (a disk failing mid-write). */
    public final AtomicInteger failNextData = new AtomicInteger();
    /** A pause before each WRITE_DATA is stored and acknowledged (a slower disk): the client's acks lag its sends. */
    public volatile long dataDelayNanos;

    public FakeChunkserver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public ChunkLocation location() {
        return new ChunkLocation(0x7F000001, server.getLocalPort(), 0x000300EA, 0);
    }

    public void store(long chunkId, byte[] data) {
        chunks.put(chunkId, data.clone());
    }

    /** The chunk's bytes as written so far (empty when unknown). */
    public byte[] chunk(long chunkId) {
        return chunks.getOrDefault(chunkId, new byte[0]).clone();
    }

    public int readRequests() {
        return readRequests.get();
    }

    public int finishedWrites() {
        return finishedWrites.get();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    public List<Write> writesOpened() {
        return List.copyOf(writesOpened);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (FramedSocket conn = FramedSocket.wrap(s, PeerLink.DATA)) {
            while (true) {
                RawPacket p = conn.receive();
                DataMessage m = p.decode(DataMessages::decode);
                switch (m) {
                    case Read r -> {
                        if (!read(conn, r)) {
                            return;
                        }
                    }
                    case Write w -> {
                        writesOpened.add(w);
                        boolean refuse = fault == Fault.ERROR_STATUS
                                || refuseNextWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                        conn.send(new WriteStatus(w.chunkId(), 0, refuse ? MfsStatus.CANTCONNECT : MfsStatus.OK));
                    }
                    case WriteData d -> {
                        if (dataDelayNanos > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(dataDelayNanos);
                        }
                        conn.send(new WriteStatus(d.chunkId(), d.writeId(), store(d)));
                    }
                    case WriteFinish f -> finishedWrites.incrementAndGet();
                    default -> throw new IOException("fake chunkserver does not handle " + m);
                }
            }
        } catch (Exception e) {
            // the client went away or the test closed us
        }
    }

    private MfsStatus store(WriteData d) {
        if (!d.crcMatches()) {
            return MfsStatus.CRC;
        }
        if (failNextData.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return MfsStatus.IO;
        }
        int pos = d.block() * ChunkGeometry.BLOCK_SIZE + d.offset();
        chunks.compute(d.chunkId(), (id, old) -> {
            byte[] b = old == null ? new byte[0] : old;
            if (b.length < pos + d.data().length()) {
                b = Arrays.copyOf(b, pos + d.data().length());
            }
            System.arraycopy(d.data().unsafeArray(), 0, b, pos, d.data().length());
            return b;
        });
        return MfsStatus.OK;
    }

    /** Serves one read; false when the connection must end (a fault). */
    private boolean read(FramedSocket conn, Read r) throws IOException {
        readRequests.incrementAndGet();
        byte[] data = chunks.get(r.chunkId());
        if (data == null || fault == Fault.ERROR_STATUS) {
            conn.send(new ReadStatus(r.chunkId(), data == null ? MfsStatus.NOCHUNK : MfsStatus.IO));
            return true;
        }
        int pos = r.offset();
        int end = r.offset() + r.size();
        int packets = 0;
        while (pos < end) {
            int inBlock = pos & (ChunkGeometry.BLOCK_SIZE - 1);
            int n = Math.min(ChunkGeometry.BLOCK_SIZE - inBlock, end - pos);
            byte[] slice = new byte[n];
            if (pos < data.length) {
                System.arraycopy(data, pos, slice, 0, Math.min(n, data.length - pos));
            }
            ReadData packet = ReadData.of(r.chunkId(), pos >>> ChunkGeometry.BLOCK_BITS, inBlock, ByteString.wrap(slice));
            if (fault == Fault.BAD_CRC) {
                packet = new ReadData(packet.chunkId(), packet.block(), packet.offset(), packet.crc() ^ 1,
                        packet.data());
            }
            if (fault == Fault.MORE_THAN_ASKED && packets == 0 && n < ChunkGeometry.BLOCK_SIZE - inBlock) {
                packet = ReadData.of(r.chunkId(), packet.block(), inBlock, ByteString.wrap(Arrays.copyOf(slice, n + 1)));
            }
            if (fault == Fault.WRONG_BLOCK && packets == 0) {
                packet = ReadData.of(r.chunkId(), packet.block() + 1, inBlock, packet.data());
            }
            conn.send(packet);
            packets++;
            pos += n;
            if (fault == Fault.CLOSE_MID_READ && packets == 1) {
                return false;
            }
        }
        conn.send(new ReadStatus(r.chunkId(), MfsStatus.OK));
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
