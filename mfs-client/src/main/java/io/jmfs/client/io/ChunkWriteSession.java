package io.jmfs.client.io;

import io.jmfs.client.MfsException;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import io.jmfs.protocol.msg.data.DataMessage;
import io.jmfs.protocol.msg.data.DataMessage.ChainLink;
import io.jmfs.protocol.msg.data.DataMessage.Write;
import io.jmfs.protocol.msg.data.DataMessage.WriteFinish;
import io.jmfs.protocol.msg.data.DataMessage.WriteStatus;
import io.jmfs.protocol.msg.data.DataMessages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One chunk write in progress through the chunk's chain of chunkservers. {@link #open} sends CLTOCS_WRITE to the first
 * copy naming the rest and waits until the chain confirms it (writeid 0); {@link #send} streams WRITE_DATA packets
 * (never crossing a 64 KiB block) with up to {@link #WINDOW} unacknowledged, each acknowledged by a WRITE_STATUS once
 * every copy has it; {@link #finish} sends WRITE_FINISH, after which the connection goes back to the pool for the next
 * read or write (as mfsmount reuses it: a connect per chunk write would dominate writing small files).
 *
 * <p>A session stays open across many {@link #send}s, so a file written piece by piece costs one chain set-up per
 * chunk, not one per piece. Any error breaks the session: the caller {@link #abort}s it, ends the chunk operation at
 * the master and retries with a fresh one. Not thread-safe: one writer at a time.
 */
public final class ChunkWriteSession {
    /** Unacknowledged WRITE_DATA packets in flight (8 MiB); acks are tiny, so neither side can block the other. */
    static final int WINDOW = 128;
    private static final int BURST = 16;

    private final ChunkserverPool pool;
    private final ChunkData chunk;
    private final ChunkLocation head;
    private final InetSocketAddress address;
    private final FramedSocket socket;
    private int writeId;
    private int acked;
    private boolean closed;

    private ChunkWriteSession(ChunkserverPool pool, ChunkData chunk, ChunkLocation head, InetSocketAddress address,
                              FramedSocket socket) {
        this.pool = pool;
        this.chunk = chunk;
        this.head = head;
        this.address = address;
        this.socket = socket;
    }

    /** Opens the chain for {@code chunk} (its version and copies as the master's WRITE_CHUNK answer gave them). */
    public static ChunkWriteSession open(ChunkserverPool pool, ChunkData chunk) throws IOException {
        List<ChunkLocation> chain = chunk.locations();
        if (chain.isEmpty()) {
            throw new IOException("the master gave no chunkserver for chunk " + Long.toHexString(chunk.chunkId()));
        }
        ChunkLocation head = chain.getFirst();
        List<ChainLink> rest = chain.subList(1, chain.size()).stream()
                .map(l -> new ChainLink(l.ip(), l.port())).toList();
        InetSocketAddress address = ChunkserverPool.address(head);
        FramedSocket socket = pool.borrow(address);
        ChunkWriteSession session = new ChunkWriteSession(pool, chunk, head, address, socket);
        try {
            socket.send(new Write(true, chunk.chunkId(), chunk.version(), rest));
            session.expectAck(0);
        } catch (IOException | RuntimeException e) {
            session.abort();
            throw e;
        }
        return session;
    }

    public ChunkData chunk() {
        return chunk;
    }

    /**
     * Streams {@code src[srcOff, srcOff+len)} to {@code offset} of the chunk. Returns once every packet is sent; some
     * may still be unacknowledged: {@link #drain} waits for them. Returns the write id of the last packet: the range
     * is on every copy once {@link #acknowledged} reaches it.
     */
    public int send(int offset, byte[] src, int srcOff, int len) throws IOException {
        if (offset < 0 || len < 0 || (long) offset + len > ChunkGeometry.CHUNK_SIZE) {
            throw new IllegalArgumentException("range " + offset + "+" + len + " is not inside a chunk");
        }
        ensureOpen();
        int pos = offset;
        int end = offset + len;
        int sinceFlush = 0;
        while (pos < end) {
            int inBlock = pos & (ChunkGeometry.BLOCK_SIZE - 1);
            int n = Math.min(ChunkGeometry.BLOCK_SIZE - inBlock, end - pos);
            socket.writeData(chunk.chunkId(), ++writeId, ChunkGeometry.blockIndex(pos), inBlock, src,
                    srcOff + (pos - offset), n);
            pos += n;
            if (++sinceFlush == BURST || pos == end) {
                socket.flush();
                sinceFlush = 0;
            }
            while (writeId - acked >= WINDOW) {
                if (sinceFlush > 0) {
                    // the buffer may end in part of a frame: the real chunkserver reads a frame whole before it
                    // answers anything, so waiting with it unsent stalled both sides for its 5 s read timeout
                    socket.flush();
                    sinceFlush = 0;
                }
                expectAck(-1);
                acked++;
            }
        }
        return writeId;
    }

    /**
     * How many packets every copy has acknowledged: the chain answers in order, so all write ids up to this one. Acks
     * that have arrived are taken in without waiting for more.
     */
    public int acknowledged() throws IOException {
        ensureOpen();
        while (acked < writeId && socket.hasInput()) {
            expectAck(-1);
            acked++;
        }
        return acked;
    }

    /** Waits until every copy has acknowledged every packet sent so far. */
    public void drain() throws IOException {
        ensureOpen();
        while (acked < writeId) {
            expectAck(-1);
            acked++;
        }
    }

    /** Drains, then ends the chunk write with WRITE_FINISH and gives the connection back to the pool. */
    public void finish() throws IOException {
        drain();
        socket.send(new WriteFinish(chunk.chunkId(), chunk.version()));
        closed = true;
        pool.giveBack(address, socket);
    }

    /** Whether the session can still take data: neither finished nor aborted. */
    public boolean isOpen() {
        return !closed;
    }

    /** Drops the session after an error: the connection is closed, not reused. */
    public void abort() {
        if (!closed) {
            closed = true;
            socket.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the write session of chunk " + Long.toHexString(chunk.chunkId())
                    + " has ended");
        }
    }

    /** Waits for one WRITE_STATUS (of {@code id}, or any data packet when -1) and fails on an error status. */
    private void expectAck(int id) throws IOException {
        while (true) {
            RawPacket p = socket.receive();
            if (p.type() == MessageType.ANTOAN_NOP.id()) {
                continue;
            }
            DataMessage m;
            try {
                m = p.decode(DataMessages::decode);
            } catch (MalformedPacketException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (!(m instanceof WriteStatus status) || status.chunkId() != chunk.chunkId()) {
                throw new IOException("unexpected " + p + " from " + head.address() + " during a write");
            }
            if (!status.status().isOk()) {
                throw new MfsException(status.status(), "write to chunk " + Long.toHexString(chunk.chunkId())
                        + " via " + head.address() + " (writeid " + status.writeId() + ")");
            }
            if (id >= 0 && status.writeId() != id) {
                throw new IOException("expected writeid " + id + ", got " + status.writeId());
            }
            return;
        }
    }
}
