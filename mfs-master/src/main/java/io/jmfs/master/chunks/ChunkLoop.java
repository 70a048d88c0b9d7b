package io.jmfs.master.chunks;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.LabelMatching;
import io.jmfs.master.sclass.StorageClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The background chunk loop: walks the chunk registry in id order, a bounded slice per tick, and for each chunk
 * decides at most one kind of repair, in MooseFS's order of precedence:
 * <ol>
 *   <li>delete invalid and stale copies (once a valid copy exists, or the chunk is unused);</li>
 *   <li>delete every copy of a chunk no file references, then the chunk itself;</li>
 *   <li>delete overgoal copies, from the most used servers first;</li>
 *   <li>delete copies on disks marked for removal once enough regular copies exist;</li>
 *   <li>replicate undergoal chunks (endangered ones under their own, higher limits), unless every missing server
 *       is in maintenance;</li>
 *   <li>rebalance: copy a chunk from a server whose usage exceeds another's by more than the acceptable
 *       difference (the now overgoal chunk later loses its copy on the fuller server).</li>
 * </ol>
 * An archived chunk is placed by its class's archive expressions (and their count), any other by the keep ones.
 * A chunk whose storage class keeps copies on labelled servers is judged by placement instead (see
 * {@code checkLabelled}): a copy on a server without the class's labels is misplaced, replicated to a matching
 * server, and then deleted as surplus.
 * Locked or busy chunks are skipped (except that a locked chunk without a valid copy may take its copies' version,
 * as in MooseFS). Deletions are limited per server (adapting between the soft and hard
 * limits), replications by the per-server read and write limits. Nothing runs before REPLICATIONS_DELAY_INIT has
 * passed since the loop was created.
 */
public final class ChunkLoop {
    private final ChunkContext ctx;
    private final int startTime;
    private long cursor;
    private int lastTick;
    private int deleteLimit;
    private int deletionsDone;
    private int deletionsNotDone;
    private int undergoalThisPass;
    private int undergoalLastPass;
    private int checkedThisPass;

    ChunkLoop(ChunkContext ctx) {
        this.ctx = ctx;
        this.startTime = ctx.clock.now();
        this.lastTick = startTime;
        this.deleteLimit = ctx.settings.softDeleteLimit();
    }

    /** Deletions allowed in flight per server now (between CHUNKS_SOFT_DEL_LIMIT and CHUNKS_HARD_DEL_LIMIT). */
    public int deleteLimit() {
        return deleteLimit;
    }

    /**
     * One tick: checks as many chunks as the elapsed time allows (a full pass takes at least CHUNKS_LOOP_MIN_TIME
     * seconds and at most CHUNKS_LOOP_MAX_CPS chunks are checked per second).
     */
    public void tick(int now) {
        int elapsed = Math.max(1, now - lastTick);
        lastTick = now;
        if (!active(now)) {
            return;
        }
        int size = ctx.chunks.size();
        long perSecond = Math.min(ctx.settings.loopMaxCps(),
                Math.max(1, (size + ctx.settings.loopMinTime() - 1) / ctx.settings.loopMinTime()));
        long budget = Math.min((long) size, perSecond * elapsed);
        for (long i = 0; i < budget; i++) {
            checkNext(now);
        }
    }

    /** Checks every chunk once (a full pass), regardless of the rate limits. */
    public void runPass(int now) {
        if (!active(now)) {
            return;
        }
        int size = ctx.chunks.size();
        for (int i = 0; i < size; i++) {
            checkNext(now);
        }
    }

    private boolean active(int now) {
        return now >= startTime + ctx.settings.replicationsDelayInit() && !ctx.servers.connectedServers().isEmpty();
    }

    private void checkNext(int now) {
        Chunk chunk = cursor == 0 ? ctx.chunks.first() : ctx.chunks.nextAfter(cursor);
        if (chunk == null) {
            endPass();
            chunk = ctx.chunks.first();
            if (chunk == null) {
                return;
            }
        }
        cursor = chunk.id();
        checkedThisPass++;
        check(chunk, now);
    }

