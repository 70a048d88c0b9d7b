package io.jmfs.master.chunks;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What chunkservers tell the master about their copies: the chunk lists of registration and CHUNK_NEW, damaged
 * and lost chunks, answers to deletions and replications, and a server going away.
 */
final class ServerReports {
    private static final int MARKED_FOR_REMOVAL = 0x8000_0000;

    private final ChunkContext ctx;
    private final WritePath writes;

    ServerReports(ChunkContext ctx, WritePath writes) {
        this.ctx = ctx;
        this.writes = writes;
    }

    /**
     * A server has a copy ({@code rawVersion}'s high bit: on a disk marked for removal). Unknown chunks are adopted
     * unreferenced so the loop deletes them after the unused-chunk timeout; a copy whose version differs from the
     * chunk's is stale and recorded as such, to be deleted.
     */
    void chunkReported(int csid, long chunkId, int rawVersion) {
        boolean td = (rawVersion & MARKED_FOR_REMOVAL) != 0;
        int version = rawVersion & ~MARKED_FOR_REMOVAL;
        int now = ctx.clock.now();
        Chunk chunk = ctx.chunks.get(chunkId);
        if (chunk == null) {
            if (!adoptable(chunkId)) {
                return;
            }
            ctx.record(new ChunkChange.Adopted(now, chunkId, version, now + ctx.settings.unusedDeleteTimeout()));
            chunk = ctx.chunks.get(chunkId);
        }
        ChunkCopy existing = chunk.copyOn(csid);
        if (existing != null) {
            // already known: only the disk's "marked for removal" status may have changed
            if (existing.state().isValidOrBusy()) {
                existing.set(existing.state().onDisk(td), existing.version());
            }
            return;
        }
        CopyState state = version == chunk.version ? CopyState.VALID : CopyState.WRONG_VERSION;
        chunk.copies.add(new ChunkCopy(csid, state.onDisk(td), version));
        chunk.needVersionIncrease = true;
    }

    private boolean adoptable(long chunkId) {
        long next = ctx.chunks.nextChunkId();
        return chunkId != 0 && Long.compareUnsigned(chunkId, next + ChunkRegistry.MAX_ADOPTION_DISTANCE) <= 0;
    }

    /** CHUNK_DAMAGED: the copy's data is bad; it stays listed as INVALID until deleted. */
    void chunkDamaged(int csid, long chunkId) {
        Chunk chunk = ctx.chunks.get(chunkId);
        if (chunk == null) {
            if (!adoptable(chunkId)) {
                return;
            }
            int now = ctx.clock.now();
            ctx.record(new ChunkChange.Adopted(now, chunkId, 0, now + ctx.settings.unusedDeleteTimeout()));
            chunk = ctx.chunks.get(chunkId);
        }
        ChunkCopy copy = chunk.copyOn(csid);
        if (copy == null) {
            chunk.copies.add(new ChunkCopy(csid, CopyState.INVALID, 0));
        } else {
            copy.set(CopyState.INVALID, 0);
        }
        chunk.needVersionIncrease = true;
        settleOperationOf(chunk, csid);
    }

    /** CHUNK_LOST: the server no longer has the copy at all. */
    void chunkLost(int csid, long chunkId) {
        Chunk chunk = ctx.chunks.get(chunkId);
        if (chunk == null) {
            return;
        }
        if (removeCopy(chunk, csid)) {
            chunk.needVersionIncrease = true;
            settleOperationOf(chunk, csid);
            ctx.forgetIfUnused(chunk);
        }
    }

