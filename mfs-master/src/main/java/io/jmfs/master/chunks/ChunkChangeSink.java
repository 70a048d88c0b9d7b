package io.jmfs.master.chunks;

/** Receives every chunk registry change before it is applied (the changelog writer; a list in tests). */
@FunctionalInterface
public interface ChunkChangeSink {
    void record(ChunkChange change);

    ChunkChangeSink DISCARD = change -> { };
}
