package io.jmfs.master.meta;

import io.jmfs.master.chunks.ChunkChange;
import io.jmfs.master.cluster.CsdbChange;
import io.jmfs.master.fs.change.Change;
import io.jmfs.master.sessions.SessionChange;

/**
 * One changelog entry, typed: which part of the state it changes. Every kind shares the one version sequence of
 * the changelog, as in MooseFS.
 */
public sealed interface LoggedChange {
    int ts();

    /** The text after {@code "<version>: "}: {@code <ts>|OP(args)[:result]}. */
    String text();

    record Fs(Change change) implements LoggedChange {
        public int ts() {
            return change.ts();
        }

        public String text() {
            return change.toString();
        }
    }

    record Chunks(ChunkChange change) implements LoggedChange {
        public int ts() {
            return change.ts();
        }

        public String text() {
            return change.toString();
        }
    }

    record Csdb(CsdbChange change) implements LoggedChange {
        public int ts() {
            return change.ts();
        }

        public String text() {
            return change.toString();
        }
    }

    record Session(int ts, SessionChange change) implements LoggedChange {
        public String text() {
            return Integer.toUnsignedString(ts) + "|" + change.changelogText();
        }
    }

    /** SETMETAID(id): the first line of a new file system. */
    record MetaId(int ts, long metaId) implements LoggedChange {
        public String text() {
            return Integer.toUnsignedString(ts) + "|SETMETAID(" + Long.toUnsignedString(metaId) + ")";
        }
    }
}
