package io.jmfs.master.chunks;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.ServerSelector;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.master.sclass.StorageClassTable;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Client-driven chunk changes: preparing a write (new chunk, copy-on-write duplicate, version increase, lock),
 * ending it, truncating the last chunk, and settling the chunkservers' answers to those commands.
 *
 * <p>A request for a chunk that is locked by another writer or has an operation running is not refused: it waits
 * and is run again when the chunk becomes free (write end, lock timeout, operation end).
 */
final class WritePath {
    /** CHUNKOPFLAG_CONTINUEOP: the client resumes its own write and may pass its own lock. */
    static final int CONTINUE_OP = 0x02;

    private final ChunkContext ctx;

    WritePath(ChunkContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Logs one WRITE and applies it (the registry decides new chunk, duplicate or same chunk exactly as replay
     * does), then starts the chunkserver operation that makes the granted chunk real: CREATE, DUPLICATE or
     * SET_VERSION; a chunk needing none is granted at once.
     */
    void prepareWrite(int inode, int index, int sclass, int opFlags, int clientIp, Consumer<WriteGrant> reply) {
        if (sclass < 1 || sclass > StorageClassTable.MAX_ID) {
            throw new IllegalArgumentException("storage class id must be 1.." + StorageClassTable.MAX_ID + ": "
                    + sclass);
        }
        int now = ctx.clock.now();
        long chunkId = ctx.slots.chunkAt(inode, index);
        if (chunkId == 0) {
            createChunk(inode, index, sclass, clientIp, reply, now);
            return;
        }
        Chunk chunk = ctx.chunks.get(chunkId);
        if (chunk == null) {
            reply.accept(WriteGrant.failed(MfsStatus.NOCHUNK));
            return;
        }
        boolean continuing = (opFlags & CONTINUE_OP) != 0;
        if (chunk.isBusy() || (chunk.isLocked(now) && !continuing)) {
            ctx.defer(chunkId, () -> prepareWrite(inode, index, sclass, opFlags, clientIp, reply));
            return;
        }
        List<ChunkCopy> sources = readableCopies(chunk);
        if (sources.isEmpty()) {
            reply.accept(WriteGrant.failed(noCopiesStatus()));
            return;
        }
        if (chunk.fileCount > 1) {
            long newId = ctx.chunks.nextChunkId();
            ctx.record(new ChunkChange.Write(now, inode, index, 1, false, newId));
            Chunk copy = ctx.chunks.get(newId);
            ctx.chunks.assignClass(copy, ctx.chunks.definition(sclass).goal() >= chunk.goal ? sclass : chunk.sclass);
            start(copy, PendingOperation.Kind.DUPLICATE, sources, 1,
                    csid -> ctx.gateway.duplicate(csid, newId, 1, chunkId, chunk.version),
                    status -> answerWrite(inode, index, chunkId, newId, clientIp, status, reply));
        } else if (chunk.needVersionIncrease) {
            int oldVersion = chunk.version;
            ctx.record(new ChunkChange.Write(now, inode, index, 1, false, chunkId));
            int newVersion = chunk.version;
            ctx.chunks.assignClass(chunk, sclass);
            start(chunk, PendingOperation.Kind.SET_VERSION, sources, newVersion,
                    csid -> ctx.gateway.setVersion(csid, chunkId, newVersion, oldVersion),
                    status -> answerWrite(inode, index, chunkId, chunkId, clientIp, status, reply));
        } else {
            ctx.record(new ChunkChange.Write(now, inode, index, 0, false, chunkId));
            ctx.chunks.assignClass(chunk, sclass);
            answerWrite(inode, index, chunkId, chunkId, clientIp, MfsStatus.OK, reply);
        }
    }

    private void createChunk(int inode, int index, int sclass, int clientIp, Consumer<WriteGrant> reply, int now) {
        StorageClass cls = ctx.chunks.definition(sclass);
        ServerSelector.Choice choice = ctx.selector.forNewChunk(cls.create(), cls.mode());
        if (!choice.found()) {
            // as MooseFS: "try again" while servers are busy or missing, a hard error only when all are here
            MfsStatus status;
            if (choice.shortage() == ServerSelector.Shortage.OVERLOADED || !ctx.servers.allServersConnected()) {
                status = MfsStatus.EAGAIN;
            } else if (choice.shortage() == ServerSelector.Shortage.NO_SERVERS) {
                status = MfsStatus.NOCHUNKSERVERS;
            } else {
                status = MfsStatus.NOSPACE;
            }
            reply.accept(WriteGrant.failed(status));
            return;
        }
        long newId = ctx.chunks.nextChunkId();
        ctx.record(new ChunkChange.Write(now, inode, index, 1, false, newId));
        Chunk chunk = ctx.chunks.get(newId);
        ctx.chunks.assignClass(chunk, sclass);
        PendingOperation op = new PendingOperation(PendingOperation.Kind.CREATE,
                status -> answerWrite(inode, index, 0, newId, clientIp, status, reply));
        chunk.pending = op;
        for (ChunkserverInfo cs : choice.servers()) {
            chunk.copies.add(new ChunkCopy(cs.csid(), CopyState.BUSY, 1));
            op.awaiting.add(cs.csid());
        }
        for (ChunkserverInfo cs : choice.servers()) {
            ctx.gateway.create(cs.csid(), newId, 1);
        }
    }

    /**
     * Marks the copies busy at {@code newVersion} (or, for a new chunk id, adds busy copies on the same servers),
     * then sends the command to each.
     */
    private void start(Chunk target, PendingOperation.Kind kind, List<ChunkCopy> sources, int newVersion,
                       java.util.function.IntConsumer send, Consumer<MfsStatus> onDone) {
        PendingOperation op = new PendingOperation(kind, onDone);
        target.pending = op;
        List<Integer> csids = new ArrayList<>();
        for (ChunkCopy source : sources) {
            boolean td = source.state().isMarkedForRemoval();
            if (op.createsCopies()) {
                target.copies.add(new ChunkCopy(source.csid(), CopyState.BUSY.onDisk(td), newVersion));
            } else {
                source.set(CopyState.BUSY.onDisk(td), newVersion);
            }
            op.awaiting.add(source.csid());
            csids.add(source.csid());
        }
        for (int csid : csids) {
            send.accept(csid);
        }
    }

    private void answerWrite(int inode, int index, long previousId, long chunkId, int clientIp, MfsStatus status,
                             Consumer<WriteGrant> reply) {
        Chunk chunk = ctx.chunks.get(chunkId);
        if (status.isOk()) {
            ctx.holdWriteCounters(chunk);
            reply.accept(new WriteGrant(MfsStatus.OK, chunkId, chunk.version, ctx.locations(chunk, clientIp)));
        } else {
            rollback(inode, index, previousId, chunkId);
            reply.accept(WriteGrant.failed(status));
        }
    }

    /**
     * A write or truncate failed on every server: the file gets its previous chunk back and the chunk is unlocked
     * (ROLLBACK). When the file meanwhile lost that slot (removed, shortened) only the lock is left to undo.
     */
    private void rollback(int inode, int index, long previousId, long chunkId) {
        Chunk chunk = ctx.chunks.get(chunkId);
        int now = ctx.clock.now();
        if (holds(inode, index, chunkId)) {
            ctx.record(new ChunkChange.Rollback(now, inode, index, previousId, chunkId));
        } else if (chunk != null && chunk.lockedTo != 0) {
            ctx.record(new ChunkChange.Unlocked(now, chunkId));
        }
        if (chunk != null) {
            ctx.wake(chunk);
        }
    }

    private boolean holds(int inode, int index, long chunkId) {
        try {
            return ctx.slots.chunkAt(inode, index) == chunkId;
        } catch (IllegalStateException gone) {
            return false;
        }
    }

    /** WRITE_CHUNK_END: the writer is done; the chunk unlocks and waiting requests run. */
    MfsStatus writeEnd(long chunkId) {
        Chunk chunk = ctx.chunks.get(chunkId);
        if (chunk == null) {
            return MfsStatus.NOCHUNK;
        }
        ctx.releaseWriteCounters(chunk);
        if (chunk.lockedTo != 0) {
            ctx.record(new ChunkChange.Unlocked(ctx.clock.now(), chunkId));
        }
        ctx.wake(chunk);
        return MfsStatus.OK;
    }

    /**
     * Cuts chunk {@code index} of a file to {@code lengthInChunk} bytes: TRUNCATE with a version increase on a
     * private chunk, DUPTRUNC into a new chunk when it is shared with a snapshot. The grant names the chunk the
     * file now holds; the namespace then finishes the truncate.
     */
    void truncate(int inode, int index, int lengthInChunk, int clientIp, Consumer<WriteGrant> reply) {
        if (lengthInChunk < 0 || lengthInChunk > ChunkserverInfo.CHUNK_SIZE) {
            throw new IllegalArgumentException("length in chunk out of range: " + lengthInChunk);
        }
        int now = ctx.clock.now();
        long chunkId = ctx.slots.chunkAt(inode, index);
        Chunk chunk = chunkId == 0 ? null : ctx.chunks.get(chunkId);
        if (chunk == null) {
            reply.accept(WriteGrant.failed(MfsStatus.NOCHUNK));
            return;
        }
        if (chunk.isBusy() || chunk.isLocked(now)) {
            ctx.defer(chunkId, () -> truncate(inode, index, lengthInChunk, clientIp, reply));
            return;
        }
        List<ChunkCopy> sources = readableCopies(chunk);
        if (sources.isEmpty()) {
            reply.accept(WriteGrant.failed(noCopiesStatus()));
            return;
        }
        if (chunk.fileCount > 1) {
            long newId = ctx.chunks.nextChunkId();
            ctx.record(new ChunkChange.Trunc(now, inode, index, newId));
            start(ctx.chunks.get(newId), PendingOperation.Kind.DUPLICATE_TRUNCATE, sources, 1,
                    csid -> ctx.gateway.duplicateTruncate(csid, newId, 1, chunkId, chunk.version, lengthInChunk),
                    status -> answerTruncate(inode, index, chunkId, newId, clientIp, status, reply));
        } else {
            int oldVersion = chunk.version;
            ctx.record(new ChunkChange.Trunc(now, inode, index, chunkId));
            int newVersion = chunk.version;
            start(chunk, PendingOperation.Kind.TRUNCATE, sources, newVersion,
                    csid -> ctx.gateway.truncate(csid, chunkId, lengthInChunk, newVersion, oldVersion),
                    status -> answerTruncate(inode, index, chunkId, chunkId, clientIp, status, reply));
        }
    }

    /** Success: UNLOCK, then the caller sets the length (as MooseFS logs it); failure: ROLLBACK. */
    private void answerTruncate(int inode, int index, long previousId, long chunkId, int clientIp, MfsStatus status,
                                Consumer<WriteGrant> reply) {
        Chunk chunk = ctx.chunks.get(chunkId);
        if (!status.isOk()) {
            rollback(inode, index, previousId, chunkId);
            reply.accept(WriteGrant.failed(status));
            return;
        }
        ctx.record(new ChunkChange.Unlocked(ctx.clock.now(), chunkId));
        reply.accept(new WriteGrant(MfsStatus.OK, chunkId, chunk.version, ctx.locations(chunk, clientIp)));
        ctx.wake(chunk);
    }

    /** A chunkserver answered CREATE, SET_VERSION, DUPLICATE, TRUNCATE or DUPTRUNC for a chunk. */
    void operationResult(int csid, long chunkId, MfsStatus status) {
        Chunk chunk = ctx.chunks.get(chunkId);
        if (chunk == null || chunk.pending == null || !chunk.pending.awaiting.remove(csid)) {
            return; // a late or unexpected answer: nothing waits for it
        }
        PendingOperation op = chunk.pending;
        ChunkCopy copy = chunk.copyOn(csid);
        if (copy == null && !status.isOk()) {
            op.interrupted = true; // the copy already left (lost, server gone)
            op.onlyNoSpaceFailures &= status == MfsStatus.NOSPACE;
        } else if (copy != null) {
            boolean td = copy.state().isMarkedForRemoval();
            if (status.isOk()) {
                copy.set(CopyState.VALID.onDisk(td), chunk.version);
            } else {
                op.interrupted = true;
                if (status != MfsStatus.NOSPACE) {
                    op.onlyNoSpaceFailures = false;
                }
                if (op.createsCopies()) {
                    chunk.copies.remove(copy);
                } else if (status == MfsStatus.NOTDONE) {
                    // never started: the copy simply kept its previous version
                    copy.set(CopyState.WRONG_VERSION.onDisk(td), chunk.version - 1);
                } else {
                    copy.set(CopyState.INVALID, 0);
                }
            }
        }
        if (op.awaiting.isEmpty()) {
            finish(chunk);
        }
    }

    /** Every server of the running operation answered (or went away): tell the requester and free the chunk. */
    void finish(Chunk chunk) {
        PendingOperation op = chunk.pending;
        chunk.pending = null;
        MfsStatus result;
        if (!readableCopies(chunk).isEmpty()) {
            chunk.needVersionIncrease = op.interrupted;
            result = MfsStatus.OK;
        } else {
            if (op.kind == PendingOperation.Kind.SET_VERSION || op.kind == PendingOperation.Kind.TRUNCATE) {
                restorePreviousVersion(chunk);
            }
            chunk.needVersionIncrease = true;
            result = op.onlyNoSpaceFailures ? MfsStatus.NOSPACE : MfsStatus.NOTDONE;
        }
        op.onDone.accept(result);
        ctx.wake(chunk);
    }

    /** A version increase failed everywhere: the copies still at the previous version are the valid ones. */
    private void restorePreviousVersion(Chunk chunk) {
        int previous = chunk.version - 1;
        boolean any = false;
        for (ChunkCopy copy : chunk.copies) {
            if (copy.version() == previous && (copy.state() == CopyState.WRONG_VERSION
                    || copy.state() == CopyState.TD_WRONG_VERSION)) {
                copy.set(CopyState.VALID.onDisk(copy.state().isMarkedForRemoval()), previous);
                any = true;
            }
        }
        if (any) {
            ctx.record(new ChunkChange.VersionSet(ctx.clock.now(), chunk.id(), previous));
        }
    }

    /** Unlocks chunks whose writer neither ended nor renewed within the lock timeout. */
    void expireLocks(int now) {
        for (Long id : List.copyOf(ctx.chunks.lockedIds())) {
            Chunk chunk = ctx.chunks.get(id);
            if (chunk != null && chunk.lockedTo < now && !chunk.isBusy()) {
                ctx.chunks.expireLock(chunk);
                ctx.releaseWriteCounters(chunk);
                ctx.wake(chunk);
            }
        }
    }

    /** No readable copy: lost for good when every server is here, otherwise perhaps on a server that is away. */
    private MfsStatus noCopiesStatus() {
        return ctx.servers.allServersConnected() ? MfsStatus.CHUNKLOST : MfsStatus.CSNOTPRESENT;
    }

    /** Copies a client may read and an operation may start from: readable, on a connected server. */
    private List<ChunkCopy> readableCopies(Chunk chunk) {
        List<ChunkCopy> out = new ArrayList<>();
        for (ChunkCopy copy : chunk.copies) {
            if (copy.state().isReadable() && ctx.servers.connected(copy.csid()) != null) {
                out.add(copy);
            }
        }
        return out;
    }
}
