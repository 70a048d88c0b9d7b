package io.jmfs.master.chunks;

import io.jmfs.master.fs.ChunkReleaser;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The chunk table: chunk id to {@link Chunk}, the next id to hand out (ids are never reused, even after a chunk is
 * deleted), and the ids currently locked. Persistent fields change only in {@link #apply(ChunkChange)}, the path
 * live operations (after recording to the sink) and changelog replay share.
 */
public final class ChunkRegistry {
    /** Ids reported by a chunkserver beyond this distance from the next id are treated as garbage, not adopted. */
    static final long MAX_ADOPTION_DISTANCE = 1_000_000_000L;

    private final ChunkChangeSink sink;
    private final TreeMap<Long, Chunk> chunks = new TreeMap<>(Long::compareUnsigned);
    private final Set<Long> locked = new HashSet<>();
    private long nextChunkId = 1;

    public ChunkRegistry(ChunkChangeSink sink) {
        this.sink = Objects.requireNonNull(sink);
    }

    public Chunk get(long chunkId) {
        return chunks.get(chunkId);
    }

    public int size() {
        return chunks.size();
    }

    public Collection<Chunk> all() {
        return Collections.unmodifiableCollection(chunks.values());
    }

    /** The first chunk with an id above {@code afterId} (wrapping is the caller's business), or {@code null}. */
    Chunk nextAfter(long afterId) {
        Map.Entry<Long, Chunk> e = chunks.higherEntry(afterId);
        return e == null ? null : e.getValue();
    }

    Chunk first() {
        return chunks.isEmpty() ? null : chunks.firstEntry().getValue();
    }

    /** The id the next new chunk gets. */
    public long nextChunkId() {
        return nextChunkId;
    }

    /** Set when metadata loads (CHNK section's nextchunkid); never lowered. */
    public void loadNextChunkId(long id) {
        if (Long.compareUnsigned(id, nextChunkId) > 0) {
            nextChunkId = id;
        }
    }

    /** Ids of chunks with a lock set (expired or not). */
    Set<Long> lockedIds() {
        return locked;
    }

    /** Loads a chunk from metadata ({@code CHNK}: id, version, lockedto); copies arrive with the servers. */
    public void load(long chunkId, int version, int lockedTo) {
        if (chunkId == 0) {
            throw new IllegalArgumentException("chunk id 0 is reserved");
        }
        Chunk c = new Chunk(chunkId, version);
        put(c);
        setLock(c, lockedTo);
    }

    /** A file (re)gains a reference to the chunk: metadata load, snapshot, hard link of chunks (no record). */
    public void addFileReference(long chunkId, int goal) {
        Chunk c = chunks.get(chunkId);
        if (c == null) {
            throw new IllegalStateException("file references an unknown chunk " + Long.toHexString(chunkId));
        }
        c.fileCount++;
        c.goal = Math.max(c.goal, goal);
    }

    /**
     * A file stopped referencing the chunk (removed, shortened); the namespace's releaser calls this during live
     * operations and replay alike. The chunk itself is deleted by the chunk loop once its copies are gone.
     */
    public void releaseFileReference(long chunkId) {
        Chunk c = chunks.get(chunkId);
        if (c != null && c.fileCount > 0) {
            c.fileCount--;
            if (c.fileCount == 0) {
                c.goal = 0;
            }
        }
    }

    /**
     * The namespace's hook that keeps the file counts (and goals) of this registry's chunks, for a namespace wired
     * to nothing else (standalone metadata, tools, tests); the master routes the same calls through its chunk manager.
     */
    public ChunkReleaser fileReferences() {
        return new ChunkReleaser() {
            @Override
            public void released(int inode, long chunkId) {
                releaseFileReference(chunkId);
            }

            @Override
            public void referenced(int inode, long chunkId, int goal) {
                addFileReference(chunkId, goal);
            }

            @Override
            public void goalChanged(int inode, long chunkId, int goal) {
                setGoal(chunkId, goal);
            }
        };
    }

    /** The goal of the files referencing the chunk changed (the highest one wins for shared chunks). */
    public void setGoal(long chunkId, int goal) {
        Chunk c = chunks.get(chunkId);
        if (c != null && c.fileCount > 0) {
            c.goal = goal;
        }
    }

    void record(ChunkChange change) {
        sink.record(change);
        apply(change);
    }

    /** Applies one change; the only place persistent chunk fields change. */
    public void apply(ChunkChange change) {
        switch (change) {
            // file references are not counted here but by the file's SETFILECHUNK that follows (addFileReference,
            // releaseFileReference): a kill between the two lines must not leave a count that no file backs
            case ChunkChange.Created c -> {
                Chunk chunk = new Chunk(c.chunkId(), c.version());
                chunk.goal = c.goal();
                chunk.needVersionIncrease = false;
                put(chunk);
                setLock(chunk, c.lockedTo());
            }
            case ChunkChange.CopiedOnWrite c -> {
                Chunk old = required(c.oldChunkId(), c);
                Chunk chunk = new Chunk(c.newChunkId(), 1);
                chunk.goal = old.goal;
                chunk.needVersionIncrease = false;
                put(chunk);
                setLock(chunk, c.lockedTo());
            }
            case ChunkChange.VersionSet c -> {
                Chunk chunk = required(c.chunkId(), c);
                chunk.version = c.version();
                setLock(chunk, c.lockedTo());
            }
            case ChunkChange.Locked c -> setLock(required(c.chunkId(), c), c.lockedTo());
            case ChunkChange.Unlocked c -> setLock(required(c.chunkId(), c), 0);
            case ChunkChange.Adopted c -> {
                Chunk chunk = new Chunk(c.chunkId(), c.version());
                put(chunk);
                setLock(chunk, c.lockedTo());
            }
            case ChunkChange.Deleted c -> {
                Chunk chunk = chunks.remove(c.chunkId());
                if (chunk == null) {
                    throw new IllegalStateException("delete of an unknown chunk: " + c);
                }
                locked.remove(c.chunkId());
            }
        }
    }

    private void put(Chunk chunk) {
        if (chunks.putIfAbsent(chunk.id(), chunk) != null) {
            throw new IllegalStateException("chunk id " + Long.toHexString(chunk.id()) + " already exists");
        }
        if (Long.compareUnsigned(chunk.id(), nextChunkId) >= 0) {
            nextChunkId = chunk.id() + 1;
        }
    }

    /**
     * Locks without a record while an undergoal replication runs (MooseFS does not log it either: after a restart
     * the replication is gone anyway).
     */
    void lockTransiently(Chunk chunk, int lockedTo) {
        setLock(chunk, lockedTo);
    }

    /** Unlocks without a record: lock expiry is derived from time, replay reaches the same state by itself. */
    void expireLock(Chunk chunk) {
        setLock(chunk, 0);
    }

    private void setLock(Chunk chunk, int lockedTo) {
        chunk.lockedTo = lockedTo;
        if (lockedTo != 0) {
            locked.add(chunk.id());
        } else {
            locked.remove(chunk.id());
        }
    }

    private Chunk required(long chunkId, ChunkChange c) {
        Chunk chunk = chunks.get(chunkId);
        if (chunk == null) {
            throw new IllegalStateException("change for an unknown chunk: " + c);
        }
        return chunk;
    }
}
