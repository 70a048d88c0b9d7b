package io.jmfs.chunkserver.net.master;

import io.jmfs.chunkserver.replication.Replicator;
import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster.ChunkStatus;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the master's chunk commands in storage and builds their answers: {@code chunkid:64 status:8} for create,
 * delete, set version, truncate, duplicate and duplicate-and-truncate (the new chunk's id for the last two), and
 * {@code chunkid version status} for replicate. A failed future becomes {@link MfsStatus#IO}.
 */
final class MasterCommands {
    private static final Logger log = LoggerFactory.getLogger(MasterCommands.class);

    private final ChunkStorage storage;
    private final Replicator replicator;

    MasterCommands(ChunkStorage storage, Replicator replicator) {
        this.storage = storage;
        this.replicator = replicator;
    }

    /** The answer to {@code command}, or empty for packets that are not commands. */
    Optional<CompletableFuture<ChunkserverToMaster>> execute(MasterToChunkserver command) {
        CompletableFuture<ChunkserverToMaster> answer = switch (command) {
            case MasterToChunkserver.Create c ->
                    status(MessageType.CSTOMA_CREATE, c.chunkId(), storage.create(c.chunkId(), c.version()));
            case MasterToChunkserver.Delete d ->
                    status(MessageType.CSTOMA_DELETE, d.chunkId(), storage.delete(d.chunkId(), d.version()));
            case MasterToChunkserver.SetVersion s -> status(MessageType.CSTOMA_SET_VERSION, s.chunkId(),
                    storage.setVersion(s.chunkId(), s.newVersion(), s.oldVersion()));
            case MasterToChunkserver.Truncate t -> status(MessageType.CSTOMA_TRUNCATE, t.chunkId(),
                    storage.truncate(t.chunkId(), t.length(), t.newVersion(), t.oldVersion()));
            case MasterToChunkserver.Duplicate d -> status(MessageType.CSTOMA_DUPLICATE, d.newChunkId(),
                    storage.duplicate(d.newChunkId(), d.newVersion(), d.oldChunkId(), d.oldVersion()));
            case MasterToChunkserver.DupTrunc d -> status(MessageType.CSTOMA_DUPTRUNC, d.newChunkId(),
                    storage.duplicateTruncate(d.newChunkId(), d.newVersion(), d.oldChunkId(), d.oldVersion(),
                            d.length()));
            case MasterToChunkserver.Replicate r ->
                    replicator.replicate(r.chunkId(), r.version(), r.sourceIp(), r.sourcePort())
                            .exceptionally(e -> MfsStatus.IO)
                            .thenApply(st -> new ChunkserverToMaster.ReplicateStatus(r.chunkId(), r.version(), st));
            default -> null;
        };
        return Optional.ofNullable(answer);
    }

    private static CompletableFuture<ChunkserverToMaster> status(MessageType answer, long chunkId,
                                                                CompletableFuture<MfsStatus> result) {
        return result.exceptionally(e -> {
            log.warn("{} of chunk {} failed: {}", answer, Long.toHexString(chunkId), e.toString());
            return MfsStatus.IO;
        }).thenApply(st -> new ChunkStatus(answer.id(), chunkId, st));
    }
}
