package io.jmfs.chunkserver.storage.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A striped executor: each key maps to one single-threaded worker, so work submitted for one key runs in order
 * and never concurrently with other work for that key. Chunk ids are the keys, which keeps writes to one chunk
 * in order while different chunks use the disks in parallel.
 */
public final class OrderedExecutor implements AutoCloseable {
    private final List<ExecutorService> stripes;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();

    /** {@code threads} workers named {@code namePrefix-N}; at least one. */
    public OrderedExecutor(String namePrefix, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("an ordered executor needs at least one thread, got " + threads);
        }
        AtomicInteger counter = new AtomicInteger();
        List<ExecutorService> list = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            list.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, namePrefix + "-" + counter.getAndIncrement());
                t.setDaemon(true);
                return t;
            }));
        }
        this.stripes = List.copyOf(list);
    }

    /** Runs {@code task} after every task submitted earlier with the same key. */
    public <T> CompletableFuture<T> submit(long key, Supplier<T> task) {
        pending.incrementAndGet();
        try {
            return CompletableFuture.supplyAsync(() -> {
                running.incrementAndGet();
                try {
                    return task.get();
                } finally {
                    running.decrementAndGet();
                    pending.decrementAndGet();
                }
            }, stripeFor(key));
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("storage executor is shut down", e));
        }
    }

    /** Tasks being executed now (at most one per worker thread). */
    public int running() {
        return running.get();
    }

    /** Tasks submitted and not finished yet (queued or running). */
    public int pending() {
        return pending.get();
    }

    private ExecutorService stripeFor(long key) {
        // mix the bits: chunk ids are sequential, so plain modulo would already spread them, but other keys may not
        long h = key * 0x9E3779B97F4A7C15L;
        int index = (int) ((h >>> 33) % stripes.size());
        return stripes.get(index);
    }

    /** Stops accepting work and waits (bounded) for queued work to finish. */
    @Override
    public void close() {
        stripes.forEach(ExecutorService::shutdown);
        for (ExecutorService s : stripes) {
            try {
                if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                s.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
