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

    /**
     * FLOCK(inode,session,owner,R|W|U) or POSIXLOCK(inode,session,owner,R|W|U,start,end,pid), as the real master
     * logs file locks. Locks are not kept across a restart here (a dump's FLCK and PLCK records are dropped too,
     * clients take their locks again), so replaying one changes nothing; its line is kept as it was.
     */
    record FileLock(int ts, String line) implements LoggedChange {
        public String text() {
            return Integer.toUnsignedString(ts) + "|" + line;
        }
    }

    /** SETMETAID(id): the first line of a new file system. */
    record MetaId(int ts, long metaId) implements LoggedChange {
        public String text() {
            return Integer.toUnsignedString(ts) + "|SETMETAID(" + Long.toUnsignedString(metaId) + ")";
        }
    }
}
