package io.jmfs.master.chunks;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.ChunkserverRegistry;
import io.jmfs.master.cluster.HealthStatus;
import io.jmfs.master.cluster.SpaceReport;
import io.jmfs.master.cluster.Topology;
import io.jmfs.master.fs.ChunkReleaser;
import io.jmfs.master.fs.MetaClock;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.chunkserver.ChunkVersion;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The chunk layer's entry point for the rest of the master: client requests (write, write end, truncate, read
 * lookup), chunkserver sessions (registration, reports, answers, disconnection), the periodic tick (lock timeouts
 * and the chunk loop), monitoring counts and changelog replay. Everything runs on the metadata thread; commands to
 * chunkservers leave through the {@link ChunkserverGateway}.
 */
public final class ChunkManager {
    private final ChunkContext ctx;
    private final WritePath writes;
    private final ServerReports reports;
    private final ChunkLoop loop;

    public ChunkManager(ChunkRegistry chunks, ChunkserverRegistry servers, ChunkserverGateway gateway,
                        FileChunkSlots slots, MetaClock clock, ChunkSettings settings) {
        this.ctx = new ChunkContext(chunks, servers, gateway, clock, settings, slots);
        this.writes = new WritePath(ctx);
        this.reports = new ServerReports(ctx, writes);
        this.loop = new ChunkLoop(ctx);
    }

    public ChunkRegistry chunks() {
        return ctx.chunks;
    }

    public ChunkserverRegistry servers() {
        return ctx.servers;
    }

    public ChunkLoop loop() {
        return loop;
    }

    /** Replaces the topology (mfstopology.cfg loaded or reloaded). */
    public void setTopology(Topology topology) {
        ctx.topology = Objects.requireNonNull(topology);
    }

    /** The namespace's hook: a file stopped referencing a chunk. */
    public ChunkReleaser releaser() {
        return new ChunkReleaser() {
            @Override
            public void released(int inode, long chunkId) {
                ctx.chunks.releaseFileReference(chunkId);
            }

            @Override
            public void referenced(int inode, long chunkId, int sclass) {
                ctx.chunks.addFileReference(chunkId, sclass);
            }

            @Override
            public void goalChanged(int inode, long chunkId, int sclass) {
                ctx.chunks.setGoal(chunkId, sclass);
            }
        };
    }

    // ---- clients ------------------------------------------------------------------------------------------------

    /**
     * WRITE_CHUNK: makes chunk {@code index} of file {@code inode} writable and answers once the chunkservers
     * confirmed: a new chunk on up to {@code goal} servers, a copy-on-write duplicate of a chunk shared with a
     * snapshot, or the existing chunk with its version increased when its copies may have diverged. The chunk
     * stays locked until {@link #writeEnd} or the lock timeout. Requests for a locked chunk wait for it.
     *
     * @param opFlags CHUNKOPFLAG_* bits (0x02 CONTINUEOP passes the caller's own lock)
     * @param clientIp the client's address, for ordering the copies by topology
     */
    public void prepareWrite(int inode, int index, int sclass, int opFlags, int clientIp, Consumer<WriteGrant> reply) {
        writes.prepareWrite(inode, index, sclass, opFlags, clientIp, Objects.requireNonNull(reply));
    }

    /** WRITE_CHUNK_END: unlocks the chunk (the caller updates the file length). */
    public MfsStatus writeEnd(long chunkId) {
        return writes.writeEnd(chunkId);
    }

    /** Shortens chunk {@code index} of a file to {@code lengthInChunk} bytes (TRUNCATE or DUPTRUNC). */
    public void truncate(int inode, int index, int lengthInChunk, int clientIp, Consumer<WriteGrant> reply) {
        writes.truncate(inode, index, lengthInChunk, clientIp, Objects.requireNonNull(reply));
    }

    /** READ_CHUNK: the chunk's version and readable copies, nearest to the client first, then least loaded. */
    public ChunkLookup locate(long chunkId, int clientIp) {
        Chunk chunk = ctx.chunks.get(chunkId);
        if (chunk == null) {
            return new ChunkLookup(MfsStatus.NOCHUNK, 0, java.util.List.of());
        }
        var locations = ctx.locations(chunk, clientIp);
        if (locations.isEmpty() && ctx.servers.allServersConnected()) {
            return new ChunkLookup(MfsStatus.CHUNKLOST, chunk.version, locations);
        }
        return new ChunkLookup(MfsStatus.OK, chunk.version, locations);
    }

    /**
     * Runs {@code task} once the chunk is neither locked by a writer nor busy with an operation: at once if it is
     * free (or unknown), otherwise when it becomes free. READ_CHUNK waits this way, as in MooseFS, so a reader does
     * not see a chunk in the middle of a write.
     */
    public void whenUnlocked(long chunkId, Runnable task) {
        Objects.requireNonNull(task);
        Chunk chunk = ctx.chunks.get(chunkId);
        if (chunk != null && (chunk.isBusy() || chunk.isLocked(ctx.clock.now()))) {
            ctx.defer(chunkId, () -> whenUnlocked(chunkId, task));
            return;
        }
        task.run();
    }

