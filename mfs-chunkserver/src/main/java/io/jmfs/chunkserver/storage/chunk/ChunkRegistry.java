package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.chunkserver.storage.disk.Disk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chunk id to stored chunk, kept consistent with the per-disk chunk and block counts. Thread-safe; per-chunk
 * mutations are additionally serialised by the chunk's ordered worker.
 */
final class ChunkRegistry {
    private final Map<Long, Chunk> chunks = new ConcurrentHashMap<>();

    Chunk get(long id) {
        return chunks.get(id);
    }

    /** Adds a chunk unless its id is taken; true when added. */
    boolean addIfAbsent(Chunk c) {
        if (chunks.putIfAbsent(c.id, c) == null) {
            c.disk.chunkAdded(c.subfolder, c.blocks);
            return true;
        }
        return false;
    }

    /**
     * Adds a chunk found by a scan: a newer version replaces an older copy found earlier (the older file is left in
     * place, as MooseFS keeps duplicates for a while); returns the chunk that lost, or null.
     */
    synchronized Chunk addScanned(Chunk c) {
        Chunk existing = chunks.get(c.id);
        if (existing == null) {
            addIfAbsent(c);
            return null;
        }
        if (Integer.compareUnsigned(c.version, existing.version) <= 0) {
            return c;
        }
        remove(existing);
        addIfAbsent(c);
        return existing;
    }

    void remove(Chunk c) {
        if (chunks.remove(c.id, c)) {
            c.disk.chunkRemoved(c.subfolder, c.blocks);
        }
    }

    /** Records a new block count of a registered chunk. */
    void setBlocks(Chunk c, int blocks) {
        int delta = blocks - c.blocks;
        c.blocks = blocks;
        if (delta != 0 && chunks.get(c.id) == c) {
            c.disk.blocksChanged(delta);
        }
    }

    List<Chunk> all() {
        return new ArrayList<>(chunks.values());
    }

    /** Removes and returns every chunk stored on {@code disk}. */
    List<Chunk> removeAllOn(Disk disk) {
        List<Chunk> gone = new ArrayList<>();
        for (Chunk c : chunks.values()) {
            if (c.disk == disk && chunks.remove(c.id, c)) {
                disk.chunkRemoved(c.subfolder, c.blocks);
                gone.add(c);
            }
        }
        return gone;
    }

    int size() {
        return chunks.size();
    }
}
