package io.jmfs.client.io;

import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply;
import java.io.IOException;

/** The three master calls the data path needs; the client implements them over its master session. */
public interface ChunkMaster {
    /** READ_CHUNK: where the chunk at {@code index} lives (chunkid 0 for a hole) and the file's length. */
    ChunkReply readChunk(int inode, int index) throws IOException;

    /** WRITE_CHUNK: creates or locks the chunk for writing and returns its chain. */
    ChunkReply writeChunk(int inode, int index, int chunkOpFlags) throws IOException;

    /** WRITE_CHUNK_END: unlocks the chunk and sets the file's new length. */
    void writeChunkEnd(long chunkId, int inode, int index, long fileLength, int chunkOpFlags) throws IOException;
}
