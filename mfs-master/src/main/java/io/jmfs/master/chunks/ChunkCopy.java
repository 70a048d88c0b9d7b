package io.jmfs.master.chunks;

/** One copy of a chunk: the server holding it, its state and the version that server has (0 when unknown). */
public final class ChunkCopy {
    private final int csid;
    private CopyState state;
    private int version;

    ChunkCopy(int csid, CopyState state, int version) {
        this.csid = csid;
        this.state = state;
        this.version = version;
    }

    public int csid() {
        return csid;
    }

    public CopyState state() {
        return state;
    }

    public int version() {
        return version;
    }

    void set(CopyState newState, int newVersion) {
        this.state = newState;
        this.version = newVersion;
    }

    @Override
    public String toString() {
        return "cs#" + csid + ":" + state + "@" + version;
    }
}
