package io.jmfs.master.net.client;

import io.jmfs.master.chunks.ChunkLookup;
import io.jmfs.master.chunks.ChunkManager;
import io.jmfs.master.chunks.WriteGrant;
import io.jmfs.master.fs.FsResult;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.NodeAttr;
import io.jmfs.master.fs.Results;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.master.chunks.Chunk;
import io.jmfs.master.chunks.ChunkCopy;
import io.jmfs.master.chunks.CopyState;
import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.protocol.msg.client.ChunkOpReply;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply;
import io.jmfs.protocol.msg.client.ChunkRequest.ReadChunk;
import io.jmfs.protocol.msg.client.ChunkRequest.Truncate;
import io.jmfs.protocol.msg.client.ChunkRequest.WriteChunk;
import io.jmfs.protocol.msg.client.ChunkRequest.WriteChunkEnd;
import io.jmfs.protocol.msg.client.ClientRequest;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.ToolReply;
import io.jmfs.protocol.msg.client.ToolRequest.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client requests that reach the chunk layer: READ_CHUNK (where the copies are), WRITE_CHUNK (a writable chunk,
 * answered once the chunkservers confirmed, possibly long after the request when the chunk is locked),
 * WRITE_CHUNK_END (new file length, unlock) and TRUNCATE (which may first have to cut the last chunk on the
 * chunkservers), and CHECK (copies per chunk, for mfscheckfile and mfsfileinfo). Replies go to the callback given with each request, from the metadata loop, in whatever order
 * the chunk layer settles them; msgids keep them apart.
 */
final class ClientChunkCalls {
    private static final int CHUNK_BITS = 26;
    private static final long CHUNK_MASK = (1L << CHUNK_BITS) - 1;
    private static final int READ_REPLY = MessageType.MATOCL_FUSE_READ_CHUNK.id();
    private static final int WRITE_REPLY = MessageType.MATOCL_FUSE_WRITE_CHUNK.id();

    private final ClientServices services;

    ClientChunkCalls(ClientServices services) {
        this.services = services;
    }

    /** Whether {@link #handle} is the place for {@code request}. */
    static boolean handles(ClientRequest request) {
        return request instanceof ReadChunk || request instanceof WriteChunk || request instanceof WriteChunkEnd
                || request instanceof Truncate || request instanceof Check;
    }

    /**
     * Handles one request of a registered session; {@code reply} gets exactly one answer, now or later.
     *
     * @param clientIp the client's address, so the copies nearest to it come first
     */
    void handle(SessionScope scope, ClientRequest request, int clientIp, Consumer<MasterReply> reply) {
        boolean reads = request instanceof ReadChunk || request instanceof Check;
        if (!reads && scope.session().readOnly()) {
            reply.accept(FuseRequestHandler.status(request, MfsStatus.EROFS));
            return;
        }
        switch (request) {
            case ReadChunk r -> read(scope, r, clientIp, reply);
            case WriteChunk w -> write(scope, w, clientIp, reply);
            case WriteChunkEnd e -> reply.accept(writeEnd(scope, e));
            case Truncate t -> truncate(scope, t, clientIp, reply);
            case Check c -> reply.accept(check(scope, c));
            default -> throw new IllegalArgumentException("not a chunk call: " + request.getClass().getSimpleName());
        }
    }

    private ChunkManager chunks() {
        return services.chunks();
    }

    /** READ_CHUNK waits while the chunk is locked by a writer or busy, then answers for whatever it holds then. */
    private void read(SessionScope scope, ReadChunk r, int clientIp, Consumer<MasterReply> reply) {
        FsResult<Long> chunkId = services.namespace().chunkAt(scope.real(r.inode()),
                Integer.toUnsignedLong(r.index()));
        if (!chunkId.isOk() || chunkId.value() == 0) {
            reply.accept(locate(scope, r, clientIp));
            return;
        }
        chunks().whenUnlocked(chunkId.value(), () -> reply.accept(locate(scope, r, clientIp)));
    }

