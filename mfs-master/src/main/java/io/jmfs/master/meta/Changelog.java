package io.jmfs.master.meta;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The metadata thread's side of the changelog: gives each change the next metadata version (one sequence for
 * namespace, chunk, chunkserver and session changes) and queues its line for the {@link ChangelogWriter}.
 *
 * <p>Lines can be gathered into one batch per turn of the metadata loop ({@link #batchOn}): handing a batch to the
 * writer wakes its thread, and one wake-up per turn instead of one per change keeps that cost off every request
 * when several clients are served in the same turn.
 */
public final class Changelog {
    private final MetaState state;
    private final ChangelogWriter writer;
    private ChangelogListener listener = ChangelogListener.NONE; // metalogger port: the metalogger stream
    private Executor afterTurn = Runnable::run; // by default every line is handed over at once
    private final StringBuilder batch = new StringBuilder();
    private boolean handOverQueued;

    public Changelog(MetaState state, ChangelogWriter writer) {
        this.state = Objects.requireNonNull(state);
        this.writer = Objects.requireNonNull(writer);
    }

    /** Logs one change; answers its version. */
    public long append(LoggedChange change) {
        long version = state.version();
        state.setVersion(version + 1);
        String text = change.text();
        batch.append(version).append(": ").append(text).append('\n');
        if (!handOverQueued) {
            handOverQueued = true;
            afterTurn.execute(this::handOver);
        }
        listener.onChange(version, text);
        return version;
    }

    /**
     * Gathers lines and hands them to the writer from a task run by {@code afterTurn}; on the metadata loop a task
     * queued from a request runs once the requests read in the same turn are handled.
     */
    public void batchOn(Executor afterTurn) {
        handOver();
        this.afterTurn = Objects.requireNonNull(afterTurn);
    }

    /** Hands the lines gathered so far to the writer (metadata thread, or once it has stopped). */
    public void handOver() {
        handOverQueued = false;
        if (!batch.isEmpty()) {
            writer.writeLines(batch.toString());
            batch.setLength(0);
        }
    }

    /** Completes once everything logged so far is handed to the OS (metadata thread, or once it has stopped). */
    public CompletableFuture<Void> flush() {
        handOver();
        return writer.flush();
    }

    /** metalogger port: who hears every line logged from now on (metadata thread); replaces the previous listener. */
    public void listen(ChangelogListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** metalogger port: starts a new changelog file after everything queued so far, telling the listener first. */
    public CompletableFuture<Integer> rotate() {
        handOver();
        listener.onRotate();
        return writer.rotate();
    }

    public ChangelogWriter writer() {
        return writer;
    }
}
