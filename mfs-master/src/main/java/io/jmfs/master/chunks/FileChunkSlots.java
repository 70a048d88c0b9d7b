package io.jmfs.master.chunks;

/**
 * The namespace hook the write path needs: which chunk a file holds at an index, and putting a new chunk id
 * there (a new chunk or a copy-on-write duplicate). The master wires it to {@code Namespace.chunkAt/setChunk};
 * the namespace records that change itself.
 */
public interface FileChunkSlots {
    /** The chunk id at {@code index} of file {@code inode}, 0 for a hole. */
    long chunkAt(int inode, int index);

    /** Makes {@code index} of file {@code inode} hold {@code chunkId}. */
    void setChunk(int inode, int index, long chunkId);
}
