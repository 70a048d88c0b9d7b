package io.jmfs.chunkserver.storage.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

/**
 * Runs tasks keyed by chunk id: tasks with one key run one after another in submission order, tasks with different
 * keys run in parallel on a set of worker threads.
 *
 * <p>Each key with work queued has a queue of its own, which exists only while it has work and is bound, for that
 * time, to the worker with the fewest busy keys (the first such one). Unlike a fixed mapping of keys onto threads, two
 * busy chunks never end up queued behind each other on one thread while another thread idles (with a few chunks read
 * or written at once, a fixed mapping put two of them on one thread often enough to halve their throughput); and a
 * lone writer keeps using the same thread, whose caches are warm, instead of waking a different one for every
 * block. A worker shared by several keys runs at most {@link #BATCH} tasks of one key before the others get a turn.
 */
public final class OrderedExecutor implements AutoCloseable {
    /** Tasks of one key run back to back before other keys bound to the same worker get a turn. */
    static final int BATCH = 64;

    private final List<ExecutorService> workers;
    /** Per worker: the keys whose queue is bound to it. */
    private final AtomicIntegerArray keysPerWorker;
    /** Keys with queued or running work; every mapping, and the deque in it, is changed only under compute(). */
    private final ConcurrentHashMap<Long, KeyQueue> queues = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean closed;

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
        this.workers = List.copyOf(list);
        this.keysPerWorker = new AtomicIntegerArray(threads);
    }

    /** The first worker with the fewest bound keys, now counting one more. */
    private int bindWorker() {
        int best = 0;
        for (int i = 1; i < keysPerWorker.length() && keysPerWorker.get(best) > 0; i++) {
            if (keysPerWorker.get(i) < keysPerWorker.get(best)) {
                best = i;
            }
        }
        keysPerWorker.incrementAndGet(best);
        return best;
    }

    /** One submitted task and the future it completes. */
    private final class Job<T> {
        final Supplier<T> task;
        final CompletableFuture<T> result = new CompletableFuture<>();
        private T value;
        private Throwable failure;

        Job(Supplier<T> task) {
            this.task = task;
        }

        /** Runs the task and counts it done; its future is completed by {@link #publish()}. */
        void run() {
            running.incrementAndGet();
            try {
                value = task.get();
            } catch (Throwable e) {
                failure = e;
            } finally {
                running.decrementAndGet();
                pending.decrementAndGet();
            }
        }

        void publish() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }

        void fail(Throwable cause) {
            pending.decrementAndGet();
            result.completeExceptionally(cause);
        }
    }

    /** The work queued for one key, run by the worker it is bound to. */
    private final class KeyQueue implements Runnable {
        final Long key;
        final int worker;
        final ArrayDeque<Job<?>> jobs = new ArrayDeque<>();

        KeyQueue(Long key) {
            this.key = key;
            this.worker = bindWorker();
        }

        @Override
        public void run() {
            Job<?> job = takeNext();
            for (int n = 1; job != null; n++) {
                job.run();
                // the queue is released (when empty) before anyone waiting on the job can submit more
                Job<?> next = takeNext();
                job.publish();
                job = next;
                if (job != null && n >= BATCH && !closed) {
                    // give other keys a turn (once closing, the worker takes no more: drain to the end instead);
                    // the job goes back to the head of this key's queue
                    pushBack(job);
                    schedule(this);
                    return;
                }
            }
        }

        /** The next job, or null after removing this (empty) queue from the map. */
        private Job<?> takeNext() {
            Job<?>[] next = new Job<?>[1];
            queues.compute(key, (k, q) -> {
                next[0] = q.jobs.poll();
                if (next[0] == null) {
                    keysPerWorker.decrementAndGet(q.worker);
                    return null;
                }
                return q;
            });
            return next[0];
        }

        private void pushBack(Job<?> job) {
            queues.compute(key, (k, q) -> {
                q.jobs.addFirst(job);
                return q;
            });
        }
    }

    /** Runs {@code task} after every task submitted earlier with the same key. */
    public <T> CompletableFuture<T> submit(long key, Supplier<T> task) {
        Job<T> job = new Job<>(task);
        if (closed) {
            return CompletableFuture.failedFuture(shutDown(null));
        }
        pending.incrementAndGet();
        KeyQueue[] started = new KeyQueue[1];
        queues.compute(key, (k, q) -> {
            if (q == null) {
                q = new KeyQueue(k);
                started[0] = q;
            }
            q.jobs.add(job);
            return q;
        });
        if (started[0] != null) {
            schedule(started[0]);
        }
        return job.result;
    }

    private void schedule(KeyQueue q) {
        try {
            workers.get(q.worker).execute(q);
        } catch (RejectedExecutionException e) {
            // shut down meanwhile: nothing will run this key's queue any more
            queues.compute(q.key, (k, current) -> {
                if (current != null) {
                    current.jobs.forEach(j -> j.fail(shutDown(e)));
                    keysPerWorker.decrementAndGet(current.worker);
                }
                return null;
            });
        }
    }

    private static IllegalStateException shutDown(Throwable cause) {
        return new IllegalStateException("storage executor is shut down", cause);
    }

    /** Tasks being executed now (at most one per worker thread). */
    public int running() {
        return running.get();
    }

    /** Tasks submitted and not finished yet (queued or running). */
    public int pending() {
        return pending.get();
    }

    /** Stops accepting work and waits (bounded) for queued work to finish. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(ExecutorService::shutdown);
        for (ExecutorService w : workers) {
            try {
                if (!w.awaitTermination(30, TimeUnit.SECONDS)) {
                    w.shutdownNow();
                }
            } catch (InterruptedException e) {
                w.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
