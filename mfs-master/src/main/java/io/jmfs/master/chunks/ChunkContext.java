package io.jmfs.master.chunks;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.ChunkserverRegistry;
import io.jmfs.master.cluster.ServerSelector;
import io.jmfs.master.cluster.Topology;
import io.jmfs.master.fs.MetaClock;
import io.jmfs.protocol.ChunkLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** State and helpers the chunk layer's parts share (write path, server reports, loop, lookups). */
final class ChunkContext {
    /** A replication in flight, keyed by destination server and chunk. */
    record Replication(int sourceCsid, boolean undergoal) {
    }

    record CopyKey(int csid, long chunkId) {
    }

    final ChunkRegistry chunks;
    final ChunkserverRegistry servers;
    final ServerSelector selector;
    final ChunkserverGateway gateway;
    final MetaClock clock;
    final ChunkSettings settings;
    final FileChunkSlots slots;
    Topology topology = Topology.EMPTY;
    final Map<Long, ArrayDeque<Runnable>> waiters = new HashMap<>();
    final Map<CopyKey, Replication> replications = new HashMap<>();

    ChunkContext(ChunkRegistry chunks, ChunkserverRegistry servers, ChunkserverGateway gateway, MetaClock clock,
                 ChunkSettings settings, FileChunkSlots slots) {
        this.chunks = Objects.requireNonNull(chunks);
        this.servers = Objects.requireNonNull(servers);
        this.selector = new ServerSelector(servers);
        this.gateway = Objects.requireNonNull(gateway);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        this.slots = Objects.requireNonNull(slots);
    }

    /** Records a chunk change and applies it (the file side through the namespace's slots). */
    void record(ChunkChange change) {
        chunks.record(change, slots);
    }

    /** Queues a request until the chunk is unlocked and idle. */
    void defer(long chunkId, Runnable retry) {
        waiters.computeIfAbsent(chunkId, k -> new ArrayDeque<>()).add(retry);
    }

    /** Re-runs the requests waiting for this chunk if it is now free; each may queue itself again. */
    void wake(Chunk chunk) {
        if (chunk.isBusy() || chunk.isLocked(clock.now())) {
            return;
        }
        ArrayDeque<Runnable> queue = waiters.remove(chunk.id());
        if (queue == null) {
            return;
        }
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }

    /** Sends a delete for a copy and marks it deleted ({@code version} 0 = any version). */
    void deleteCopy(Chunk chunk, ChunkCopy copy, int version) {
        copy.set(CopyState.DEL, copy.version());
        ChunkserverInfo cs = servers.connected(copy.csid());
        if (cs != null) {
            cs.deletionSent();
            gateway.delete(copy.csid(), chunk.id(), version);
        }
    }

    /** Drops an unreferenced, unlocked chunk without copies from the registry (its id stays used). */
    boolean forgetIfUnused(Chunk chunk) {
        int now = clock.now();
        if (chunk.fileCount == 0 && chunk.copies.isEmpty() && !chunk.isLocked(now) && !chunk.isBusy()
                && !waiters.containsKey(chunk.id()) && servers.allServersConnected()) {
            record(new ChunkChange.Deleted(now, chunk.id(), chunk.version));
            return true;
        }
        return false;
    }

    /**
     * Copies holding the chunk's data (busy ones too: an operation such as a version increase does not stop
     * reads, as in MooseFS) on connected servers, nearest to the client first, then least loaded.
     */
    List<ChunkLocation> locations(Chunk chunk, int clientIp) {
        record Candidate(ChunkserverInfo cs, int distance) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (ChunkCopy copy : chunk.copies) {
            if (!copy.state().isValidOrBusy()) {
                continue;
            }
            ChunkserverInfo cs = servers.connected(copy.csid());
            if (cs != null) {
                candidates.add(new Candidate(cs, topology.distance(cs.ip(), clientIp)));
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::distance)
                .thenComparingInt(c -> c.cs().load())
                .thenComparingInt(c -> c.cs().csid()));
        List<ChunkLocation> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            out.add(c.cs().location());
        }
        return out;
    }

    /** Releases the write counters a finished write held on its servers. */
    void releaseWriteCounters(Chunk chunk) {
        for (int csid : chunk.writeCounted) {
            ChunkserverInfo cs = servers.connected(csid);
            if (cs != null) {
                cs.writeEnded();
            }
        }
        chunk.writeCounted = new int[0];
    }

    void holdWriteCounters(Chunk chunk) {
        releaseWriteCounters(chunk);
        List<Integer> held = new ArrayList<>();
        for (ChunkCopy copy : chunk.copies) {
            ChunkserverInfo cs = copy.state().isReadable() ? servers.connected(copy.csid()) : null;
            if (cs != null) {
                cs.writeStarted();
                held.add(copy.csid());
            }
        }
        chunk.writeCounted = held.stream().mapToInt(Integer::intValue).toArray();
    }
}
