package io.jmfs.client.cache;

import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where each chunk of each file lives, as the master last answered (READ_CHUNK or LOOKUP chunk-0 data). Entries
 * expire after a short time and are dropped when the master says a chunk changed (702), a length changed (703), or
 * all chunk caches are stale (706), and when a read through them failed. A stale entry is never dangerous: a
 * chunkserver refuses a wrong version, and the reader then asks the master again.
 */
public final class ChunkLocationCache {
    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Key(int inode, int index) {}

    private record Entry(ChunkData chunk, long fileLength, long storedNanos) {}

    /** A cached answer: the chunk and the file length the master reported with it. */
    public record Located(ChunkData chunk, long fileLength) {}

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

    public Optional<Located> get(int inode, int index) {
        Entry e = entries.get(new Key(inode, index));
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.storedNanos > TTL_NANOS) {
            entries.remove(new Key(inode, index), e);
            return Optional.empty();
        }
        return Optional.of(new Located(e.chunk, e.fileLength));
    }

    public void put(int inode, int index, ChunkData chunk, long fileLength) {
        entries.put(new Key(inode, index), new Entry(chunk, fileLength, System.nanoTime()));
    }

    public void invalidate(int inode, int index) {
        entries.remove(new Key(inode, index));
    }

    public void invalidateInode(int inode) {
        entries.keySet().removeIf(k -> k.inode == inode);
    }

    public void invalidateAll() {
        entries.clear();
    }
}
