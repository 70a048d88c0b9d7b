package io.jmfs.client.io;

import io.jmfs.client.cache.ChunkLocationCache;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write-back buffer of one open file. Writes land in a buffer holding one contiguous dirty extent. The extent goes to
 * the chunkservers as soon as nothing else is on its way (so a small file's data travels while the program goes on to
 * its next call, as mfsmount's write-behind does), when the buffer is full, when a write is not contiguous with it,
 * and on {@link #flush} (which fsync and close call). At most one extent is in flight, written in the background
 * while the next one fills, so extents reach the servers in write order; an error of a background write is reported
 * by the next write or flush.
 *
 * <p>Extents go through one {@link ChunkWriteSession} per chunk, which stays open from one extent to the next: a
 * stream of extents costs one WRITE_CHUNK, one chain set-up and one WRITE_CHUNK_END per chunk, not per extent, and
 * the next extent's packets follow the last one's without waiting for its acknowledgements. The session ends
 * (WRITE_FINISH, then WRITE_CHUNK_END with the length every copy confirmed) when the writer moves to another chunk
 * (in the background, while the next chunk's data goes out; one chunk ends at a time, and the next chunk change or
 * flush waits for it and reports its failure), on {@link #flush}, and when the file has been idle for
 * {@link #IDLE_END} (mfsmount's write worker idle time), so
 * that the master learns the length and other clients see the data of a file that stays open. Sent pieces keep their
 * buffer until every copy confirmed them: when a chain breaks, the session is dropped and the pieces not yet
 * confirmed are sent again through a fresh WRITE_CHUNK (the master then picks the copies and version again). A
 * buffer goes back to the writer only after its last piece is confirmed.
 */
public final class FileWriter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileWriter.class);
    /** The first buffer of a handle; it doubles up to the full buffer size as writes continue. */
    static final int INITIAL_BUFFER = 64 * 1024;
    /** How long an open chunk write may wait for more data before it is ended. */
    static final Duration IDLE_END = Duration.ofMillis(100);
    private final int inode;
    private final ChunkMaster master;
    private final ChunkserverPool pool;
    private final ChunkLocationCache cache;
    private final Retry retry;
    private final ExecutorService background;
    private final ScheduledExecutorService timer;
    private final int bufferSize;
    private final int chunkOpFlags;
    private final AtomicLong length;
    private byte[] buffer;
    /** The size a new buffer starts at: that of the last one handed off, so a streaming writer stops growing. */
    private int startSize = INITIAL_BUFFER;
    private long extentStart;
    private int extentLength;
    private Future<?> inFlight;
    /** Where the extent in flight ends: the file is at least that long until its write reports the length. */
    private long inFlightEnd;
    /**
     * Buffers every copy has confirmed, for the next extents (the writer's, under this object's lock). A streaming
     * writer reuses them instead of zeroing a fresh array per extent: fresh arrays of this size cost page faults and
     * the collector's humongous-object work, and a 1 GiB write used to allocate a few hundred MiB of them.
     */
    private final ArrayDeque<byte[]> spares = new ArrayDeque<>();
    private int bufferReuses;
    /** An error of a write that ended an idle session, reported by the next write or flush. */
    private IOException deferred;
    private long lastWriteNanos;
    private boolean idleCheckPending;

    // The chunk writes are the session owner's: the extent in flight's, or this object's lock holder's when nothing
    // is in flight (as are freed and sentEnd's updates).
    /** The write of the chunk the data goes to now. */
    private ChunkStream stream;
    /** The previous chunk's write, ending in the background while the next chunk's data goes out. */
    private Future<ChunkStream> ending;
    /**
     * Buffers whose last piece every copy confirmed (the session owner's): they go to {@link #spares} once nothing is
     * in flight. Every one is kept, not just the last: with small extents several are confirmed during one send.
     */
    private final ArrayDeque<byte[]> freed = new ArrayDeque<>();
    /** How many spare buffers a writer keeps: an extent filling, one in flight, and those awaiting confirmation. */
    static final int MAX_SPARES = 4;
    /** Where the data sent so far ends, confirmed or not. */
    private final AtomicLong sentEnd = new AtomicLong();

    /**
     * @param background runs write-behind; null writes every extent in the caller's thread
     * @param timer ends idle chunk writes; null leaves them open until the next flush or chunk change
     * @param chunkOpFlags WRITE_CHUNK flags (CANUSERESERVESPACE for root writers)
     */
    public FileWriter(int inode, ChunkMaster master, ChunkserverPool pool, ChunkLocationCache cache,
                      ExecutorService background, ScheduledExecutorService timer, long initialLength, int bufferSize,
                      int chunkOpFlags, Retry retry) {
        this.retry = retry;
        if (bufferSize < ChunkGeometry.BLOCK_SIZE) {
            throw new IllegalArgumentException("write buffer must hold at least one block: " + bufferSize);
        }
        this.inode = inode;
        this.master = master;
        this.pool = pool;
        this.cache = cache;
        this.background = background;
        this.timer = timer;
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
        throwDeferred();
        lastWriteNanos = System.nanoTime();
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
        if (background != null && extentLength > 0 && (inFlight == null || inFlight.isDone())) {
            handOff(); // nothing on its way: start this extent now rather than at the next flush
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
        if (buffer == null) {
            byte[] reused = takeSpare(size);
            if (reused != null) {
                bufferReuses++;
                buffer = reused;
                return;
            }
        }
        buffer = buffer == null ? new byte[size] : Arrays.copyOf(buffer, size);
    }

    /** Writes every buffered byte and waits for it: after this returns, other clients can read the data. */
    public synchronized void flush() throws IOException {
        try {
            awaitInFlight();
            throwDeferred();
            spares.clear(); // a file at rest keeps at most its current buffer
            if (extentLength > 0) {
                int n = extentLength;
                extentLength = 0;
                writeExtent(extentStart, buffer, n, false);
            }
        } finally {
            endStreams();
            freed.clear();
        }
    }

    /** Whether some written bytes have not reached the chunkservers, or the master has not learnt the length yet. */
    public synchronized boolean dirty() {
        return extentLength > 0 || inFlight != null || stream != null || ending != null;
    }

    /** The file length including buffered writes. */
    public synchronized long length() {
        long l = Math.max(length.get(), sentEnd.get());
        if (extentLength > 0) {
            l = Math.max(l, extentStart + extentLength);
        }
        if (inFlight != null) {
            l = Math.max(l, inFlightEnd);
        }
        return l;
    }

    /** Takes note of a length the master reported (open, truncate). */
    public synchronized void knownLength(long l) {
        length.set(l);
        sentEnd.set(l);
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
            writeExtent(start, data, n, false);
            return;
        }
        inFlightEnd = start + n;
        inFlight = background.submit(() -> {
            writeExtent(start, data, n, true);
            return null;
        });
        scheduleIdleCheck(IDLE_END.toNanos());
    }

    private void awaitInFlight() throws IOException {
        Future<?> f = inFlight;
        if (f == null) {
            keepFreed();
            return;
        }
        inFlight = null;
        await(f, "a background write");
        keepFreed(); // nothing in flight: this thread owns the session and its freed buffers now
    }

    /** The result of a background task; its failure (an I/O error as it was thrown) is the caller's. */
    private static <T> T await(Future<T> f, String what) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + what);
        }
    }

    private void keepFreed() {
        if (stream != null) {
            collectFreed(stream);
        }
        for (byte[] b = freed.poll(); b != null; b = freed.poll()) {
            if (spares.size() < MAX_SPARES) {
                spares.add(b);
            }
        }
    }

    /** A spare buffer of at least {@code size} bytes, or null; smaller ones are left to the collector. */
    private byte[] takeSpare(int size) {
        for (byte[] b = spares.poll(); b != null; b = spares.poll()) {
            if (b.length >= size) {
                return b;
            }
        }
        return null;
    }

    /** How many extents so far started in a confirmed buffer instead of a fresh one (for tests). */
    synchronized int bufferReuses() {
        return bufferReuses;
    }

    private void throwDeferred() throws IOException {
        IOException e = deferred;
        if (e != null) {
            deferred = null;
            throw e;
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        if (timer != null && !idleCheckPending) {
            idleCheckPending = true;
            try {
                timer.schedule(this::endIfIdle, Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                idleCheckPending = false; // the client is closing: flush or close ends the session
            }
        }
    }

    /** Ends the open chunk write once no data has come for {@link #IDLE_END}, sending what is buffered first. */
    private synchronized void endIfIdle() {
        idleCheckPending = false;
        if (inFlight != null && !inFlight.isDone()) {
            scheduleIdleCheck(IDLE_END.toNanos());
            return;
        }
        try {
            awaitInFlight();
            if (stream == null && ending == null && extentLength == 0) {
                return;
            }
            long idle = System.nanoTime() - lastWriteNanos;
            if (idle < IDLE_END.toNanos()) {
                scheduleIdleCheck(IDLE_END.toNanos() - idle);
            } else if (extentLength > 0) {
                handOff();
            } else {
                endStreams();
                freed.clear(); // an idle file keeps at most its current buffer
                spares.clear();
            }
        } catch (IOException e) {
            if (deferred == null) {
                deferred = e;
            }
        }
    }

    /**
     * Sends an extent chunk by chunk. {@code handedOff}: {@code data} is a buffer this writer has let go of, which may
     * become the next spare once every copy has it (not the buffer the writer keeps filling).
     */
    private void writeExtent(long start, byte[] data, int n, boolean handedOff) throws IOException {
        int done = 0;
        while (done < n) {
            long pos = start + done;
            int index = ChunkGeometry.chunkIndex(pos);
            int inChunk = ChunkGeometry.offsetInChunk(pos);
            int piece = Math.min(n - done, ChunkGeometry.CHUNK_SIZE - inChunk);
            if (stream != null && stream.index != index) {
                retireStream();
            }
            if (stream == null) {
                stream = new ChunkStream(index);
            }
            // only the extent's last piece frees its buffer: an earlier one acknowledged at a chunk change does not
            stream.write(new Piece(data, done, piece, inChunk, pos + piece, handedOff && done + piece == n));
            done += piece;
        }
    }

    /**
     * Lets the current chunk's write end in the background (its last acknowledgements, WRITE_FINISH, WRITE_CHUNK_END)
     * while the next chunk's data goes out. Ending it in line left the chain idle at every chunk boundary, for 2-3 %
     * of a long write; mfsmount too writes several chunks of a file at once. One chunk ends at a time.
     */
    private void retireStream() throws IOException {
        ChunkStream old = stream;
        stream = null;
        awaitEnding();
        if (background == null) {
            old.end();
            collectFreed(old);
            return;
        }
        ending = background.submit(() -> {
            old.end();
            return old;
        });
    }

    /** Waits until the previous chunk's write has ended; its failure is this call's. */
    private void awaitEnding() throws IOException {
        Future<ChunkStream> f = ending;
        if (f == null) {
            return;
        }
        ending = null;
        collectFreed(await(f, "the end of a chunk write"));
    }

    /** Ends every chunk write: the one ending in the background, then the current one. */
    private void endStreams() throws IOException {
        try {
            awaitEnding();
        } finally {
            ChunkStream s = stream;
            if (s != null) {
                s.end(); // a failure keeps it: the next flush tries again
                stream = null;
                collectFreed(s);
            }
        }
    }

    private void collectFreed(ChunkStream s) {
        for (byte[] b = s.freed.poll(); b != null; b = s.freed.poll()) {
            freed.add(b);
        }
    }

    /** A range of one chunk, sent through the open session. */
    private static final class Piece {
        final byte[] data;
        final int off;
        final int len;
        final int inChunk;
        final long end;
        /** The last piece of a buffer the writer let go of: once every copy has it, the buffer is free. */
        final boolean freesBuffer;
        /** Sent once: from then on only a broken chain's resend sends it again. */
        boolean queued;

        Piece(byte[] data, int off, int len, int inChunk, long end, boolean freesBuffer) {
            this.data = data;
            this.off = off;
            this.len = len;
            this.inChunk = inChunk;
            this.end = end;
            this.freesBuffer = freesBuffer;
        }
    }

    /** A piece on its way, with the write id that acknowledges its last packet. */
    private record Sent(Piece piece, int lastWriteId) {}

    private interface SessionStep {
        void run() throws IOException;
    }

    /**
     * The write of one chunk: its session with the chain and the pieces sent through it that not every copy has
     * confirmed yet. Belongs to the session owner while it is {@link #stream}, then to the task that ends it.
     */
    private final class ChunkStream {
        final int index;
        private ChunkWriteSession session;
        /** Pieces sent through the session that not every copy has confirmed yet, oldest first. */
        private final ArrayDeque<Sent> unacked = new ArrayDeque<>();
        /** Whether the session was opened after a broken one, with {@link #unacked} still to send again. */
        private boolean resendPending;
        /** The file length to report when the chunk write ends: what the master said, and every acknowledged piece. */
        private long sessionLength;
        /** Buffers whose last piece every copy confirmed. */
        final ArrayDeque<byte[]> freed = new ArrayDeque<>();

        ChunkStream(int index) {
            this.index = index;
        }

        void write(Piece p) throws IOException {
            withRetries(() -> {
                if (p.queued) {
                    takeAcknowledged(session.acknowledged()); // sent before an ack failed: the resend covered it
                } else {
                    send(p);
                }
            });
        }

        private void send(Piece p) throws IOException {
            int last = session.send(p.inChunk, p.data, p.off, p.len);
            unacked.add(new Sent(p, last));
            p.queued = true;
            sentEnd.accumulateAndGet(p.end, Math::max);
            takeAcknowledged(session.acknowledged());
        }

        /** Retires the pieces every copy now has: they count for the length the master learns, their buffers are free. */
        private void takeAcknowledged(int acknowledged) {
            while (!unacked.isEmpty() && unacked.peekFirst().lastWriteId() <= acknowledged) {
                Piece p = unacked.pollFirst().piece();
                sessionLength = Math.max(sessionLength, p.end);
                length.accumulateAndGet(p.end, Math::max);
                if (p.freesBuffer) {
                    freed.add(p.data);
                }
            }
        }

        /**
         * Runs {@code step} on the open session, opening one when there is none. A failed chain is dropped (its
         * acknowledged length still ends the chunk operation at the master) and the step retried through a fresh
         * WRITE_CHUNK, after every piece that was not acknowledged has been sent again.
         */
        private void withRetries(SessionStep step) throws IOException {
            IOException last = null;
            for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
                if (attempt > 1) {
                    retry.pause(attempt - 1);
                }
                if (session == null) {
                    try {
                        openSession();
                    } catch (IOException e) {
                        if (!Retry.isTemporary(e)) {
                            throw e;
                        }
                        last = e;
                        continue;
                    }
                }
                try {
                    resendUnacknowledged();
                    step.run();
                    return;
                } catch (IOException e) {
                    last = e;
                    LOG.info("writing chunk {} of inode {} through {} failed ({}); retrying with a new WRITE_CHUNK",
                            index, inode, session.chunk().locations().stream().map(l -> l.address() + ":" + l.port())
                                    .toList(), e.getMessage());
                    dropSession();
                }
            }
            throw new IOException("writing inode " + inode + " chunk " + index + " failed " + retry.attempts()
                    + " times: " + last.getMessage(), last);
        }

        /** After a fresh session opened: the pieces the broken one had not confirmed go out again, in order. */
        private void resendUnacknowledged() throws IOException {
            if (unacked.isEmpty() || !resendPending) {
                return;
            }
            resendPending = false;
            List<Sent> again = List.copyOf(unacked);
            unacked.clear();
            for (Sent s : again) {
                send(s.piece());
            }
        }

        /** WRITE_CHUNK and the chain set-up; a chain that cannot be opened ends the chunk operation again. */
        private void openSession() throws IOException {
            ChunkReply chunk = master.writeChunk(inode, index, chunkOpFlags);
            long known = Math.max(chunk.fileLength(), length.get());
            try {
                session = ChunkWriteSession.open(pool, chunk.chunk());
            } catch (IOException e) {
                cache.invalidate(inode, index);
                master.writeChunkEnd(chunk.chunk().chunkId(), inode, index, known, 0);
                throw new IOException("opening the write of chunk " + index + " of inode " + inode + ": "
                        + e.getMessage(), e);
            }
            sessionLength = known;
            resendPending = !unacked.isEmpty();
        }

        /** A broken chain: the connection is closed and the chunk operation ended with what every copy has. */
        private void dropSession() throws IOException {
            ChunkWriteSession s = session;
            session = null;
            s.abort();
            cache.invalidate(inode, index);
            master.writeChunkEnd(s.chunk().chunkId(), inode, index, Math.max(sessionLength, length.get()), 0);
        }

        /**
         * Ends the chunk write once every copy has everything (a chain that breaks meanwhile is replaced and the
         * missing pieces sent again): WRITE_FINISH, whose failure then loses nothing, and WRITE_CHUNK_END with the
         * length.
         */
        void end() throws IOException {
            if (session == null && unacked.isEmpty()) {
                return;
            }
            withRetries(() -> {
                session.drain();
                takeAcknowledged(Integer.MAX_VALUE);
            });
            ChunkWriteSession s = session;
            session = null;
            try {
                s.finish();
            } catch (IOException e) {
                s.abort();
            }
            cache.invalidate(inode, index);
            master.writeChunkEnd(s.chunk().chunkId(), inode, index, Math.max(sessionLength, length.get()), 0);
        }
    }
}
