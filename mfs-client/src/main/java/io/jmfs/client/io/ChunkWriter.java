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
 * Writes a byte range of one chunk through its chain of chunkservers: CLTOCS_WRITE to the first copy naming the
 * rest, which the chain confirms with writeid 0; then WRITE_DATA packets (never crossing a 64 KiB block) streamed
 * with up to {@link #WINDOW} unacknowledged, each acknowledged by a WRITE_STATUS once every copy has it; then
 * WRITE_FINISH, after which the connection goes back to the pool for the next read or write. Any error fails the
 * whole range (and closes the connection): the caller ends the chunk operation at the master and retries.
 */
public final class ChunkWriter {
    /** Unacknowledged WRITE_DATA packets in flight (8 MiB); acks are tiny, so neither side can block the other. */
    static final int WINDOW = 128;
    private static final int BURST = 16;

    private final ChunkserverPool pool;

    public ChunkWriter(ChunkserverPool pool) {
        this.pool = pool;
    }

    public void write(ChunkData chunk, int offset, byte[] src, int srcOff, int len) throws IOException {
        if (offset < 0 || len < 0 || (long) offset + len > ChunkGeometry.CHUNK_SIZE) {
            throw new IllegalArgumentException("range " + offset + "+" + len + " is not inside a chunk");
        }
        List<ChunkLocation> chain = chunk.locations();
        if (chain.isEmpty()) {
            throw new IOException("the master gave no chunkserver for chunk " + Long.toHexString(chunk.chunkId()));
        }
        ChunkLocation head = chain.getFirst();
        List<ChainLink> rest = chain.subList(1, chain.size()).stream()
                .map(l -> new ChainLink(l.ip(), l.port())).toList();
        InetSocketAddress address = ChunkserverPool.address(head);
        FramedSocket socket = pool.borrow(address);
        boolean clean = false;
        try {
            socket.send(new Write(true, chunk.chunkId(), chunk.version(), rest));
            expectAck(socket, chunk, 0, head);
            int writeId = 0;
            int acked = 0;
            int pos = offset;
            int end = offset + len;
            while (pos < end) {
                int inBlock = pos & (ChunkGeometry.BLOCK_SIZE - 1);
                int n = Math.min(ChunkGeometry.BLOCK_SIZE - inBlock, end - pos);
                int from = srcOff + (pos - offset);
                socket.writeData(chunk.chunkId(), ++writeId, ChunkGeometry.blockIndex(pos), inBlock, src, from, n);
                pos += n;
                if (writeId % BURST == 0 || pos == end) {
                    socket.flush();
                }
                while (writeId - acked >= WINDOW) {
                    expectAck(socket, chunk, -1, head);
                    acked++;
                }
            }
            while (acked < writeId) {
                expectAck(socket, chunk, -1, head);
                acked++;
            }
            socket.send(new WriteFinish(chunk.chunkId(), chunk.version()));
            clean = true;
        } finally {
            // after WRITE_FINISH the chunkserver expects the next operation on the same connection (as mfsmount
            // reuses it): keeping it saves a connect per chunk write, which dominates writing small files
            if (clean) {
                pool.giveBack(address, socket);
            } else {
                socket.close();
            }
        }
    }

    /** Waits for one WRITE_STATUS (of {@code writeId}, or any data packet when -1) and fails on an error status. */
    private static void expectAck(FramedSocket socket, ChunkData chunk, int writeId, ChunkLocation head)
            throws IOException {
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
            if (writeId >= 0 && status.writeId() != writeId) {
                throw new IOException("expected writeid " + writeId + ", got " + status.writeId());
            }
            return;
        }
    }
}
