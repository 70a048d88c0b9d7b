package io.jmfs.master.chunks;

/**
 * The file side of the chunk records that touch a file's chunk table (WRITE, TRUNC, ROLLBACK, REPAIR): reading a
 * slot and changing it, the file's length and times, <em>without recording anything</em> (the chunk record that
 * causes the change is the one changelog line). The master wires it to the namespace's replay path
 * ({@link NamespaceFileSlots}); every method either applies or throws {@link IllegalStateException} describing why
 * it cannot, before changing anything.
 */
public interface FileChunkSlots {
    /** The chunk id at {@code index} of file {@code inode}, 0 for a hole; throws if the inode is not a file. */
    long chunkAt(int inode, int index);

    /** Makes {@code index} of file {@code inode} hold {@code chunkId} (0 = hole); file references move with it. */
    void setChunk(int ts, int inode, int index, long chunkId);

    /**
     * What a write grant does to the file: its length becomes at least the start of chunk {@code index}, when
     * {@code modTime} its mtime and ctime become {@code ts}, and a snapshot copy loses its "unmodified snapshot"
     * mark.
     */
    void prepareForWrite(int ts, int inode, int index, boolean modTime);

    /** mtime and ctime become {@code ts} (a repaired file). */
    void touch(int ts, int inode);
}
