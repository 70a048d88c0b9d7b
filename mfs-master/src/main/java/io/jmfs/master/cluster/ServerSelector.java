package io.jmfs.master.cluster;

import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
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
        return forNewChunk(java.util.Collections.nCopies(goal, LabelExpression.ANY), StorageClass.MODE_STD);
    }

    /**
     * Servers for a new chunk of a class creating one copy per expression in {@code labels}: each expression gets
     * the least busy, emptiest unused server it matches, the most selective expressions first. An expression no
     * available server matches falls back to any other server unless the mode forbids it: STRICT never, STD not
     * while a matching server is merely overloaded (then the write is retried), LOOSE always.
     */
    public Choice forNewChunk(List<LabelExpression> labels, int mode) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a chunk needs at least one copy");
        }
        List<ChunkserverInfo> candidates = new ArrayList<>();
        List<ChunkserverInfo> overloaded = new ArrayList<>();
        boolean anyWithDisks = false;
        for (ChunkserverInfo cs : registry.connectedServers()) {
            if (cs.hasSaneSpace()) {
                anyWithDisks = true;
            }
            if (cs.hasRoomForNewChunk()) {
                if (cs.acceptsNewCopies()) {
                    candidates.add(cs);
                } else if (!cs.inMaintenance()) {
                    overloaded.add(cs);
                }
            }
        }
        if (candidates.isEmpty()) {
            Shortage why = !overloaded.isEmpty() ? Shortage.OVERLOADED
                    : anyWithDisks ? Shortage.NO_SPACE : Shortage.NO_SERVERS;
            return new Choice(List.of(), why);
        }
        candidates.sort(Comparator.comparingInt(ChunkserverInfo::writesInProgress).thenComparing(BY_USAGE));
        List<LabelExpression> order = new ArrayList<>(labels);
        order.sort(Comparator.comparing(LabelExpression::isAny)); // labelled copies choose first
        List<ChunkserverInfo> chosen = new ArrayList<>();
        List<LabelExpression> unmatched = new ArrayList<>();
        for (LabelExpression e : order) {
            ChunkserverInfo pick = firstUnused(candidates, chosen, e);
            if (pick != null) {
                chosen.add(pick);
            } else {
                unmatched.add(e);
            }
        }
        boolean waitForBusy = false;
        for (LabelExpression e : unmatched) {
            boolean busyMatch = overloaded.stream().anyMatch(cs -> e.matches(cs.labelMask()));
            if (mode == StorageClass.MODE_STRICT || (mode == StorageClass.MODE_STD && busyMatch)) {
                waitForBusy |= busyMatch;
                continue;
            }
            ChunkserverInfo pick = firstUnused(candidates, chosen, LabelExpression.ANY);
            if (pick != null) {
                chosen.add(pick);
            }
        }
        if (chosen.isEmpty()) {
            return new Choice(List.of(), waitForBusy ? Shortage.OVERLOADED : Shortage.NO_SPACE);
        }
        return new Choice(List.copyOf(chosen), null);
    }

    private static ChunkserverInfo firstUnused(List<ChunkserverInfo> candidates, List<ChunkserverInfo> chosen,
                                               LabelExpression e) {
        for (ChunkserverInfo cs : candidates) {
            if (!chosen.contains(cs) && e.matches(cs.labelMask())) {
                return cs;
            }
        }
        return null;
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