    private void endPass() {
        if (deletionsNotDone > deletionsDone) {
            deleteLimit = Math.min(ctx.settings.hardDeleteLimit(), (int) Math.ceil(deleteLimit * 1.5));
        } else if (deletionsNotDone == 0) {
            deleteLimit = Math.max(ctx.settings.softDeleteLimit(), (int) (deleteLimit / 1.5));
        }
        deletionsDone = 0;
        deletionsNotDone = 0;
        undergoalLastPass = undergoalThisPass;
        undergoalThisPass = 0;
        checkedThisPass = 0;
        cursor = 0;
    }

    /** The decisions for one chunk. */
    void check(Chunk chunk, int now) {
        if (chunk.replicating && chunk.lockedTo < now) {
            abandonReplication(chunk);
        }
        if (chunk.isBusy()) {
            return;
        }
        if (chunk.isLocked(now)) {
            // As MooseFS, a writer's lock does not hold back adopting the copies' version when none has the
            // chunk's own: a master rebuilt after a kill in the middle of a version increase has the chunk locked
            // by the dead writer, and its readers, who wait for the lock, would otherwise find it lost afterwards.
            if (chunk.fileCount > 0 && chunk.copies.stream().noneMatch(c -> c.state().isValidOrBusy())) {
                recoverFromWrongVersions(chunk, now);
            }
            return;
        }
        int valid = 0;
        int tdValid = 0;
        for (ChunkCopy copy : chunk.copies) {
            switch (copy.state()) {
                case VALID -> valid++;
                case TD_VALID -> tdValid++;
                default -> { }
            }
        }
        if (valid + tdValid > 0 || chunk.fileCount == 0) {
            for (ChunkCopy copy : List.copyOf(chunk.copies)) {
                if (copy.state().isDisposable()) {
                    tryDelete(chunk, copy, 0);
                }
            }
        }
        if (chunk.fileCount == 0) {
            for (ChunkCopy copy : List.copyOf(chunk.copies)) {
                if (copy.state().isReadable()) {
                    tryDelete(chunk, copy, chunk.version);
                }
            }
            ctx.forgetIfUnused(chunk);
            return;
        }
        if (valid + tdValid == 0) {
            recoverFromWrongVersions(chunk, now); // missing: nothing to copy from, unless stale copies can serve
            return;
        }
        StorageClass cls = ctx.chunks.classOf(chunk);
        int goal = chunk.goal;
        if (cls.placementHasLabels(chunk.archived)) {
            checkLabelled(chunk, cls, valid, tdValid, now);
            return;
        }
        if (valid > goal) {
            deleteOvergoal(chunk, valid - goal);
            return;
        }
        if (valid >= goal && tdValid > 0) {
            for (ChunkCopy copy : List.copyOf(chunk.copies)) {
                if (copy.state() == CopyState.TD_VALID) {
                    tryDelete(chunk, copy, 0);
                }
            }
            return;
        }
        if (valid < goal) {
            undergoalThisPass++;
            if (ctx.servers.replicationOfUndergoalAllowed()) {
                replicateUndergoal(chunk, valid + tdValid == 1, now);
            }
            return;
        }
        if (undergoalThisPass == 0 && undergoalLastPass == 0) {
            rebalance(chunk);
        }
    }

