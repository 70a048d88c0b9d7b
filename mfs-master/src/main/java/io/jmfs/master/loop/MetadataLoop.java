package io.jmfs.master.loop;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The metadata thread as state code sees it: run a task on it, run one later, run one periodically, and ask whether
 * the caller is already on it. Tasks run one at a time, in submission order.
 */
public interface MetadataLoop extends Executor {

    /** Whether the calling thread is the metadata thread. */
    boolean inLoop();

    /** Runs {@code task} once after {@code delay}. */
    Timer schedule(Duration delay, Runnable task);

    /**
     * Runs {@code task} every {@code period}, first after one period. A task that throws is logged and keeps its
     * schedule: one failed maintenance step must not stop all later ones.
     */
    Timer every(Duration period, Runnable task);

    /** A scheduled task. */
    interface Timer {
        /** Stops further runs; a run already in progress completes. */
        void cancel();
    }
}
