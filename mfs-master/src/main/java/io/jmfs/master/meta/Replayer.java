package io.jmfs.master.meta;

import io.jmfs.protocol.MfsStatus;

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
            case LoggedChange.Chunks c -> state.chunks().apply(c.change());
            case LoggedChange.Csdb c -> state.servers().apply(c.change());
            case LoggedChange.Session s -> {
                MfsStatus st = state.sessions().apply(s.change(), Integer.toUnsignedLong(s.ts()));
                if (!st.isOk()) {
                    throw new IllegalStateException("does not apply: " + st);
                }
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
}