    /**
     * A chunk whose class keeps copies on labelled servers: a valid copy counts as placed only when the best pairing
     * of the keep expressions with the servers holding valid copies gives it an expression. Missing placements are
     * replicated to a matching server first; the then surplus copies go, misplaced ones (no expression) only.
     * Falls back to a server of any labels only for a chunk under its goal, as the class's mode allows. Such
     * chunks are not rebalanced (a move by usage would undo the placement).
     */
    private void checkLabelled(Chunk chunk, StorageClass cls, int valid, int tdValid, int now) {
        int goal = cls.goal(chunk.archived);
        List<LabelExpression> placement = cls.placement(chunk.archived);
        // the least used holders are paired first, so surplus copies are left on the most used ones
        List<ChunkCopy> validCopies = chunk.copies.stream().filter(c -> c.state() == CopyState.VALID)
                .sorted(Comparator.comparingDouble((ChunkCopy c) -> usageOf(c.csid()))
                        .thenComparingInt(ChunkCopy::csid)).toList();
        List<Integer> labels = validCopies.stream().map(c -> labelsOf(c.csid())).toList();
        int[] serverOf = LabelMatching.match(placement, labels);
        Set<Integer> placed = new HashSet<>();
        List<LabelExpression> missing = new ArrayList<>();
        for (int e = 0; e < serverOf.length; e++) {
            if (serverOf[e] >= 0) {
                placed.add(validCopies.get(serverOf[e]).csid());
            } else {
                missing.add(placement.get(e));
            }
        }
        if (valid > goal) {
            deleteMisplaced(chunk, placed, valid - goal);
            return;
        }
        if (missing.isEmpty()) {
            if (tdValid > 0) {
                for (ChunkCopy copy : List.copyOf(chunk.copies)) {
                    if (copy.state() == CopyState.TD_VALID) {
                        tryDelete(chunk, copy, 0);
                    }
                }
            }
            return;
        }
        if (valid < goal) {
            undergoalThisPass++;
            if (!ctx.servers.replicationOfUndergoalAllowed()) {
                return;
            }
        }
        boolean endangered = valid + tdValid == 1;
        int limitClass = endangered ? ChunkSettings.LIMIT_ENDANGERED : ChunkSettings.LIMIT_UNDERGOAL;
        ChunkserverInfo source = chooseSource(chunk, ctx.settings.readReplicationLimits().get(limitClass));
        if (source == null) {
            return;
        }
        Set<Integer> holders = holders(chunk);
        List<ChunkserverInfo> destinations = ctx.selector.replicationDestinations(
                ctx.settings.writeReplicationLimits().get(limitClass)).stream()
                .filter(cs -> !holders.contains(cs.csid())).toList();
        ChunkserverInfo dst = destinations.stream()
                .filter(cs -> missing.stream().anyMatch(e -> e.matches(cs.labelMask()))).findFirst()
                .orElse(null);
        if (dst == null && valid < goal && fallbackAllowed(cls, missing) && !destinations.isEmpty()) {
            dst = destinations.getFirst();
        }
        if (dst != null) {
            startReplication(chunk, source, dst, true);
            chunk.copies.add(new ChunkCopy(dst.csid(), CopyState.BUSY, chunk.version));
            chunk.replicating = true;
            ctx.chunks.lockTransiently(chunk, now + ctx.settings.lockTimeout());
        }
    }

    /**
     * Whether an undergoal copy may go to a server of other labels: LOOSE always, STD only when no matching server
     * has room (busy ones are waited for), STRICT never.
     */
    private boolean fallbackAllowed(StorageClass cls, List<LabelExpression> missing) {
        return switch (cls.mode()) {
            case StorageClass.MODE_LOOSE -> true;
            case StorageClass.MODE_STRICT -> false;
            default -> ctx.servers.connectedServers().stream().noneMatch(cs -> cs.acceptsNewCopies()
                    && cs.hasAvailableSpace() && missing.stream().anyMatch(e -> e.matches(cs.labelMask())));
        };
    }

    private double usageOf(int csid) {
        ChunkserverInfo cs = ctx.servers.connected(csid);
        return cs == null ? 1.0 : cs.usage();
    }

    private int labelsOf(int csid) {
        ChunkserverInfo cs = ctx.servers.connected(csid);
        return cs == null ? 0 : cs.labelMask();
    }

    /** Deletes up to {@code surplus} valid copies that serve no keep expression, from the most used servers. */
    private void deleteMisplaced(Chunk chunk, Set<Integer> placed, int surplus) {
        List<ChunkserverInfo> ordered = new ArrayList<>(ctx.selector.orderedByUsage());
        java.util.Collections.reverse(ordered);
        for (ChunkserverInfo cs : ordered) {
            if (surplus == 0) {
                return;
            }
            ChunkCopy copy = chunk.copyOn(cs.csid());
            if (copy != null && copy.state() == CopyState.VALID && !placed.contains(cs.csid())) {
                if (!tryDelete(chunk, copy, 0)) {
                    return;
                }
                surplus--;
            }
        }
    }