    private MasterReply locate(SessionScope scope, ReadChunk r, int clientIp) {
        int inode = scope.real(r.inode());
        Namespace ns = services.namespace();
        FsResult<Long> chunkId = ns.chunkAt(inode, Integer.toUnsignedLong(r.index()));
        if (!chunkId.isOk()) {
            return FuseRequestHandler.status(r, chunkId.status());
        }
        long length = ns.getattr(inode).orThrow().length();
        if (chunkId.value() == 0) {
            return new ChunkReply(READ_REPLY, r.msgid(), length, new ChunkData(0, 0, List.of()));
        }
        ChunkLookup found = chunks().locate(chunkId.value(), clientIp);
        if (!found.status().isOk()) {
            return FuseRequestHandler.status(r, found.status());
        }
        return new ChunkReply(READ_REPLY, r.msgid(), length,
                new ChunkData(chunkId.value(), found.version(), found.locations()));
    }

    private void write(SessionScope scope, WriteChunk w, int clientIp, Consumer<MasterReply> reply) {
        int inode = scope.real(w.inode());
        FsResult<Long> current = services.namespace().chunkAt(inode, Integer.toUnsignedLong(w.index()));
        if (!current.isOk()) {
            reply.accept(FuseRequestHandler.status(w, current.status()));
            return;
        }
        MfsStatus quota = services.namespace().quotaForWrite(inode, Integer.toUnsignedLong(w.index()));
        if (!quota.isOk()) {
            reply.accept(FuseRequestHandler.status(w, quota));
            return;
        }
        chunks().prepareWrite(inode, w.index(), services.placementClass(inode), w.chunkOpFlags(), clientIp, grant -> {
            FsResult<NodeAttr> attr = services.namespace().getattr(inode);
            if (!grant.isOk() || !attr.isOk()) {
                if (grant.isOk()) {
                    chunks().writeEnd(grant.chunkId()); // the file went away meanwhile: nobody will end this write
                }
                reply.accept(FuseRequestHandler.status(w, grant.isOk() ? attr.status() : grant.status()));
                return;
            }
            reply.accept(new ChunkReply(WRITE_REPLY, w.msgid(), attr.value().length(),
                    new ChunkData(grant.chunkId(), grant.version(), grant.locations())));
        });
    }

    /** The writer is done: the file grows to the length it wrote (never shrinks here), the chunk unlocks. */
    private MasterReply writeEnd(SessionScope scope, WriteChunkEnd e) {
        int inode = scope.real(e.inode());
        Namespace ns = services.namespace();
        MfsStatus status = MfsStatus.OK;
        if (e.fileLength() > 0) {
            FsResult<NodeAttr> attr = ns.getattr(inode);
            if (!attr.isOk()) {
                status = attr.status();
            } else if (e.fileLength() > attr.value().length()) {
                // 3.0.74+ clients report times separately (AMTIME_INODES): the length alone changes here
                status = ns.quotaForLength(inode, e.fileLength());
                if (status.isOk()) {
                    status = ns.setLength(inode, e.fileLength(), false);
                }
            }
        }
        MfsStatus unlocked = chunks().writeEnd(e.chunkId());
        return FuseRequestHandler.status(e, status.isOk() ? unlocked : status);
    }

    /**
     * TRUNCATE: when the new end falls inside an existing chunk, that chunk is cut on the chunkservers first (a
     * copy-on-write duplicate if a snapshot shares it) and the answer waits for them; otherwise the length is set
     * at once.
     */
    private void truncate(SessionScope scope, Truncate t, int clientIp, Consumer<MasterReply> reply) {
        int inode = scope.real(t.inode());
        Namespace ns = services.namespace();
        FsResult<Results.TruncatePlan> plan = ns.truncateCheck(scope.credentials(t.uid(), t.gids()), inode,
                t.flags(), t.length());
        if (!plan.isOk()) {
            reply.accept(FuseRequestHandler.status(t, plan.status()));
            return;
        }
        if (plan.value().index() < 0) {
            reply.accept(truncated(t, ns.truncateApply(inode, t.flags(), t.length())));
            return;
        }
        int lengthInChunk = (int) (t.length() & CHUNK_MASK);
        chunks().truncate(inode, plan.value().index(), lengthInChunk, clientIp, (WriteGrant grant) -> {
            if (!grant.isOk()) {
                reply.accept(FuseRequestHandler.status(t, grant.status()));
                return;
            }
            reply.accept(truncated(t, services.namespace().truncateApply(inode, t.flags(), t.length())));
        });
    }

