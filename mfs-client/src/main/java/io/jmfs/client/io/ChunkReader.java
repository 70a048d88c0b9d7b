package io.jmfs.client.io;

import io.jmfs.client.MfsException;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.Crc32;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.data.DataMessage;
import io.jmfs.protocol.msg.data.DataMessage.Read;
import io.jmfs.protocol.msg.data.DataMessage.ReadStatus;
import io.jmfs.protocol.msg.data.DataMessages;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a byte range of one chunk from its chunkservers (CLTOCS_READ, then READ_DATA packets and a READ_STATUS).
 * Every packet's CRC is checked against the bytes it carries, and its position must be the next expected one. When a
 * copy fails (connection refused or lost, timeout, bad CRC, error status) the read goes on from the same byte at the
 * next copy; copies are tried starting at a rotating index so that parallel readers spread over the servers.
 */
public final class ChunkReader {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkReader.class);

    private final ChunkserverPool pool;
    private final AtomicInteger rotation = new AtomicInteger();

    public ChunkReader(ChunkserverPool pool) {
        this.pool = pool;
    }

    /** Bytes delivered so far into the caller's buffer; survives a switch to another copy. */
    private static final class Progress {
        int done;
    }

    /**
     * Fills {@code dst[dstOff, dstOff+len)} with the chunk's bytes at {@code offset}.
     *
     * @throws IOException when no copy could deliver the whole range (the last copy's error, others suppressed)
     */
    public void read(ChunkData chunk, int offset, byte[] dst, int dstOff, int len) throws IOException {
        if (offset < 0 || len < 0 || (long) offset + len > ChunkGeometry.CHUNK_SIZE) {
            throw new IllegalArgumentException("range " + offset + "+" + len + " is not inside a chunk");
        }
        List<ChunkLocation> copies = rotated(chunk.locations());
        if (copies.isEmpty()) {
            throw new IOException("chunk " + Long.toHexString(chunk.chunkId()) + " has no valid copy");
        }
        Progress progress = new Progress();
        IOException failure = null;
        for (ChunkLocation copy : copies) {
            try {
                readFrom(copy, chunk, offset, dst, dstOff, len, progress);
                return;
            } catch (IOException e) {
                LOG.info("reading chunk {} from {} failed after {} of {} bytes ({}); trying the next copy",
                        Long.toHexString(chunk.chunkId()), copy.address(), progress.done, len, e.getMessage());
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw failure;
    }

    private List<ChunkLocation> rotated(List<ChunkLocation> locations) {
        List<ChunkLocation> out = new ArrayList<>(locations.size());
        int start = locations.isEmpty() ? 0 : Math.floorMod(rotation.getAndIncrement(), locations.size());
        for (int i = 0; i < locations.size(); i++) {
            out.add(locations.get((start + i) % locations.size()));
        }
        return out;
    }

    private void readFrom(ChunkLocation copy, ChunkData chunk, int offset, byte[] dst, int dstOff, int len,
                          Progress progress) throws IOException {
        InetSocketAddress address = ChunkserverPool.address(copy);
        int start = offset + progress.done;
        int size = len - progress.done;
        FramedSocket socket = pool.borrow(address);
        boolean clean = false;
        try {
            socket.send(new Read(true, chunk.chunkId(), chunk.version(), start, size));
            int expected = start;
            int end = start + size;
            while (true) {
                // block data lands in dst where it belongs if it is the expected block; checked before it counts
                int at = dstOff + (expected - offset);
                Received received = socket.receiveRead(dst, at, end - expected);
                if (received instanceof ReadDataPlaced data) {
                    int position = data.block() * ChunkGeometry.BLOCK_SIZE + data.offset();
                    int n = data.size();
                    if (data.chunkId() != chunk.chunkId() || position != expected) {
                        throw new IOException("out-of-sequence data from " + copy.address() + ": chunk "
                                + Long.toHexString(data.chunkId()) + " at " + position + "+" + n + ", expected "
                                + expected);
                    }
                    if (Crc32.of(dst, at, n) != data.crc()) {
                        throw new IOException("CRC mismatch in block " + data.block() + " from " + copy.address());
                    }
                    expected += n;
                    progress.done += n;
                    continue;
                }
                RawPacket p = (RawPacket) received;
                if (p.type() == MessageType.ANTOAN_NOP.id()) {
                    continue; // a slow disk: the chunkserver keeps the connection alive
                }
                DataMessage m = decode(p);
                if (m instanceof ReadStatus status) {
                    if (!status.status().isOk()) {
                        throw new MfsException(status.status(), "read from " + copy.address());
                    }
                    if (expected != end) {
                        throw new IOException(copy.address() + " ended the read at " + expected + " of " + end);
                    }
                    clean = true;
                    return;
                } else {
                    throw new IOException("unexpected " + p + " from " + copy.address() + " during a read");
                }
            }
        } finally {
            if (clean) {
                pool.giveBack(address, socket);
            } else {
                socket.close();
            }
        }
    }

    private static DataMessage decode(RawPacket p) throws IOException {
        try {
            return p.decode(DataMessages::decode);
        } catch (MalformedPacketException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
