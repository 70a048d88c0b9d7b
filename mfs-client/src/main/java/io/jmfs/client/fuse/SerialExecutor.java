package io.jmfs.client.fuse;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Runs tasks one after the other, in submission order, on threads of another executor. */
final class SerialExecutor implements Executor {
    private final Executor backing;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor backing) {
        this.backing = backing;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.addLast(task);
            if (running) {
                return;
            }
            running = true;
        }
        backing.execute(this::drain);
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
            next.run();
        }
    }
}