    /** Buckets of CHECK without an index: chunks with 0..9 valid copies, 10 or more, and holes. */
    private static final int CHECK_BUCKETS = 12;
    private static final int CHECK_VALID = 0;
    private static final int CHECK_MARKED_FOR_REMOVAL = 1;
    private static final int CHECK_WRONG_VERSION = 2;
    private static final int CHECK_WRONG_VERSION_MARKED = 3;
    private static final int CHECK_INVALID = 4;

    /**
     * CHECK: with an index, the chunk's copies on connected servers and their state (mfsfileinfo); without, how many
     * chunks of the file have 0, 1, ... valid copies (mfscheckfile).
     */
    private MasterReply check(SessionScope scope, Check c) {
        int inode = scope.real(c.inode());
        Namespace ns = services.namespace();
        FsResult<NodeAttr> attr = ns.getattr(inode);
        if (!attr.isOk()) {
            return FuseRequestHandler.status(c, attr.status());
        }
        if (c.index().isPresent()) {
            FsResult<Long> id = ns.chunkAt(inode, Integer.toUnsignedLong(c.index().getAsInt()));
            if (!id.isOk()) {
                return FuseRequestHandler.status(c, id.status());
            }
            if (id.value() == 0) {
                return new ToolReply.CheckChunk(c.msgid(), 0, 0, List.of());
            }
            Chunk chunk = chunks().chunks().get(id.value());
            if (chunk == null) {
                return FuseRequestHandler.status(c, MfsStatus.NOCHUNK);
            }
            List<ToolReply.CheckCopy> copies = new ArrayList<>();
            for (ChunkCopy copy : chunk.copies()) {
                ChunkserverInfo cs = chunks().servers().connected(copy.csid());
                if (cs != null && copy.state() != CopyState.DEL) {
                    copies.add(new ToolReply.CheckCopy(cs.ip(), cs.port(), checkType(copy.state())));
                }
            }
            return new ToolReply.CheckChunk(c.msgid(), chunk.id(), chunk.version(), copies);
        }
        if (attr.value().wireType() != io.jmfs.master.fs.NodeType.FILE) {
            return FuseRequestHandler.status(c, MfsStatus.EPERM);
        }
        int[] counts = new int[CHECK_BUCKETS];
        long length = attr.value().length();
        long indices = length == 0 ? 0 : ((length - 1) >>> CHUNK_BITS) + 1;
        for (long index = 0; index < indices; index++) {
            long id = ns.chunkAt(inode, index).orThrow();
            Chunk chunk = id == 0 ? null : chunks().chunks().get(id);
            if (id == 0) {
                counts[CHECK_BUCKETS - 1]++;
            } else {
                counts[Math.min(10, chunk == null ? 0 : chunk.allValidCopies())]++;
            }
        }
        List<Integer> list = new ArrayList<>(CHECK_BUCKETS);
        for (int n : counts) {
            list.add(n);
        }
        return new ToolReply.CheckCounts(c.msgid(), list);
    }

    private static int checkType(CopyState state) {
        return switch (state) {
            case VALID, BUSY -> CHECK_VALID;
            case TD_VALID, TD_BUSY -> CHECK_MARKED_FOR_REMOVAL;
            case WRONG_VERSION -> CHECK_WRONG_VERSION;
            case TD_WRONG_VERSION -> CHECK_WRONG_VERSION_MARKED;
            case INVALID, DEL -> CHECK_INVALID;
        };
    }

    private static MasterReply truncated(Truncate t, FsResult<Results.Truncated> done) {
        if (!done.isOk()) {
            return FuseRequestHandler.status(t, done.status());
        }
        return new ChunkOpReply.Truncate(t.msgid(), done.value().previousLength(), WireAttrs.of(done.value().attr()));
    }
}