    /**
     * The server's session ended: its copies leave the registry (they come back if it registers again), its
     * answers will never come, and waiting requests are settled as if it had failed.
     */
    void serverDisconnected(int csid) {
        int now = ctx.clock.now();
        ctx.servers.disconnect(csid, now);
        ctx.replications.entrySet().removeIf(e -> {
            boolean involved = e.getKey().csid() == csid || e.getValue().sourceCsid() == csid;
            if (involved) {
                endReplicationCounters(e.getKey().csid(), e.getValue().sourceCsid());
                Chunk chunk = ctx.chunks.get(e.getKey().chunkId());
                if (chunk != null && e.getValue().undergoal()) {
                    endUndergoalReplication(chunk, e.getKey().csid(), false);
                }
            }
            return involved;
        });
        List<Chunk> touched = new ArrayList<>();
        for (Chunk chunk : ctx.chunks.all()) {
            if (chunk.copyOn(csid) != null) {
                touched.add(chunk);
            }
        }
        for (Chunk chunk : touched) {
            removeCopy(chunk, csid);
            chunk.needVersionIncrease = true;
            settleOperationOf(chunk, csid);
        }
    }

    private boolean removeCopy(Chunk chunk, int csid) {
        return chunk.copies.removeIf(c -> c.csid() == csid);
    }

    /** If an operation on the chunk awaited this server, count it as failed. */
    private void settleOperationOf(Chunk chunk, int csid) {
        if (chunk.pending != null && chunk.pending.awaiting.contains(csid)) {
            writes.operationResult(csid, chunk.id(), MfsStatus.DISCONNECTED);
        }
    }

    /** MATOCS_DELETE answered. */
    void deleteResult(int csid, long chunkId, MfsStatus status) {
        ChunkserverInfo cs = ctx.servers.connected(csid);
        if (cs != null) {
            cs.deletionAnswered();
        }
        Chunk chunk = ctx.chunks.get(chunkId);
        if (chunk == null) {
            return;
        }
        ChunkCopy copy = chunk.copyOn(csid);
        if (copy == null || copy.state() != CopyState.DEL) {
            return;
        }
        if (status.isOk() || status == MfsStatus.NOCHUNK) {
            chunk.copies.remove(copy);
            ctx.forgetIfUnused(chunk);
        } else {
            copy.set(CopyState.INVALID, 0); // tried again by a later loop pass
        }
    }

    /** MATOCS_REPLICATE answered by the destination. */
    void replicateResult(int csid, long chunkId, int version, MfsStatus status) {
        ChunkContext.Replication rep = ctx.replications.remove(new ChunkContext.CopyKey(csid, chunkId));
        if (rep != null) {
            endReplicationCounters(csid, rep.sourceCsid());
        }
        Chunk chunk = ctx.chunks.get(chunkId);
        if (chunk == null) {
            if (status.isOk()) {
                ctx.gateway.delete(csid, chunkId, 0);
            }
            return;
        }
        boolean good = status.isOk() && version == chunk.version;
        if (rep != null && rep.undergoal()) {
            endUndergoalReplication(chunk, csid, good);
            return;
        }
        if (!status.isOk()) {
            return;
        }
        ChunkCopy copy = chunk.copyOn(csid);
        if (copy == null) {
            chunk.copies.add(new ChunkCopy(csid, good ? CopyState.VALID : CopyState.WRONG_VERSION, version));
        } else if (!good && copy.state() == CopyState.VALID) {
            copy.set(CopyState.INVALID, 0);
        }
        chunk.needVersionIncrease = true;
    }

    /** An undergoal replication ended: its busy copy becomes valid or goes, and the chunk unlocks. */
    private void endUndergoalReplication(Chunk chunk, int destinationCsid, boolean good) {
        ChunkCopy copy = chunk.copyOn(destinationCsid);
        if (copy != null && copy.state().isBusy()) {
            if (good) {
                copy.set(CopyState.VALID, chunk.version);
            } else {
                chunk.copies.remove(copy);
            }
        }
        chunk.replicating = false;
        chunk.needVersionIncrease = true;
        ctx.chunks.expireLock(chunk);
        ctx.wake(chunk);
    }

    private void endReplicationCounters(int destinationCsid, int sourceCsid) {
        ChunkserverInfo dst = ctx.servers.connected(destinationCsid);
        if (dst != null) {
            dst.replicationEnded(true);
        }
        ChunkserverInfo src = ctx.servers.connected(sourceCsid);
        if (src != null) {
            src.replicationEnded(false);
        }
    }
}
