package io.jmfs.master.chunks;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.ChunkserverRegistry;
import io.jmfs.master.cluster.CsdbChange;
import io.jmfs.master.cluster.SpaceReport;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A chunk layer with a fake gateway, a settable clock and an in-memory file-to-chunk map. */
final class ChunkFixture implements FileChunkSlots {
    static final long GIB = 1L << 30;
    /** 127.0.0.1: chunkservers on loopback, told apart by port. */
    static final int LOOPBACK = 0x7F00_0001;

    int now = 1_000_000;
    final FakeGateway gateway = new FakeGateway();
    final List<ChunkChange> changes = new ArrayList<>();
    final List<CsdbChange> csdbChanges = new ArrayList<>();
    final Map<Long, Long> files = new HashMap<>();
    final ChunkRegistry chunks = new ChunkRegistry(changes::add);
    final ChunkserverRegistry servers = new ChunkserverRegistry(csdbChanges::add);
    final ChunkManager manager;

    ChunkFixture() {
        this(ChunkSettings.DEFAULTS.withReplicationsDelayInit(0));
    }

    ChunkFixture(ChunkSettings settings) {
        manager = new ChunkManager(chunks, servers, gateway, this, () -> now, settings);
    }

    private static long slot(int inode, int index) {
        return (long) inode << 32 | index;
    }

    @Override
    public long chunkAt(int inode, int index) {
        return files.getOrDefault(slot(inode, index), 0L);
    }

    /** As the namespace's SETFILECHUNK does: the slot's new chunk gains the file reference, the old one loses it. */
    @Override
    public void setChunk(int ts, int inode, int index, long chunkId) {
        Long previous = files.put(slot(inode, index), chunkId);
        if (previous != null && previous == chunkId) {
            return;
        }
        if (chunkId != 0) {
            chunks.addFileReference(chunkId, 1); // the write path sets the goal it asked for right after
        }
        if (previous != null && previous != 0) {
            chunks.releaseFileReference(previous);
        }
    }

    /** The fixture's files have no length or times. */
    @Override
    public void prepareForWrite(int ts, int inode, int index, boolean modTime) {
    }

    @Override
    public void touch(int ts, int inode) {
    }

    /** Test setup: the file already holds the chunk (its reference is counted by {@link #chunk}). */
    void place(int inode, int index, long chunkId) {
        files.put(slot(inode, index), chunkId);
    }

    /** Registers a chunkserver on 127.0.0.1:{@code port} with {@code usedGib} of {@code totalGib} used. */
    ChunkserverInfo server(int port, long usedGib, long totalGib) {
        return serverAt(LOOPBACK, port, usedGib, totalGib);
    }

    ChunkserverInfo serverAt(int ip, int port, long usedGib, long totalGib) {
        ChunkserverInfo cs = manager.registerChunkserver(ip, port, 0, 0x0003_00EA,
                new SpaceReport(usedGib * GIB, totalGib * GIB, 0, 0, 0, 0));
        if (cs == null) {
            throw new IllegalStateException("server already connected: " + port);
        }
        return cs;
    }

    /** A chunk as metadata load leaves it: referenced by {@code files} files of {@code goal}, no copies yet. */
    Chunk chunk(long id, int version, int goal, int fileRefs) {
        chunks.load(id, version, 0);
        for (int i = 0; i < fileRefs; i++) {
            chunks.addFileReference(id, goal);
        }
        return chunks.get(id);
    }

    /** Servers report a copy of the chunk at the chunk's version. */
    void copies(Chunk chunk, ChunkserverInfo... holders) {
        for (ChunkserverInfo cs : holders) {
            manager.chunkReported(cs.csid(), chunk.id(), chunk.version());
        }
    }

    /** A write request whose answer is captured. */
    Answer write(int inode, int index, int goal) {
        return write(inode, index, goal, 0);
    }

    Answer write(int inode, int index, int goal, int opFlags) {
        Answer answer = new Answer();
        manager.prepareWrite(inode, index, goal, opFlags, LOOPBACK, answer);
        return answer;
    }

    Answer truncate(int inode, int index, int length) {
        Answer answer = new Answer();
        manager.truncate(inode, index, length, LOOPBACK, answer);
        return answer;
    }

    /** Answers every pending create/duplicate/set-version/truncate command with {@code status}. */
    void answerAll(List<? extends FakeGateway.Command> commands, MfsStatus status) {
        for (FakeGateway.Command c : commands) {
            switch (c) {
                case FakeGateway.Create x -> manager.onCreateResult(x.csid(), x.chunkId(), status);
                case FakeGateway.Duplicate x -> manager.onDuplicateResult(x.csid(), x.chunkId(), status);
                case FakeGateway.SetVersion x -> manager.onSetVersionResult(x.csid(), x.chunkId(), status);
                case FakeGateway.Truncate x -> manager.onTruncateResult(x.csid(), x.chunkId(), status);
                case FakeGateway.DuplicateTruncate x ->
                        manager.onDuplicateTruncateResult(x.csid(), x.chunkId(), status);
                case FakeGateway.Delete x -> manager.onDeleteResult(x.csid(), x.chunkId(), status);
                case FakeGateway.Replicate x -> manager.onReplicateResult(x.csid(), x.chunkId(), x.version(), status);
            }
        }
    }

    static final class Answer implements Consumer<WriteGrant> {
        private final List<WriteGrant> grants = new ArrayList<>();

        @Override
        public void accept(WriteGrant grant) {
            grants.add(grant);
        }

        boolean answered() {
            return !grants.isEmpty();
        }

        WriteGrant grant() {
            if (grants.size() != 1) {
                throw new AssertionError("expected exactly one answer, got " + grants);
            }
            return grants.get(0);
        }
    }
}
