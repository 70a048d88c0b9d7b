package io.jmfs.client.io;

import io.jmfs.client.cache.ChunkLocationCache;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write-back buffer of one open file. Writes land in a buffer holding one contiguous dirty extent. The extent goes to
 * the chunkservers as soon as nothing else is on its way (so a small file's data travels while the program goes on to
 * its next call, as mfsmount's write-behind does), when the buffer is full, when a write is not contiguous with it,
 * and on {@link #flush} (which fsync and close call). Up to {@link #MAX_IN_FLIGHT} extents are written in the
 * background while the next one fills; an error of a background write is reported by the next write or flush.
 *
 * <p>Each chunk has a {@link Lane}: its extents go out one after the other, in write order, through one
 * {@link ChunkWriteSession} that stays open from one extent to the next, so a stream of extents costs one
 * WRITE_CHUNK, one chain set-up and one WRITE_CHUNK_END per chunk, not per extent, and the next extent's packets follow
 * the last one's without waiting for its acknowledgements. Different chunks' lanes run side by side, as mfsmount's
 * per-chunk write workers do: a sequential writer that runs ahead of one chain has the next chunk's data going out
 * through its own chain while the previous chunk's is still on its way. Bytes of different chunks never overlap, so
 * the order between lanes does not matter. A lane's chunk write ends (WRITE_FINISH, then WRITE_CHUNK_END with the length
 * every copy confirmed) once the writer has moved on to another chunk and the lane's extents are out, on
 * {@link #flush}, and when the file has been idle for {@link #IDLE_END} (mfsmount's write worker idle time), so that
 * the master learns the length and other clients see the data of a file that stays open. Sent pieces keep their buffer
 * until every copy confirmed them: when a chain breaks, the session is dropped and the pieces not yet confirmed are
 * sent again through a fresh WRITE_CHUNK (the master then picks the copies and version again). A buffer goes back to
 * the writer only after every copy confirmed all of it.
 */
public final class FileWriter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileWriter.class);
    /**
     * The smallest first buffer of a handle: the first buffer is the first power of two from here that holds the first
     * write, and it doubles up to the full buffer size as writes continue. Small, because most files an unpack or a
     * build writes take one write of a few KiB, and zeroing a larger array costs more than their bytes.
     */
    static final int INITIAL_BUFFER = 4 * 1024;
    /** How long an open chunk write may wait for more data before it is ended. */
    static final Duration IDLE_END = Duration.ofMillis(100);
    /** Idle checks fall on multiples of this: a chunk write ends between IDLE_END and IDLE_END + IDLE_TICK idle. */
    static final Duration IDLE_TICK = Duration.ofMillis(25);
    /** Extents on their way at once (besides the one filling): the write-behind a streaming writer may run ahead. */
    static final int MAX_IN_FLIGHT = 3;
    /** How many spare buffers a writer keeps: those in flight and the one filling. */
    static final int MAX_SPARES = MAX_IN_FLIGHT + 1;
    /**
     * Chunk writes open at once, ending ones included: writes that jump from chunk to chunk wait for the oldest end
     * rather than holding a chain (a thread, connections) per chunk they touched.
     */
    static final int MAX_LANES = 4;
    private final int inode;
    private final ChunkMaster master;
    private final ChunkserverPool pool;
    private final ChunkLocationCache cache;
    private final Retry retry;
    /** Runs the lanes' steps: the background pool, or the caller's thread when there is none. */
    private final Executor lanesRun;
    private final boolean behind;
    private final ScheduledExecutorService timer;
    private final int bufferSize;
    private final int chunkOpFlags;
    private final AtomicLong length;
    private byte[] buffer;
    /** The size a new buffer starts at: that of the last one handed off, so a streaming writer stops growing. */
    private int startSize = INITIAL_BUFFER;
    private long extentStart;
    private int extentLength;
    /** Extents handed to their lanes and not known to be out yet, oldest first. */
    private final ArrayDeque<Handed> handed = new ArrayDeque<>();
    /** The open chunk writes, by chunk index: each takes the extents of its chunk. */
    private final Map<Integer, Lane> lanes = new HashMap<>();
    /** Lanes told to end, oldest first, until their end is known: a new lane of the same chunk starts after it. */
    private final Map<Integer, CompletableFuture<Void>> ending = new LinkedHashMap<>();
    /** The chunk the last extent went to: a lane the writer moved away from ends. */
    private int lastIndex = -1;
    /**
     * Buffers whose every piece every copy confirmed, put there by the lanes; the writer takes them as spares for the
     * next extents. A streaming writer reuses them instead of zeroing a fresh array per extent: fresh arrays of this
     * size cost page faults and the collector's humongous-object work, and a 1 GiB write used to allocate a few
     * hundred MiB of them.
     */
    private final Queue<byte[]> freed = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<byte[]> spares = new ArrayDeque<>();
    private int bufferReuses;
    /** An error of a background write or chunk end, reported by the next write or flush. */
    private IOException deferred;
    /** The last failure taken note of: each is reported once. */
    private Throwable lastFailure;
    private long lastWriteNanos;
    private boolean idleCheckPending;
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
        this.behind = background != null;
        this.lanesRun = background != null ? background : Runnable::run;
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
        reap();
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
        reap();
        if (behind && extentLength > 0 && handed.isEmpty()) {
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
            handOff();
            awaitHanded();
        } finally {
            endLanes();
            spares.clear(); // a file at rest keeps at most its current buffer
            freed.clear();
        }
        throwDeferred();
    }

    /** Whether some written bytes have not reached the chunkservers, or the master has not learnt the length yet. */
    public synchronized boolean dirty() {
        return extentLength > 0 || !handed.isEmpty() || !lanes.isEmpty() || !ending.isEmpty();
    }

    /** The file length including buffered writes. */
    public synchronized long length() {
        long l = Math.max(length.get(), sentEnd.get());
        if (extentLength > 0) {
            l = Math.max(l, extentStart + extentLength);
        }
        for (Handed h : handed) {
            l = Math.max(l, h.end());
        }
        return l;
    }

    /** Takes note of a length the master reported (open, truncate). */
    public synchronized void knownLength(long l) {
        length.set(l);
        sentEnd.set(l);
    }

    /**
     * Sends the current extent on its way and starts an empty buffer: each chunk's part goes to that chunk's lane
     * (in the background when possible). Waits first while {@link #MAX_IN_FLIGHT} extents are on their way.
     */
    private void handOff() throws IOException {
        if (extentLength == 0) {
            return;
        }
        while (handed.size() >= MAX_IN_FLIGHT) {
            awaitOldest();
        }
        long start = extentStart;
        byte[] data = buffer;
        startSize = data.length;
        int n = extentLength;
        buffer = null;
        extentLength = 0;
        int pieces = ChunkGeometry.chunkIndex(start + n - 1) - ChunkGeometry.chunkIndex(start) + 1;
        Release release = new Release(data, pieces);
        List<CompletableFuture<Void>> parts = new ArrayList<>(pieces);
        for (int done = 0; done < n; ) {
            long pos = start + done;
            int index = ChunkGeometry.chunkIndex(pos);
            int inChunk = ChunkGeometry.offsetInChunk(pos);
            int len = Math.min(n - done, ChunkGeometry.CHUNK_SIZE - inChunk);
            parts.add(laneFor(index).send(new Piece(data, done, len, inChunk, pos + len, release)));
            done += len;
        }
        CompletableFuture<Void> out = parts.size() == 1 ? parts.getFirst()
                : CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new));
        handed.add(new Handed(start + n, out));
        if (behind) {
            scheduleIdleCheck(IDLE_END.toNanos());
        } else {
            reap();
            throwDeferred(); // written in this thread: its failure is this call's
        }
    }

    /**
     * The lane of chunk {@code index}, opened when needed (after the oldest ending lane while {@link #MAX_LANES} are
     * open); the lane the writer moves away from is told to end.
     */
    private Lane laneFor(int index) throws InterruptedIOException {
        if (index != lastIndex) {
            Lane previous = lanes.get(lastIndex);
            if (previous != null) {
                retire(previous);
            }
            lastIndex = index;
        }
        Lane lane = lanes.get(index);
        CompletableFuture<Void> after = null;
        if (lane != null && lane.failed()) {
            lanes.remove(index); // its failure is reported by the extent that failed; a fresh WRITE_CHUNK goes on
            after = lane.tail;
            lane = null;
        }
        if (lane == null) {
            while (lanes.size() + ending.size() >= MAX_LANES && !ending.isEmpty()) {
                waitFor(ending.values().iterator().next());
                reap();
            }
            CompletableFuture<Void> previousEnd = ending.remove(index);
            if (previousEnd != null) {
                after = after == null ? previousEnd : CompletableFuture.allOf(after, previousEnd);
            }
            lane = new Lane(new ChunkStream(index), after != null ? after.exceptionally(e -> null)
                    : CompletableFuture.completedFuture(null));
            lanes.put(index, lane);
        }
        return lane;
    }

    /** Ends the lane's chunk write once its extents are out (a failed lane has nothing to end). */
    private void retire(Lane lane) {
        lanes.remove(lane.stream.index);
        // a lane of this chunk opened later starts after this end (laneFor takes it from here)
        ending.put(lane.stream.index, lane.end());
    }

    /** Ends the lane's chunk write, in this thread when its extents are already out (the caller waits anyway). */
    private void retireNow(Lane lane) {
        lanes.remove(lane.stream.index);
        ending.put(lane.stream.index, lane.endNow());
    }

    /** Takes note of the handed extents and chunk ends that are done, keeping the first failure for the caller. */
    private void reap() {
        while (!handed.isEmpty() && handed.peekFirst().out().isDone()) {
            noteOutcome(handed.pollFirst().out());
        }
        ending.values().removeIf(f -> {
            if (!f.isDone()) {
                return false;
            }
            noteOutcome(f);
            return true;
        });
        keepFreed();
    }

    private void awaitOldest() throws InterruptedIOException {
        Handed h = handed.peekFirst();
        waitFor(h.out());
        handed.pollFirst();
        noteOutcome(h.out());
        keepFreed();
    }

    /** Waits until every handed extent is out. */
    private void awaitHanded() throws InterruptedIOException {
        while (!handed.isEmpty()) {
            awaitOldest();
        }
    }

    /** Ends every chunk write and waits for the ends; a failure is kept for the caller. */
    private void endLanes() throws InterruptedIOException {
        for (Lane lane : List.copyOf(lanes.values())) {
            retireNow(lane);
        }
        lastIndex = -1;
        for (CompletableFuture<Void> f : List.copyOf(ending.values())) {
            waitFor(f);
        }
        reap();
    }

    /** Waits until {@code f} is done; its outcome is the caller's to take note of, an interrupt is this call's. */
    private static void waitFor(CompletableFuture<Void> f) throws InterruptedIOException {
        try {
            f.get();
        } catch (ExecutionException | CancellationException e) {
            // a failure: the caller takes note of it (noteOutcome)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a background write");
        }
    }

    /**
     * A finished task's failure becomes the deferred error (the first one wins); the lane that failed is closed: the
     * next write to its chunk opens a fresh one.
     */
    private void noteOutcome(CompletableFuture<Void> f) {
        if (!f.isCompletedExceptionally()) {
            return;
        }
        Throwable cause = f.exceptionNow();
        while ((cause instanceof CompletionException || cause instanceof UncheckedIOException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        lanes.values().removeIf(Lane::failed);
        if (cause == lastFailure) {
            return; // the same failure seen again through a later step of its lane (skipped because of it)
        }
        lastFailure = cause;
        if (deferred == null) {
            deferred = cause instanceof IOException io ? io : new IOException("a background write failed", cause);
        }
    }

    private void keepFreed() {
        for (byte[] b = freed.poll(); b != null; b = freed.poll()) {
            if (spares.size() < MAX_SPARES) {
                spares.add(b);
            }
        }
    }

    /** A spare buffer of at least {@code size} bytes, or null; smaller ones are left to the collector. */
    private byte[] takeSpare(int size) {
        keepFreed();
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

    /**
     * Schedules {@link #endIfIdle} at the first {@link #IDLE_TICK} boundary at least {@code delayNanos} away. Checks
     * of many files fall due together: a program writing a file every few milliseconds (an unpack) would otherwise
     * wake the timer thread once per file, and on a busy machine each wake-up takes a core from the program.
     */
    private void scheduleIdleCheck(long delayNanos) {
        if (timer != null && !idleCheckPending) {
            idleCheckPending = true;
            try {
                timer.schedule(this::endIfIdle, untilTick(System.nanoTime(), delayNanos), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                idleCheckPending = false; // the client is closing: flush or close ends the session
            }
        }
    }

    /** The nanoseconds from {@code now} to the first {@link #IDLE_TICK} boundary at least {@code delay} away. */
    static long untilTick(long now, long delay) {
        long tick = IDLE_TICK.toNanos();
        long due = now + Math.max(delay, 1);
        return Math.floorDiv(due + tick - 1, tick) * tick - now;
    }

    /** Ends the open chunk writes once no data has come for {@link #IDLE_END}, sending what is buffered first. */
    private synchronized void endIfIdle() {
        idleCheckPending = false;
        reap();
        if (!handed.isEmpty()) {
            scheduleIdleCheck(IDLE_END.toNanos());
            return;
        }
        if (lanes.isEmpty() && ending.isEmpty() && extentLength == 0) {
            return;
        }
        long idle = System.nanoTime() - lastWriteNanos;
        if (idle < IDLE_END.toNanos()) {
            scheduleIdleCheck(IDLE_END.toNanos() - idle);
            return;
        }
        try {
            if (extentLength > 0) {
                handOff();
                return;
            }
            endLanes(); // a failure stays deferred for the next write or flush
            freed.clear(); // an idle file keeps at most its current buffer
            spares.clear();
        } catch (IOException e) {
            if (deferred == null) {
                deferred = e;
            }
        }
    }

    /** An extent handed to its lanes: where it ends, and when it is out. */
    private record Handed(long end, CompletableFuture<Void> out) {}

    /**
     * A handed-off buffer: it is free once every copy confirmed each of its pieces (an extent across a chunk
     * boundary has two, in two lanes).
     */
    private final class Release {
        private final byte[] data;
        /** Pieces every copy has yet to confirm. */
        private final AtomicInteger pending;

        Release(byte[] data, int pieces) {
            this.data = data;
            this.pending = new AtomicInteger(pieces);
        }

        void confirmed() {
            if (pending.decrementAndGet() == 0) {
                freed.add(data);
            }
        }
    }

    /**
     * The write of one chunk: its steps (send a piece, end the chunk write) run one after the other, each after the
     * previous one is done, on the background pool; a failed step skips the lane's later steps.
     */
    private final class Lane {
        final ChunkStream stream;
        private CompletableFuture<Void> tail;
        private volatile boolean failed;

        Lane(ChunkStream stream, CompletableFuture<Void> after) {
            this.stream = stream;
            this.tail = after;
        }

        CompletableFuture<Void> send(Piece p) {
            return step(() -> stream.write(p));
        }

        CompletableFuture<Void> end() {
            return step(stream::end);
        }

        /**
         * Like {@link #end}, but run in the calling thread (the writer's lock holder) when no step is pending: a
         * small file's close then costs no hand-over to the pool and back, as ending it in line did before lanes.
         */
        CompletableFuture<Void> endNow() {
            if (!tail.isDone() || tail.isCompletedExceptionally()) {
                return end(); // after a failure the end is skipped, and the failure is reported once
            }
            try {
                stream.end();
                tail = CompletableFuture.completedFuture(null);
            } catch (IOException | RuntimeException e) {
                failed = true;
                tail = CompletableFuture.failedFuture(e);
            }
            return tail;
        }

        boolean failed() {
            return failed;
        }

        private CompletableFuture<Void> step(SessionStep s) {
            tail = tail.thenRunAsync(() -> {
                try {
                    s.run();
                } catch (IOException e) {
                    failed = true;
                    throw new UncheckedIOException(e);
                } catch (RuntimeException | Error e) {
                    failed = true;
                    throw e;
                }
            }, lanesRun);
            return tail;
        }
    }

    /** A range of one chunk, sent through the open session. */
    private static final class Piece {
        final byte[] data;
        final int off;
        final int len;
        final int inChunk;
        final long end;
        /** The buffer's release: told when every copy has this piece. */
        final Release release;
        /** Sent once: from then on only a broken chain's resend sends it again. */
        boolean queued;

        Piece(byte[] data, int off, int len, int inChunk, long end, Release release) {
            this.data = data;
            this.off = off;
            this.len = len;
            this.inChunk = inChunk;
            this.end = end;
            this.release = release;
        }
    }

    /** A piece on its way, with the write id that acknowledges its last packet. */
    private record Sent(Piece piece, int lastWriteId) {}

    private interface SessionStep {
        void run() throws IOException;
    }

    /**
     * The write of one chunk: its session with the chain and the pieces sent through it that not every copy has
     * confirmed yet. Only its {@link Lane}'s steps use it, one at a time.
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
                p.release.confirmed();
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
