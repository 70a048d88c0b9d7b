package io.jmfs.master.meta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changelog's writer thread: lines arrive through a queue from the metadata thread and are appended to
 * {@code changelog.0.mfs}; whenever the queue runs dry the bytes are handed to the OS (so a killed master loses
 * nothing it had written), and with {@link #FSYNC} forced to the disk too. Rotation (hourly, and at each dump)
 * also runs here, under {@link #filesLock()} so a dump reading the older files never sees them renamed.
 *
 * <p>In {@link #BACKGROUND} mode (MooseFS's default) the thread, once woken by a line, gathers for
 * {@link #GATHER_NANOS} before it writes. Waking a sleeping thread costs the metadata thread a system call and the
 * machine a context switch; under a stream of changes one wake-up per change cost the master about a sixth of its
 * CPU (docs/benchmarks.md). Gathering bounds the wake-ups to about a thousand a second whatever the load, at the
 * price of a line reaching the OS up to a millisecond later. A flush, rotation or stop cuts the pause short.
 */
public final class ChangelogWriter implements AutoCloseable {
    /** CHANGELOG_SAVE_MODE values. */
    public static final int BACKGROUND = 0;
    public static final int FOREGROUND = 1;
    public static final int FSYNC = 2;

    /** How long a woken writer waits for more lines in {@link #BACKGROUND} mode. */
    static final long GATHER_NANOS = 1_000_000;

    private static final Logger log = LoggerFactory.getLogger(ChangelogWriter.class);

    private sealed interface Item permits Text, Rotate, Flush, Stop {
    }

    /** One or more complete lines, each ending in a newline. */
    private record Text(String lines) implements Item {
    }

    private record Rotate(CompletableFuture<Integer> done) implements Item {
    }

    private record Flush(CompletableFuture<Void> done) implements Item {
    }

    private record Stop() implements Item {
    }

    private final Path dir;
    private final int backLogs;
    private final int saveMode;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock filesLock = new ReentrantLock();
    private final Thread thread;
    private FileChannel out;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    private volatile int rotations;
    private volatile int pinnedFrom;
    private volatile IOException failure;
    private volatile long writes; // bytes handed to the OS in one go, counted for tests
    private final AtomicInteger urgentQueued = new AtomicInteger(); // flushes, rotations, stops: no gathering pause

    public ChangelogWriter(Path dir, int backLogs, int saveMode) throws IOException {
        this.dir = dir;
        this.backLogs = backLogs;
        this.saveMode = saveMode;
        repairAndRotate();
        this.thread = Thread.ofPlatform().name("mfsmaster-changelog").daemon(true).unstarted(this::run);
        thread.start();
    }

    /**
     * A killed master may leave {@code changelog.0.mfs} ending inside a line; cut it back to the last complete line
     * (that change was never fully written) and start a new file, so new lines never follow a broken one.
     */
    private void repairAndRotate() throws IOException {
        Path current = ChangelogFiles.file(dir, 0);
        if (!Files.exists(current)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(current, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep != size) {
                log.warn("{}: cutting an incomplete last line ({} bytes) left by an interrupted write", current,
                        size - keep);
                ch.truncate(keep);
                ch.force(true);
            }
        }
        ChangelogFiles.rotate(dir, Math.max(1, backLogs));
    }

    /** Appends one complete line (without its newline). Any thread; called from the metadata thread. */
    public void write(String line) {
        queue.add(new Text(line + "\n"));
    }

    /** Appends complete lines, each ending in a newline, in one hand-over. Any thread. */
    public void writeLines(String lines) {
        if (!lines.isEmpty() && lines.charAt(lines.length() - 1) != '\n') {
            throw new IllegalArgumentException("changelog lines must end in a newline");
        }
        queue.add(new Text(lines));
    }

    /** Starts a new changelog.0.mfs after everything queued so far; completes with the rotation count. */
    public CompletableFuture<Integer> rotate() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        queueUrgent(new Rotate(done));
        return done;
    }

    /** Completes once everything queued so far is handed to the OS (and forced in FSYNC mode). */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queueUrgent(new Flush(done));
        return done;
    }

    private void queueUrgent(Item item) {
        urgentQueued.incrementAndGet();
        queue.add(item);
        LockSupport.unpark(thread); // ends a gathering pause early
    }

    /** How many times lines were handed to the OS so far. */
    long writes() {
        return writes;
    }

    /** Held while files are renamed; a dump reading older changelogs holds it too. */
    ReentrantLock filesLock() {
        return filesLock;
    }

    /** Rotated files from rotation number {@code rotation} on are still needed (by the base of the next dump). */
    void pinFrom(int rotation) {
        this.pinnedFrom = rotation;
    }

    int rotations() {
        return rotations;
    }

    /** The last write error, if writing failed (the master keeps running, as MooseFS does, but says so). */
    public IOException failure() {
        return failure;
    }

    private void run() {
        List<Item> batch = new ArrayList<>();
        try {
            while (true) {
                batch.clear();
                batch.add(queue.take());
                if (saveMode == BACKGROUND) {
                    gather();
                }
                queue.drainTo(batch, 10_000);
                List<CompletableFuture<Void>> flushed = new ArrayList<>();
                for (Item item : batch) {
                    switch (item) {
                        case Text t -> append(t.lines());
                        case Flush f -> {
                            urgentQueued.decrementAndGet();
                            flushed.add(f.done());
                        }
                        case Rotate r -> {
                            urgentQueued.decrementAndGet();
                            handOver(true);
                            doRotate();
                            r.done().complete(rotations);
                        }
                        case Stop s -> {
                            handOver(true);
                            closeFile();
                            flushed.forEach(f -> f.complete(null));
                            return;
                        }
                    }
                }
                handOver(saveMode == FSYNC || !flushed.isEmpty() && saveMode != BACKGROUND);
                flushed.forEach(f -> f.complete(null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the lines of the next turns of the metadata loop join this write, unless something waits for it. */
    private void gather() {
        long deadline = System.nanoTime() + GATHER_NANOS;
        long left;
        while (urgentQueued.get() == 0 && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    private void append(String lines) {
        byte[] bytes = lines.getBytes(StandardCharsets.ISO_8859_1);
        if (buf.remaining() < bytes.length) {
            handOver(false);
        }
        if (bytes.length > buf.capacity()) {
            writeOut(ByteBuffer.wrap(bytes));
        } else {
            buf.put(bytes);
        }
    }

    /** Writes the buffer to the file (and forces it when asked). */
    private void handOver(boolean force) {
        buf.flip();
        if (buf.hasRemaining()) {
            writeOut(buf);
            writes++;
        }
        buf.clear();
        if (force && out != null) {
            try {
                out.force(false);
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private void writeOut(ByteBuffer b) {
        try {
            if (out == null) {
                out = FileChannel.open(ChangelogFiles.file(dir, 0), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            while (b.hasRemaining()) {
                out.write(b);
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void doRotate() {
        filesLock.lock();
        try {
            closeFile();
            int needed = rotations + 1 - pinnedFrom + 1;
            ChangelogFiles.rotate(dir, Math.max(backLogs, needed));
            rotations++;
        } catch (IOException e) {
            fail(e);
        } finally {
            filesLock.unlock();
        }
    }

    private void closeFile() {
        if (out != null) {
            try {
                out.force(false);
                out.close();
            } catch (IOException e) {
                fail(e);
            }
            out = null;
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            log.error("changelog write failed in {}: {}", dir, e.toString());
        }
        failure = e;
    }

    /** Writes everything queued, closes the file and ends the thread. */
    @Override
    public void close() {
        queueUrgent(new Stop());
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
