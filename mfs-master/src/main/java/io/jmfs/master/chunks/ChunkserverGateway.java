package io.jmfs.master.chunks;

/**
 * Commands the chunk layer sends to chunkservers (MATOCS_* packets). Implemented by the chunkserver network layer;
 * faked in tests. Calls return at once: answers come back later as calls to {@link ChunkManager}'s
 * {@code on...Result} methods on the metadata thread, correlated by (csid, chunk id), or not at all if the server
 * disconnects (then {@link ChunkManager#serverDisconnected} settles what was in flight). A command to a server
 * that is gone is simply dropped by the implementation.
 */
public interface ChunkserverGateway {
    /** MATOCS_CREATE(chunkid, version). */
    void create(int csid, long chunkId, int version);

    /** MATOCS_DELETE(chunkid, version); version 0 = whatever version the server has. */
    void delete(int csid, long chunkId, int version);

    /** MATOCS_DUPLICATE(newchunkid, newversion, oldchunkid, oldversion). */
    void duplicate(int csid, long newChunkId, int newVersion, long oldChunkId, int oldVersion);

    /** MATOCS_SET_VERSION(chunkid, newversion, oldversion). */
    void setVersion(int csid, long chunkId, int newVersion, int oldVersion);

    /** MATOCS_TRUNCATE(chunkid, length in chunk, newversion, oldversion). */
    void truncate(int csid, long chunkId, int length, int newVersion, int oldVersion);

    /** MATOCS_DUPTRUNC(newchunkid, newversion, oldchunkid, oldversion, length in chunk). */
    void duplicateTruncate(int csid, long newChunkId, int newVersion, long oldChunkId, int oldVersion, int length);

    /** MATOCS_REPLICATE(chunkid, version, srcip, srcport), sent to the destination server. */
    void replicate(int destinationCsid, long chunkId, int version, int sourceIp, int sourcePort);
}
