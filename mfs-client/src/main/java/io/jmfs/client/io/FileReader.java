package io.jmfs.client.io;

import io.jmfs.client.cache.ChunkLocationCache;
import io.jmfs.client.cache.ChunkLocationCache.Located;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Reads one file with read-ahead. Data comes in windows of up to one chunk's worth: a read outside the current window
 * fetches a new one, small at a random position and doubling (up to {@link #MAX_WINDOW}) while reads stay
 * sequential; a sequential reader also gets the next {@link #DEPTH} windows fetched in the background while it
 * consumes this one.
 * A window that fails on every copy is retried with fresh locations from the master, so a chunkserver that dies
 * mid-read costs a retry, not an error.
 */
public final class FileReader {
    static final int MIN_WINDOW = 256 * 1024;
    static final int MAX_WINDOW = 8 * 1024 * 1024;
    /** Windows fetched ahead of a sequential reader. */
    static final int DEPTH = 3;

    private record Ahead(long start, long end, CompletableFuture<Window> window) {}

    private record Window(long start, byte[] data, int length) {
        boolean covers(long pos) {
            return pos >= start && pos < start + length;
        }

        long end() {
            return start + length;
        }
    }

    private final int inode;
    private final ChunkMaster master;
    private final ChunkReader reader;
    private final ChunkLocationCache cache;
    private final Retry retry;
    private final Executor prefetcher;
    private Window current;
    /** Windows being fetched in the background, in file order; each starts where the one before ends. */
    private final java.util.ArrayDeque<Ahead> ahead = new java.util.ArrayDeque<>();
    private long lastEnd = -1;
    private int windowSize = MIN_WINDOW;
    /** Full-size window arrays no window uses any more; taken by fetches on the prefetch threads too. */
    private final java.util.ArrayDeque<byte[]> spares = new java.util.ArrayDeque<>();

    /** {@code prefetcher} runs background read-ahead; null disables it. */
    public FileReader(int inode, ChunkMaster master, ChunkReader reader, ChunkLocationCache cache,
                      Executor prefetcher, Retry retry) {
        this.retry = retry;
        this.inode = inode;
        this.master = master;
        this.reader = reader;
        this.cache = cache;
        this.prefetcher = prefetcher;
    }

    /**
     * Copies up to {@code len} bytes at {@code pos} into {@code dst}; fewer at a window's end. Returns -1 at or past
     * the end of the file.
     */
    public int read(long pos, byte[] dst, int off, int len) throws IOException {
        if (off < 0 || len < 0 || off + len > dst.length) {
            throw new IndexOutOfBoundsException("read of " + len + " at " + pos);
        }
        return read(pos, MemorySegment.ofArray(dst).asSlice(off, len));
    }

    /**
     * Like {@link #read(long, byte[], int, int)}, into {@code dst}: heap or native memory (the mount copies straight
     * into the kernel's reply buffer).
     */
    public synchronized int read(long pos, MemorySegment dst) throws IOException {
        int len = (int) Math.min(dst.byteSize(), Integer.MAX_VALUE);
        if (pos < 0) {
            throw new IndexOutOfBoundsException("read of " + len + " at " + pos);
        }
        if (len == 0) {
            return 0;
        }
        boolean sequential = pos == lastEnd;
        Window w = windowAt(pos, len, sequential);
        if (w.length == 0) {
            return -1;
        }
        int from = (int) (pos - w.start);
        int n = Math.min(len, w.length - from);
        MemorySegment.copy(w.data, from, dst, ValueLayout.JAVA_BYTE, 0, n);
        lastEnd = pos + n;
        if (sequential && prefetcher != null) {
            fetchAhead();
        }
        return n;
    }

    /** The window holding {@code pos}: the current one, the next fetched ahead, or a new one (empty at the end). */
    private Window windowAt(long pos, int len, boolean sequential) throws IOException {
        if (current == null || !current.covers(pos)) {
            recycle(current == null ? null : current.data);
            current = null;
            Ahead next = ahead.pollFirst();
            if (next != null && next.start == pos) {
                current = await(next.window);
            } else {
                ahead.clear(); // a jump: what was fetched ahead is for another part of the file
            }
            if (current == null) {
                windowSize = sequential ? Math.min(windowSize * 2, MAX_WINDOW) : MIN_WINDOW;
                current = fetch(pos, Math.max(windowSize, Math.min(len, MAX_WINDOW)));
            }
        }
        return current;
    }

    /**
     * Keeps {@link #DEPTH} windows in flight after the current one, each twice the last up to the maximum. Windows
     * never cross a chunk boundary, so their ends are known before they arrive (a window past the end of the file
     * simply comes back empty); copies are taken in turn, so parallel windows spread over the servers.
     */
    private void fetchAhead() {
        long next = ahead.isEmpty() ? current.end() : ahead.peekLast().end;
        while (ahead.size() < DEPTH) {
            windowSize = Math.min(windowSize * 2, MAX_WINDOW);
            long chunkEnd = (next / ChunkGeometry.CHUNK_SIZE + 1) * ChunkGeometry.CHUNK_SIZE;
            long end = Math.min(next + windowSize, chunkEnd);
            long start = next;
            int size = (int) (end - start);
            ahead.addLast(new Ahead(start, end, CompletableFuture.supplyAsync(() -> {
                try {
                    return fetch(start, size);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, prefetcher)));
            next = end;
        }
    }

    /** Forgets buffered data (after this client wrote to the file, or the master said it changed). */
    public synchronized void invalidate() {
        recycle(current == null ? null : current.data);
        current = null;
        ahead.clear(); // windows still being fetched are left to the garbage collector
    }

    /**
     * An array for a window of {@code n} bytes: a spare one for a full-size window (a sequential reader's are, after
     * the first few: a GiB read would otherwise allocate, and zero, a GiB of arrays that live a few milliseconds).
     */
    private byte[] windowArray(int n) {
        if (n == MAX_WINDOW) {
            synchronized (spares) {
                byte[] spare = spares.pollFirst();
                if (spare != null) {
                    return spare;
                }
            }
        }
        return new byte[n];
    }

    /** Keeps a full-size window array for the next window, once no read can use it any more. */
    private void recycle(byte[] data) {
        if (data != null && data.length == MAX_WINDOW) {
            synchronized (spares) {
                if (spares.size() < DEPTH + 1) {
                    spares.addLast(data);
                }
            }
        }
    }

    private static Window await(CompletableFuture<Window> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException | CompletionException e) {
            return null; // the background fetch failed; the foreground fetch retries with its own error handling
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for read-ahead");
        }
    }

    /** Reads {@code [start, start+size)} clipped to the chunk and the file; an empty window means end of file. */
    private Window fetch(long start, int size) throws IOException {
        int index = ChunkGeometry.chunkIndex(start);
        int inChunk = ChunkGeometry.offsetInChunk(start);
        IOException last = null;
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            if (attempt > 1) {
                retry.pause(attempt - 1);
            }
            Located located;
            try {
                located = locate(index);
            } catch (IOException e) {
                if (!Retry.isTemporary(e)) {
                    throw e;
                }
                last = e;
                continue;
            }
            long available = Math.min(located.fileLength() - start, ChunkGeometry.CHUNK_SIZE - inChunk);
            int n = (int) Math.max(0, Math.min(size, available));
            if (n == 0 || located.chunk().chunkId() == 0) {
                return new Window(start, new byte[n], n); // end of file, or a hole: zeros
            }
            byte[] data = windowArray(n); // every byte of [0, n) is overwritten by the read
            try {
                reader.read(located.chunk(), inChunk, data, 0, n);
                return new Window(start, data, n);
            } catch (IOException e) {
                recycle(data);
                last = e;
                cache.invalidate(inode, index); // maybe stale locations: ask the master again
            }
        }
        throw new IOException("reading inode " + inode + " at " + start + " failed " + retry.attempts()
                + " times: " + last.getMessage(), last);
    }

    private Located locate(int index) throws IOException {
        var cached = cache.get(inode, index);
        if (cached.isPresent()) {
            return cached.get();
        }
        ChunkReply reply = master.readChunk(inode, index);
        cache.put(inode, index, reply.chunk(), reply.fileLength());
        return new Located(reply.chunk(), reply.fileLength());
    }
}
