package io.jmfs.client.fuse;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one after the other, in submission order, without threads of its own: a task submitted while the queue
 * is idle runs at once on the submitting thread, which then also runs whatever other threads queued meanwhile; a
 * task submitted while another runs waits in the queue and the submitter returns at once.
 *
 * <p>The mount gives each open file one of these: libfuse's worker threads carry out the file's requests themselves
 * (no hand-off, so no scheduling delay per request), yet a file's reads, writes and flushes never overlap or
 * overtake each other, and a worker never blocks waiting for another's request.
 */
final class SerialExecutor implements Executor {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.addLast(task);
            if (running) {
                return;
            }
            running = true;
        }
        drain();
    }

    /**
     * Runs {@code task} at once on this thread (then whatever others queued meanwhile) if no task is queued or
     * running; otherwise leaves it and returns false. For work that may only run while the caller's arguments
     * are valid.
     */
    boolean tryRunNow(Runnable task) {
        synchronized (this) {
            if (running || !queue.isEmpty()) {
                return false;
            }
            queue.addLast(task);
            running = true;
        }
        drain();
        return true;
    }

    /** Whether no task is queued or running (for tests and diagnostics). */
    synchronized boolean idle() {
        return !running && queue.isEmpty();
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.pollFirst();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // a task reports its own failures; one that throws must not stall the tasks queued behind it
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }
}
