package io.jmfs.client.io;

import io.jmfs.client.cache.ChunkLocationCache;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write-back buffer of one open file. Writes land in a buffer holding one contiguous dirty extent; the extent goes to
 * the chunkservers when the buffer is full, when a write is not contiguous with it, and on {@link #flush} (which
 * fsync and close call). A full buffer is written in the background while the next one fills (at most one in flight,
 * so extents reach the servers in write order); an error of a background write is reported by the next write or
 * flush. Each extent is written chunk by chunk: WRITE_CHUNK, the chain write, WRITE_CHUNK_END with the new length;
 * a failed chain is retried with a fresh WRITE_CHUNK (the master then picks the copies and version again).
 */
public final class FileWriter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileWriter.class);
    /** The first buffer of a handle; it doubles up to the full buffer size as writes continue. */
    static final int INITIAL_BUFFER = 64 * 1024;
    private final int inode;
    private final ChunkMaster master;
    private final ChunkWriter writer;
    private final ChunkLocationCache cache;
    private final Retry retry;
    private final ExecutorService background;
    private final int bufferSize;
    private final int chunkOpFlags;
    private final AtomicLong length;
    private byte[] buffer;
    /** The size a new buffer starts at: that of the last one handed off, so a streaming writer stops growing. */
    private int startSize = INITIAL_BUFFER;
    private long extentStart;
    private int extentLength;
    private Future<byte[]> inFlight;
    /** The buffer of the last finished background write, for the next extent (streaming writers reuse it). */
    private byte[] spare;

    /**
     * @param background runs write-behind; null writes full buffers in the caller's thread
     * @param chunkOpFlags WRITE_CHUNK flags (CANUSERESERVESPACE for root writers)
     */
    public FileWriter(int inode, ChunkMaster master, ChunkWriter writer, ChunkLocationCache cache,
                      ExecutorService background, long initialLength, int bufferSize, int chunkOpFlags,
                      Retry retry) {
        this.retry = retry;
        if (bufferSize < ChunkGeometry.BLOCK_SIZE) {
            throw new IllegalArgumentException("write buffer must hold at least one block: " + bufferSize);
        }
        this.inode = inode;
        this.master = master;
        this.writer = writer;
        this.cache = cache;
        this.background = background;
        this.bufferSize = bufferSize;
        this.chunkOpFlags = chunkOpFlags;
        this.length = new AtomicLong(initialLength);
    }

    public void write(long pos, byte[] src, int off, int len) throws IOException {
        if (len < 0 || off < 0 || off + len > src.length) {
            throw new IndexOutOfBoundsException("write of " + len + " bytes at offset " + off + " of an array of "
                    + src.length);
        }
        write(pos, MemorySegment.ofArray(src).asSlice(off, len));
    }

    /**
     * Buffers the bytes of {@code src} (heap or native memory, e.g. the kernel's request buffer: copied once, straight
     * into the write buffer) for position {@code pos}.
     */
    public synchronized void write(long pos, MemorySegment src) throws IOException {
        long total = src.byteSize();
        if (pos < 0 || pos + total > ChunkGeometry.MAX_FILE_LENGTH) {
            throw new IndexOutOfBoundsException("write of " + total + " at " + pos);
        }
        long off = 0;
        long len = total;
        while (len > 0) {
            if (extentLength > 0 && pos != extentStart + extentLength) {
                handOff();
            }
            if (extentLength == 0) {
                extentStart = pos;
            }
            int n = (int) Math.min(len, bufferSize - extentLength);
            ensureCapacity(extentLength + n);
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, off, buffer, extentLength, n);
            extentLength += n;
            pos += n;
            off += n;
            len -= n;
            if (extentLength == bufferSize) {
                handOff();
            }
        }
    }

    /**
     * Grows the buffer to hold {@code needed} bytes, doubling from {@link #INITIAL_BUFFER}: a small file costs a small
     * buffer, not a zeroed {@code bufferSize} array (which for thousands of small files costs more than their I/O).
     */
    private void ensureCapacity(int needed) {
        if (buffer != null && buffer.length >= needed) {
            return;
        }
        int size = buffer == null ? Math.min(startSize, bufferSize) : buffer.length;
        while (size < needed) {
            size = (int) Math.min((long) size * 2, bufferSize);
        }
        if (buffer == null && spare != null && spare.length >= size) {
            buffer = spare; // the buffer of the last background write: no fresh (zeroed) array per extent
            spare = null;
            return;
        }
        buffer = buffer == null ? new byte[size] : Arrays.copyOf(buffer, size);
    }

    /** Writes every buffered byte and waits for it: after this returns, other clients can read the data. */
    public synchronized void flush() throws IOException {
        awaitInFlight();
        spare = null; // a file at rest keeps at most its current buffer
        if (extentLength > 0) {
            writeExtent(extentStart, buffer, extentLength);
            extentLength = 0;
        }
    }

    /** Whether some written bytes have not reached the chunkservers yet. */
    public synchronized boolean dirty() {
        return extentLength > 0 || inFlight != null;
    }

    /** The file length including buffered writes. */
    public synchronized long length() {
        return Math.max(length.get(), extentStart + extentLength);
    }

    /** Takes note of a length the master reported (open, truncate). */
    public synchronized void knownLength(long l) {
        length.set(l);
    }

    /** Sends the current extent on its way (in the background when possible) and starts an empty buffer. */
    private void handOff() throws IOException {
        awaitInFlight();
        if (extentLength == 0) {
            return;
        }
        long start = extentStart;
        byte[] data = buffer;
        startSize = data.length;
        int n = extentLength;
        buffer = null;
        extentLength = 0;
        if (background == null) {
            writeExtent(start, data, n);
            return;
        }
        inFlight = background.submit(() -> {
            writeExtent(start, data, n);
            return data;
        });
    }

    private void awaitInFlight() throws IOException {
        Future<byte[]> f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        try {
            spare = f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("background write failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a background write");
        }
    }

    private void writeExtent(long start, byte[] data, int n) throws IOException {
        int done = 0;
        while (done < n) {
            long pos = start + done;
            int index = ChunkGeometry.chunkIndex(pos);
            int inChunk = ChunkGeometry.offsetInChunk(pos);
            int piece = Math.min(n - done, ChunkGeometry.CHUNK_SIZE - inChunk);
            writeChunkPiece(index, inChunk, data, done, piece);
            done += piece;
        }
    }

    private void writeChunkPiece(int index, int inChunk, byte[] data, int off, int len) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            if (attempt > 1) {
                retry.pause(attempt - 1);
            }
            ChunkReply chunk;
            try {
                chunk = master.writeChunk(inode, index, chunkOpFlags);
            } catch (IOException e) {
                if (!Retry.isTemporary(e)) {
                    throw e;
                }
                last = e;
                continue;
            }
            long end = (long) index * ChunkGeometry.CHUNK_SIZE + inChunk + len;
            long newLength = Math.max(Math.max(chunk.fileLength(), length.get()), end);
            boolean written = false;
            try {
                writer.write(chunk.chunk(), inChunk, data, off, len);
                written = true;
            } catch (IOException e) {
                last = e;
            } finally {
                cache.invalidate(inode, index);
                master.writeChunkEnd(chunk.chunk().chunkId(), inode, index,
                        written ? newLength : Math.max(chunk.fileLength(), length.get()), 0);
            }
            if (written) {
                length.accumulateAndGet(newLength, Math::max);
                return;
            }
            LOG.info("writing chunk {} of inode {} through {} failed ({}); retrying with a new WRITE_CHUNK", index,
                    inode, chunk.chunk().locations().stream().map(l -> l.address() + ":" + l.port()).toList(),
                    last.getMessage());
        }
        throw new IOException("writing inode " + inode + " chunk " + index + " failed " + retry.attempts()
                + " times: " + last.getMessage(), last);
    }
}