    /**
     * No valid copy, but at least goal copies one version off (a version change that reached the changelog but not
     * the servers, or the reverse): those copies are the data, so the chunk takes their version, as MooseFS does.
     */
    private void recoverFromWrongVersions(Chunk chunk, int now) {
        int best = 0;
        int stale = 0;
        for (ChunkCopy copy : chunk.copies) {
            if (copy.state() == CopyState.WRONG_VERSION || copy.state() == CopyState.TD_WRONG_VERSION) {
                stale++;
                if (Integer.compareUnsigned(copy.version(), best) > 0) {
                    best = copy.version();
                }
            }
        }
        if (stale == 0 || stale < chunk.goal || best == 0
                || (best + 1 != chunk.version && chunk.version + 1 != best)) {
            return;
        }
        ctx.record(new ChunkChange.VersionSet(now, chunk.id(), best));
        for (ChunkCopy copy : chunk.copies) {
            if (copy.version() == best && (copy.state() == CopyState.WRONG_VERSION
                    || copy.state() == CopyState.TD_WRONG_VERSION)) {
                copy.set(CopyState.VALID.onDisk(copy.state().isMarkedForRemoval()), best);
            }
        }
        chunk.needVersionIncrease = true;
    }

    private boolean tryDelete(Chunk chunk, ChunkCopy copy, int version) {
        ChunkserverInfo cs = ctx.servers.connected(copy.csid());
        if (cs == null) {
            return false;
        }
        if (cs.deletionsInFlight() >= deleteLimit) {
            deletionsNotDone++;
            return false;
        }
        ctx.deleteCopy(chunk, copy, version);
        chunk.needVersionIncrease = true;
        deletionsDone++;
        return true;
    }

    /** Deletes surplus valid copies from the most used servers (MooseFS walks its usage order backwards). */
    private void deleteOvergoal(Chunk chunk, int surplus) {
        List<ChunkserverInfo> ordered = new ArrayList<>(ctx.selector.orderedByUsage());
        java.util.Collections.reverse(ordered);
        for (ChunkserverInfo cs : ordered) {
            if (surplus == 0) {
                return;
            }
            ChunkCopy copy = chunk.copyOn(cs.csid());
            if (copy != null && copy.state() == CopyState.VALID) {
                if (!tryDelete(chunk, copy, 0)) {
                    return; // that server is at its deletion limit: try again next pass
                }
                surplus--;
            }
        }
    }

    private void replicateUndergoal(Chunk chunk, boolean endangered, int now) {
        int limitClass = endangered ? ChunkSettings.LIMIT_ENDANGERED : ChunkSettings.LIMIT_UNDERGOAL;
        int readLimit = ctx.settings.readReplicationLimits().get(limitClass);
        int writeLimit = ctx.settings.writeReplicationLimits().get(limitClass);
        ChunkserverInfo source = chooseSource(chunk, readLimit);
        if (source == null) {
            return;
        }
        Set<Integer> holders = holders(chunk);
        for (ChunkserverInfo dst : ctx.selector.replicationDestinations(writeLimit)) {
            if (!holders.contains(dst.csid())) {
                startReplication(chunk, source, dst, true);
                chunk.copies.add(new ChunkCopy(dst.csid(), CopyState.BUSY, chunk.version));
                chunk.replicating = true;
                ctx.chunks.lockTransiently(chunk, now + ctx.settings.lockTimeout());
                return;
            }
        }
    }

    /** A readable copy on a server under its read limit: regular disks first, then the least busy, then csid. */
    private ChunkserverInfo chooseSource(Chunk chunk, int readLimit) {
        ChunkserverInfo best = null;
        boolean bestTd = true;
        for (ChunkCopy copy : chunk.copies) {
            if (!copy.state().isReadable()) {
                continue;
            }
            ChunkserverInfo cs = ctx.servers.connected(copy.csid());
            if (cs == null || cs.replicationsOut() >= readLimit) {
                continue;
            }
            boolean td = copy.state().isMarkedForRemoval();
            if (best == null || (bestTd && !td) || (bestTd == td && (cs.replicationsOut() < best.replicationsOut()
                    || (cs.replicationsOut() == best.replicationsOut() && cs.csid() < best.csid())))) {
                best = cs;
                bestTd = td;
            }
        }
        return best;
    }

