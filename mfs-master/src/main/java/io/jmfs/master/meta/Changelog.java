package io.jmfs.master.meta;

import java.util.Objects;

/**
 * The metadata thread's side of the changelog: gives each change the next metadata version (one sequence for
 * namespace, chunk, chunkserver and session changes) and queues its line for the {@link ChangelogWriter}.
 */
public final class Changelog {
    private final MetaState state;
    private final ChangelogWriter writer;
    private ChangelogListener listener = ChangelogListener.NONE; // metalogger port: the metalogger stream

    public Changelog(MetaState state, ChangelogWriter writer) {
        this.state = Objects.requireNonNull(state);
        this.writer = Objects.requireNonNull(writer);
    }

    /** Logs one change; answers its version. */
    public long append(LoggedChange change) {
        long version = state.version();
        state.setVersion(version + 1);
        String text = change.text();
        writer.write(version + ": " + text);
        listener.onChange(version, text);
        return version;
    }

    /** metalogger port: who hears every line logged from now on (metadata thread); replaces the previous listener. */
    public void listen(ChangelogListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** metalogger port: starts a new changelog file after everything queued so far, telling the listener first. */
    public java.util.concurrent.CompletableFuture<Integer> rotate() {
        listener.onRotate();
        return writer.rotate();
    }

    public ChangelogWriter writer() {
        return writer;
    }
}
