package io.jmfs.master.chunks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One chunk in the registry. Persistent: id, version, lock expiry, archive flag (the changelog and metadata carry
 * them).
 * Derived when metadata loads: the number of files referencing it and its goal (from those files). Volatile:
 * copies (rebuilt from chunkserver registrations), the pending operation, the "version must be increased before
 * the next write" flag.
 */
public final class Chunk {
    private final long id;
    int version;
    /** Unix second up to which the chunk is locked for a writer (0 = unlocked); locked while {@code lockedTo >= now}. */
    int lockedTo;
    int fileCount;
    /** The storage class its files place it by (the one keeping most copies when files of several share it). */
    int sclass;
    /** Copies that class keeps: derived from {@link #sclass}, refreshed whenever the class is set or checked. */
    int goal;
    /**
     * Copies may have diverged since the last successful operation (after load, a (re)registered, lost or
     * replicated copy): the next write must increase the version first.
     */
    boolean needVersionIncrease = true;
    /** The client-visible operation running on the copies, or {@code null}. */
    PendingOperation pending;
    /** A high-priority replication (undergoal) is running: the chunk is locked until it ends. */
    boolean replicating;
    /**
     * Placed by its class's archive expressions instead of the keep ones. A boolean beside the two others, so it
     * takes a byte of the object's existing padding: the chunk object does not grow.
     */
    boolean archived;
    /** Servers whose write counters this chunk's current write holds (released at unlock). */
    int[] writeCounted = new int[0];
    final List<ChunkCopy> copies = new ArrayList<>(2);

    Chunk(long id, int version) {
        this.id = id;
        this.version = version;
    }

    public long id() {
        return id;
    }

    public int version() {
        return version;
    }

    public int lockedTo() {
        return lockedTo;
    }

    public boolean isLocked(int now) {
        return lockedTo != 0 && lockedTo >= now;
    }

    public int fileCount() {
        return fileCount;
    }

    public int goal() {
        return goal;
    }

    public boolean isArchived() {
        return archived;
    }

    public int sclass() {
        return sclass;
    }

    public boolean needsVersionIncrease() {
        return needVersionIncrease;
    }

    /** An operation or replication is running on its copies. */
    public boolean isBusy() {
        return pending != null || replicating;
    }

    public List<ChunkCopy> copies() {
        return Collections.unmodifiableList(copies);
    }

    ChunkCopy copyOn(int csid) {
        for (ChunkCopy c : copies) {
            if (c.csid() == csid) {
                return c;
            }
        }
        return null;
    }

    /** Copies holding current data on regular disks (what counts towards the goal). */
    public int regularValidCopies() {
        int n = 0;
        for (ChunkCopy c : copies) {
            if (c.state() == CopyState.VALID || c.state() == CopyState.BUSY) {
                n++;
            }
        }
        return n;
    }

    /** Copies holding current data on any disk, marked for removal or not. */
    public int allValidCopies() {
        int n = 0;
        for (ChunkCopy c : copies) {
            if (c.state().isValidOrBusy()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return String.format("chunk %016X_%08X(files=%d,sclass=%d,goal=%d,lockedTo=%d,archived=%b,copies=%s)", id, version,
                fileCount, sclass, goal, lockedTo, archived, copies);
    }
}