    /**
     * Copies the chunk from the fullest server holding it to the emptiest server without it, when their usage
     * differs by more than ACCEPTABLE_PERCENTAGE_DIFFERENCE. A large difference (over 1.5 times the acceptable
     * one) uses the fourth, usually higher, replication limits.
     */
    private void rebalance(Chunk chunk) {
        for (ChunkContext.CopyKey inFlight : ctx.replications.keySet()) {
            if (inFlight.chunkId() == chunk.id()) {
                return; // one extra copy at a time
            }
        }
        double acceptable = ctx.settings.acceptableDifference();
        List<Integer> readLimits = ctx.settings.readReplicationLimits();
        List<Integer> writeLimits = ctx.settings.writeReplicationLimits();
        List<ChunkserverInfo> ordered = ctx.selector.orderedByUsage();
        Set<Integer> holders = holders(chunk);
        ChunkserverInfo bestSrc = null;
        ChunkserverInfo bestDst = null;
        double bestDiff = 0;
        List<ChunkCopy> valid = chunk.copies.stream().filter(c -> c.state() == CopyState.VALID)
                .sorted(Comparator.comparingInt(ChunkCopy::csid)).toList();
        for (ChunkCopy copy : valid) {
            ChunkserverInfo src = ctx.servers.connected(copy.csid());
            if (src == null) {
                continue;
            }
            for (ChunkserverInfo dst : ordered) {
                double diff = src.usage() - dst.usage();
                if (diff <= bestDiff || diff <= acceptable) {
                    break;
                }
                if (holders.contains(dst.csid())) {
                    continue;
                }
                int limitClass = diff > acceptable * 1.5 ? ChunkSettings.LIMIT_REBALANCE_FAR
                        : ChunkSettings.LIMIT_REBALANCE;
                if (src.replicationsOut() < readLimits.get(limitClass)
                        && dst.replicationsIn() < writeLimits.get(limitClass)) {
                    bestSrc = src;
                    bestDst = dst;
                    bestDiff = diff;
                    break;
                }
            }
        }
        if (bestSrc != null) {
            startReplication(chunk, bestSrc, bestDst, false);
            chunk.needVersionIncrease = true;
        }
    }

    private void startReplication(Chunk chunk, ChunkserverInfo src, ChunkserverInfo dst, boolean undergoal) {
        ctx.replications.put(new ChunkContext.CopyKey(dst.csid(), chunk.id()),
                new ChunkContext.Replication(src.csid(), undergoal));
        dst.replicationStarted(true);
        src.replicationStarted(false);
        ctx.gateway.replicate(dst.csid(), chunk.id(), chunk.version, src.ip(), src.port());
    }

    /** An undergoal replication outlived the lock timeout: its copy is of unknown state and gets deleted. */
    private void abandonReplication(Chunk chunk) {
        for (ChunkCopy copy : chunk.copies) {
            if (copy.state().isBusy()) {
                ChunkContext.Replication rep = ctx.replications.remove(
                        new ChunkContext.CopyKey(copy.csid(), chunk.id()));
                if (rep != null) {
                    ChunkserverInfo dst = ctx.servers.connected(copy.csid());
                    ChunkserverInfo src = ctx.servers.connected(rep.sourceCsid());
                    if (dst != null) {
                        dst.replicationEnded(true);
                    }
                    if (src != null) {
                        src.replicationEnded(false);
                    }
                }
                copy.set(CopyState.INVALID, 0);
            }
        }
        chunk.replicating = false;
        ctx.chunks.expireLock(chunk);
        ctx.wake(chunk);
    }

    private static Set<Integer> holders(Chunk chunk) {
        Set<Integer> out = new HashSet<>();
        for (ChunkCopy copy : chunk.copies) {
            out.add(copy.csid());
        }
        return out;
    }
}
