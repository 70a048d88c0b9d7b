package io.jmfs.master.fs.change;

/** Receives every change before it is applied (the changelog writer in production, a list in tests). */
@FunctionalInterface
public interface ChangeSink {
    void record(Change change);

    ChangeSink DISCARD = change -> { };
}
