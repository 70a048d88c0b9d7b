package io.jmfs.master.meta;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.sessions.SessionChange;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies logged changes to a {@link MetaState} through the same methods live operations use
 * ({@code Namespace.replay}, {@code ChunkRegistry.apply}, ...). A change that does not fit the state is an
 * {@link IllegalStateException} describing it; the state is then unusable (the caller stops).
 */
public final class Replayer {
    private Replayer() {
    }

    public static void apply(MetaState state, LoggedChange change) {
        switch (change) {
            case LoggedChange.Fs f -> {
                MfsStatus st = state.namespace().replay(f.change());
                if (!st.isOk()) {
                    throw new IllegalStateException("does not apply: " + st);
                }
            }
            case LoggedChange.Chunks c -> state.chunks().apply(c.change(), state.fileSlots());
            case LoggedChange.Csdb c -> state.servers().apply(c.change());
            case LoggedChange.Session s -> {
                if (s.change() instanceof SessionChange.Deleted deleted) {
                    releaseOpenFiles(state, s.ts(), deleted.sessionId());
                }
                MfsStatus st = state.sessions().apply(s.change(), Integer.toUnsignedLong(s.ts()));
                if (!st.isOk()) {
                    throw new IllegalStateException("does not apply: " + st);
                }
            }
            case LoggedChange.FileLock l -> {
                // locks are not restored (see LoggedChange.FileLock): the line only takes its version
            }
            case LoggedChange.MetaId m -> {
                if (state.metaId() != 0 && state.metaId() != m.metaId()) {
                    throw new IllegalStateException("metadata id " + Long.toUnsignedString(m.metaId())
                            + " differs from the dump's " + Long.toUnsignedString(state.metaId()));
                }
                state.setMetaId(m.metaId());
            }
        }
    }

    /**
     * SESDEL also closes the files the session still held: MooseFS logs no RELEASE for them (its replay drops them
     * with the session), so a changelog of the real master needs this. Our master logs the RELEASE lines before
     * SESDEL, so replaying ours finds nothing left here.
     */
    static void releaseOpenFiles(MetaState state, int ts, int sessionId) {
        List<Integer> held = new ArrayList<>();
        state.namespace().persistence().forEachOpen((session, inode) -> {
            if (session == sessionId) {
                held.add(inode);
            }
        });
        for (int inode : held) {
            MfsStatus st = state.namespace().replay(new Change.Release(ts, inode, sessionId));
            if (!st.isOk()) {
                throw new IllegalStateException("release of inode " + inode + " by session "
                        + Integer.toUnsignedString(sessionId) + " does not apply: " + st);
            }
        }
    }
}
