package io.jmfs.master.chunks;

import io.jmfs.master.fs.ChunkArchiveFlags;
import io.jmfs.master.fs.ChunkReleaser;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.master.sclass.StorageClassTable;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The chunk table: chunk id to {@link Chunk}, the next id to hand out (ids are never reused, even after a chunk is
 * deleted), and the ids currently locked. Persistent fields change only in {@link #apply(ChunkChange, FileChunkSlots)}, the path
 * live operations (after recording to the sink) and changelog replay share.
 */
public final class ChunkRegistry {
    /** Ids reported by a chunkserver beyond this distance from the next id are treated as garbage, not adopted. */
    static final long MAX_ADOPTION_DISTANCE = 1_000_000_000L;
    /** How long a write or truncate locks its chunk (MooseFS's LOCKTIMEOUT; replay derives the same lock). */
    public static final int WRITE_LOCK_SECONDS = 120;

    private final ChunkChangeSink sink;
    private final TreeMap<Long, Chunk> chunks = new TreeMap<>(Long::compareUnsigned);
    private final Set<Long> locked = new HashSet<>();
    private long nextChunkId = 1;
    /** Where class ids resolve to definitions: the namespace's table once wired, the predefined ones until then. */
    private StorageClassTable classes = new StorageClassTable();

    public ChunkRegistry(ChunkChangeSink sink) {
        this.sink = Objects.requireNonNull(sink);
    }

    /** Resolves the chunks' class ids through this table (the namespace's) from now on. */
    public void useClasses(StorageClassTable table) {
        this.classes = Objects.requireNonNull(table);
    }

    /**
     * The class a chunk is placed by (the default class for an unknown id), as the table defines it now; the
     * chunk's cached goal is refreshed from it, so a modified class takes effect when the loop next visits.
     */
    public StorageClass classOf(Chunk chunk) {
        StorageClass c = classes.effective(chunk.sclass);
        chunk.goal = chunk.fileCount == 0 ? 0 : c.goal(chunk.archived);
        return c;
    }

    /** The definition of class {@code sclass} (the default class for an unknown id). */
    public StorageClass definition(int sclass) {
        return classes.effective(sclass);
    }

    /** Places the chunk by class {@code sclass} from now on. */
    void assignClass(Chunk chunk, int sclass) {
        chunk.sclass = sclass;
        chunk.goal = classes.effective(sclass).goal(chunk.archived);
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
        load(chunkId, version, lockedTo, false);
    }

    /** Loads a chunk from metadata with its archive flag ({@code CHNK} 1.1's last byte). */
    public void load(long chunkId, int version, int lockedTo, boolean archived) {
        if (chunkId == 0) {
            throw new IllegalArgumentException("chunk id 0 is reserved");
        }
        Chunk c = new Chunk(chunkId, version);
        c.archived = archived;
        put(c);
        setLock(c, lockedTo);
    }

    /**
     * The namespace's view of the archive flags. The flag changes only through it, on behalf of the namespace's
     * ARCHCHG record (live and replay alike), so it follows the changelog line by line; the goal follows the flag
     * at once and the chunk loop re-places the chunk's copies when it next visits.
     */
    public ChunkArchiveFlags archiveFlags() {
        return new ChunkArchiveFlags() {
            @Override
            public int flag(long chunkId) {
                Chunk c = chunks.get(chunkId);
                return c == null ? UNKNOWN : c.archived ? 1 : 0;
            }

            @Override
            public boolean set(long chunkId, boolean archived) {
                Chunk c = chunks.get(chunkId);
                if (c == null || c.archived == archived) {
                    return false;
                }
                c.archived = archived;
                if (c.fileCount > 0) {
                    c.goal = classes.effective(c.sclass).goal(archived);
                }
                return true;
            }
        };
    }

    /** A file (re)gains a reference to the chunk: metadata load, snapshot, hard link of chunks (no record). */
    public void addFileReference(long chunkId, int sclass) {
        Chunk c = chunks.get(chunkId);
        if (c == null) {
            throw new IllegalStateException("file references an unknown chunk " + Long.toHexString(chunkId));
        }
        c.fileCount++;
        if (c.sclass == 0 || classes.effective(sclass).goal() > classes.effective(c.sclass).goal()) {
            assignClass(c, sclass);
        }
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
                c.sclass = 0;
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
            public void referenced(int inode, long chunkId, int sclass) {
                addFileReference(chunkId, sclass);
            }

            @Override
            public void goalChanged(int inode, long chunkId, int sclass) {
                setGoal(chunkId, sclass);
            }
        };
    }

    /** The storage class of a file referencing the chunk changed to {@code sclass} (the last change wins). */
    public void setGoal(long chunkId, int sclass) {
        Chunk c = chunks.get(chunkId);
        if (c != null && c.fileCount > 0) {
            assignClass(c, sclass);
        }
    }

    /** Records a change to the sink, then applies it (the live path). */
    void record(ChunkChange change, FileChunkSlots slots) {
        sink.record(change);
        apply(change, slots);
    }

    /**
     * Applies one change; the only place persistent chunk fields change. Records that touch a file's chunk table
     * change it through {@code slots} (nothing else is recorded for them). The chunk a WRITE or TRUNC ends on is
     * decided here from the state, live and in replay alike, and must be the one the record names: a new chunk
     * takes the next chunk id, a shared chunk is duplicated into a new one, a private chunk keeps its id.
     *
     * @throws IllegalStateException when the record does not fit the state (nothing changed then)
     */
    public void apply(ChunkChange change, FileChunkSlots slots) {
        switch (change) {
            case ChunkChange.Write w -> {
                long old = slots.chunkAt(w.inode(), w.index());
                Chunk chunk;
                if (old == 0) {
                    chunk = newChunk(w.chunkId(), w);
                } else {
                    Chunk current = required(old, w);
                    if (current.fileCount > 1) {
                        chunk = newChunk(w.chunkId(), w); // copy-on-write: the other files keep the old chunk
                        assignClass(chunk, current.sclass);
                    } else {
                        requireSame(old, w.chunkId(), w);
                        chunk = current;
                        if (w.opflag() != 0) {
                            chunk.version++;
                            chunk.needVersionIncrease = false;
                        }
                    }
                }
                setLock(chunk, w.ts() + WRITE_LOCK_SECONDS);
                slots.prepareForWrite(w.ts(), w.inode(), w.index(), w.canModTime());
                if (old != chunk.id()) {
                    slots.setChunk(w.ts(), w.inode(), w.index(), chunk.id());
                }
            }
            case ChunkChange.Trunc t -> {
                long old = slots.chunkAt(t.inode(), t.index());
                if (old == 0) {
                    throw new IllegalStateException("truncate of a hole: " + t);
                }
                Chunk current = required(old, t);
                Chunk chunk;
                if (current.fileCount > 1) {
                    chunk = newChunk(t.chunkId(), t);
                    assignClass(chunk, current.sclass);
                } else {
                    requireSame(old, t.chunkId(), t);
                    chunk = current;
                    chunk.version++;
                    chunk.needVersionIncrease = false;
                }
                setLock(chunk, t.ts() + WRITE_LOCK_SECONDS);
                if (old != chunk.id()) {
                    slots.setChunk(t.ts(), t.inode(), t.index(), chunk.id());
                }
            }
            case ChunkChange.Rollback r -> {
                if (r.previousChunkId() != r.chunkId()) {
                    slots.setChunk(r.ts(), r.inode(), r.index(), r.previousChunkId());
                }
                Chunk chunk = chunks.get(r.chunkId());
                if (chunk != null) {
                    setLock(chunk, 0);
                }
            }
            case ChunkChange.Unlocked c -> setLock(required(c.chunkId(), c), 0);
            case ChunkChange.VersionSet c -> required(c.chunkId(), c).version = c.version();
            case ChunkChange.VersionIncreased c -> required(c.chunkId(), c).version++;
            case ChunkChange.NextChunkId c -> {
                if (Long.compareUnsigned(c.chunkId(), nextChunkId) <= 0) {
                    throw new IllegalStateException("next chunk id " + Long.toUnsignedString(nextChunkId)
                            + " is not below " + c);
                }
                nextChunkId = c.chunkId();
            }
            case ChunkChange.Repaired c -> {
                long id = slots.chunkAt(c.inode(), c.index());
                Chunk chunk = required(id, c);
                if (c.version() == 0) {
                    slots.setChunk(c.ts(), c.inode(), c.index(), 0);
                } else {
                    chunk.version = c.version();
                    chunk.needVersionIncrease = true;
                }
                slots.touch(c.ts(), c.inode());
            }
            case ChunkChange.Adopted c -> {
                Chunk chunk = new Chunk(c.chunkId(), c.version());
                put(chunk);
                setLock(chunk, c.lockedTo());
            }
            case ChunkChange.Deleted c -> {
                Chunk chunk = required(c.chunkId(), c);
                if (chunk.version != c.version() || chunk.fileCount != 0) {
                    throw new IllegalStateException("delete of " + chunk + " does not fit " + c);
                }
                chunks.remove(c.chunkId());
                locked.remove(c.chunkId());
            }
        }
    }

    /** A chunk the registry does not have yet, with the next chunk id, version 1, current on its copies. */
    private Chunk newChunk(long chunkId, ChunkChange cause) {
        if (chunkId != nextChunkId) {
            throw new IllegalStateException("new chunk id " + Long.toUnsignedString(chunkId) + " is not the next id "
                    + Long.toUnsignedString(nextChunkId) + ": " + cause);
        }
        Chunk chunk = new Chunk(chunkId, 1);
        chunk.needVersionIncrease = false;
        put(chunk);
        return chunk;
    }

    private static void requireSame(long slotChunk, long recorded, ChunkChange cause) {
        if (slotChunk != recorded) {
            throw new IllegalStateException("the file holds chunk " + Long.toUnsignedString(slotChunk) + ", not "
                    + Long.toUnsignedString(recorded) + ": " + cause);
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