    // ---- chunkservers -------------------------------------------------------------------------------------------

    /**
     * CSTOMA_REGISTER: a chunkserver announces itself. Returns its registry entry (with the csid to answer), or
     * {@code null} when the same server already has a session.
     */
    public ChunkserverInfo registerChunkserver(int ip, int port, int csid, int version, SpaceReport space) {
        ChunkserverInfo info = ctx.servers.connect(ip, port, csid, version, ctx.clock.now());
        if (info != null) {
            info.setSpace(space);
        }
        return info;
    }

    /**
     * The server starts listing its chunks (after CSTOMA_REGISTER version 60): until {@link #registrationEnded} it
     * gets no new copies, as copies it has not listed yet would look missing.
     */
    public void registrationStarted(int csid) {
        requireConnected(csid).setListingChunks(true);
    }

    /** The server's registration chunk list is complete (CSTOMA_REGISTER version 62): it may now get new copies. */
    public void registrationEnded(int csid) {
        requireConnected(csid).setListingChunks(false);
    }

    /** One entry of a registration chunk list or CHUNK_NEW (version's high bit: disk marked for removal). */
    public void chunkReported(int csid, long chunkId, int rawVersion) {
        requireConnected(csid);
        reports.chunkReported(csid, chunkId, rawVersion);
    }

    public void chunksReported(int csid, Iterable<ChunkVersion> chunks) {
        requireConnected(csid);
        for (ChunkVersion cv : chunks) {
            reports.chunkReported(csid, cv.chunkId(), cv.version());
        }
    }

    public void spaceReported(int csid, SpaceReport space) {
        requireConnected(csid).setSpace(space);
    }

    public void loadReported(int csid, int load, int hlStatus) {
        requireConnected(csid).setLoad(load, HealthStatus.ofCode(hlStatus));
    }

    public void labelsReported(int csid, int labelMask) {
        requireConnected(csid).setLabelMask(labelMask);
    }

    public void errorReported(int csid) {
        requireConnected(csid).errorOccurred();
    }

    public void chunkDamaged(int csid, long chunkId) {
        requireConnected(csid);
        reports.chunkDamaged(csid, chunkId);
    }

    public void chunkLost(int csid, long chunkId) {
        requireConnected(csid);
        reports.chunkLost(csid, chunkId);
    }

    /** CSTOMA_REGISTER version 63: the server stops gracefully (temporary maintenance; the session ends next). */
    public void gracefulStop(int csid) {
        ctx.servers.gracefulStop(csid, ctx.clock.now());
    }

    /** The server's session ended: its copies leave the registry and what waited on it is settled. */
    public void serverDisconnected(int csid) {
        reports.serverDisconnected(csid);
    }

    public void onCreateResult(int csid, long chunkId, MfsStatus status) {
        writes.operationResult(csid, chunkId, status);
    }

    public void onDuplicateResult(int csid, long chunkId, MfsStatus status) {
        writes.operationResult(csid, chunkId, status);
    }

    public void onSetVersionResult(int csid, long chunkId, MfsStatus status) {
        writes.operationResult(csid, chunkId, status);
    }

    public void onTruncateResult(int csid, long chunkId, MfsStatus status) {
        writes.operationResult(csid, chunkId, status);
    }

    public void onDuplicateTruncateResult(int csid, long chunkId, MfsStatus status) {
        writes.operationResult(csid, chunkId, status);
    }

    public void onDeleteResult(int csid, long chunkId, MfsStatus status) {
        reports.deleteResult(csid, chunkId, status);
    }

    public void onReplicateResult(int csid, long chunkId, int version, MfsStatus status) {
        reports.replicateResult(csid, chunkId, version, status);
    }

    private ChunkserverInfo requireConnected(int csid) {
        ChunkserverInfo info = ctx.servers.connected(csid);
        if (info == null) {
            throw new IllegalStateException("no registered chunkserver with csid " + csid);
        }
        return info;
    }

    // ---- time, monitoring, replay -------------------------------------------------------------------------------

    /**
     * Called about once a second: ends maintenance that is over, unlocks chunks whose writers timed out, then runs
     * a slice of the chunk loop.
     */
    public void tick() {
        int now = ctx.clock.now();
        ctx.servers.endExpiredMaintenance(now);
        writes.expireLocks(now);
        loop.tick(now);
    }

    public ChunkCounts counts() {
        return ChunkCounts.of(ctx.chunks.all());
    }

    /** Changelog replay of a chunk change (the live path records through the sink and applies the same way). */
    public void replay(ChunkChange change) {
        ctx.chunks.apply(change, ctx.slots);
    }
}
