package io.jmfs.master.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Chooses chunkservers for new copies and orders them for deletions and rebalancing, from the registry's current
 * state. Like MooseFS, creation skips servers without room for a chunk (more room is demanded from servers that
 * are already being written to), overloaded servers and servers in maintenance, and prefers the servers with the
 * most free space relative to their size; replication destinations additionally need more than 1% free space and
 * must be under their replication limit.
 *
 * <p>MooseFS breaks ties (and spreads creations) with a weighted round-robin and random shuffles; here the order
 * is deterministic: usage ratio, then in-flight counters, then csid.
 */
public final class ServerSelector {
    private final ChunkserverRegistry registry;

    public ServerSelector(ChunkserverRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
    }

    /** Why no server could be chosen for a new chunk. */
    public enum Shortage {
        /** No chunkserver is connected at all (or none reported any disks). */
        NO_SERVERS,
        /** Servers exist but none has room or accepts new chunks. */
        NO_SPACE,
        /** Some server has room but is overloaded right now: worth trying again soon. */
        OVERLOADED
    }

    /** The outcome of {@link #forNewChunk}: up to {@code goal} servers, or why there are none. */
    public record Choice(List<ChunkserverInfo> servers, Shortage shortage) {
        public boolean found() {
            return !servers.isEmpty();
        }
    }

    private static final Comparator<ChunkserverInfo> BY_USAGE = Comparator
            .comparingDouble(ChunkserverInfo::usage)
            .thenComparingInt(ChunkserverInfo::csid);

    /** Servers for a new chunk of the given goal, emptiest first; fewer than {@code goal} if that is all there is. */
    public Choice forNewChunk(int goal) {
        if (goal < 1) {
            throw new IllegalArgumentException("goal must be at least 1: " + goal);
        }
        List<ChunkserverInfo> candidates = new ArrayList<>();
        boolean anyWithDisks = false;
        boolean anyOverloaded = false;
        for (ChunkserverInfo cs : registry.connectedServers()) {
            if (cs.hasSaneSpace()) {
                anyWithDisks = true;
            }
            if (cs.hasRoomForNewChunk()) {
                if (cs.acceptsNewCopies()) {
                    candidates.add(cs);
                } else if (!cs.inMaintenance()) {
                    anyOverloaded = true;
                }
            }
        }
        if (candidates.isEmpty()) {
            Shortage why = anyOverloaded ? Shortage.OVERLOADED : anyWithDisks ? Shortage.NO_SPACE : Shortage.NO_SERVERS;
            return new Choice(List.of(), why);
        }
        candidates.sort(Comparator.comparingInt(ChunkserverInfo::writesInProgress).thenComparing(BY_USAGE));
        return new Choice(List.copyOf(candidates.subList(0, Math.min(goal, candidates.size()))), null);
    }

    /**
     * Servers that may receive a replica now, emptiest first: accepting new copies, more than 1% free, and fewer
     * than {@code writeLimit} replications already coming in.
     */
    public List<ChunkserverInfo> replicationDestinations(int writeLimit) {
        List<ChunkserverInfo> out = new ArrayList<>();
        for (ChunkserverInfo cs : registry.connectedServers()) {
            if (cs.acceptsNewCopies() && cs.hasAvailableSpace() && cs.replicationsIn() < writeLimit) {
                out.add(cs);
            }
        }
        out.sort(Comparator.comparingInt(ChunkserverInfo::replicationsIn).thenComparing(BY_USAGE));
        return out;
    }

    /**
     * Servers ordered by usage, least used first, as MooseFS's ordered list: sane space, accepting new copies
     * (so not in maintenance nor overloaded). Overgoal deletions walk it from the end, rebalancing pairs its ends.
     */
    public List<ChunkserverInfo> orderedByUsage() {
        List<ChunkserverInfo> out = new ArrayList<>();
        for (ChunkserverInfo cs : registry.connectedServers()) {
            if (cs.hasSaneSpace() && cs.acceptsNewCopies()) {
                out.add(cs);
            }
        }
        out.sort(BY_USAGE);
        return out;
    }
}
