package io.jmfs.master.meta;

import io.jmfs.master.chunks.ChunkChange;
import io.jmfs.master.chunks.ChunkChangeSink;
import io.jmfs.master.cluster.CsdbChange;
import io.jmfs.master.fs.change.Change;
import io.jmfs.master.fs.change.ChangeSink;
import io.jmfs.master.sessions.SessionChange;
import java.util.function.Consumer;

/**
 * The sink every state package records its changes to, created before the state and connected to the
 * {@link Changelog} once the metadata is loaded (replay never records, so nothing is lost in between). Until then,
 * and in tests that run without persistence, changes go nowhere. Metadata thread only.
 */
public final class ChangeRouter implements ChangeSink, ChunkChangeSink, Consumer<CsdbChange> {
    private Changelog changelog;

    public void attach(Changelog log) {
        this.changelog = log;
    }

    public boolean attached() {
        return changelog != null;
    }

    @Override
    public void record(Change change) {
        if (changelog != null) {
            changelog.append(new LoggedChange.Fs(change));
        }
    }

    @Override
    public void record(ChunkChange change) {
        if (changelog != null) {
            changelog.append(new LoggedChange.Chunks(change));
        }
    }

    @Override
    public void accept(CsdbChange change) {
        if (changelog != null) {
            changelog.append(new LoggedChange.Csdb(change));
        }
    }

    /** Session changes are applied by the session registry and logged here by whoever produced them. */
    public void session(int ts, SessionChange change) {
        if (changelog != null) {
            changelog.append(new LoggedChange.Session(ts, change));
        }
    }
}
