package io.jmfs.master.chunks;

import io.jmfs.daemon.config.Config;
import io.jmfs.master.config.MasterConfig;
import java.util.List;

/**
 * The chunk layer's settings, named after and defaulting to MooseFS 3.0.117's {@code mfsmaster.cfg} keys.
 *
 * @param replicationsDelayInit REPLICATIONS_DELAY_INIT: seconds after start before the chunk loop acts
 * @param loopMaxCps CHUNKS_LOOP_MAX_CPS: chunks checked per second at most
 * @param loopMinTime CHUNKS_LOOP_MIN_TIME: seconds one pass over all chunks takes at least (60..7200)
 * @param softDeleteLimit CHUNKS_SOFT_DEL_LIMIT: deletions in flight per server, normally
 * @param hardDeleteLimit CHUNKS_HARD_DEL_LIMIT: deletions in flight per server when deletions pile up
 * @param writeReplicationLimits CHUNKS_WRITE_REP_LIMIT: replications into one server for endangered, undergoal,
 *        rebalance, and rebalance with a large usage difference
 * @param readReplicationLimits CHUNKS_READ_REP_LIMIT: replications out of one server, same four classes
 * @param acceptablePercentageDifference ACCEPTABLE_PERCENTAGE_DIFFERENCE: usage spread (percentage points)
 *        tolerated before rebalancing
 * @param lockTimeout seconds a chunk stays locked for a writer that never ends (MooseFS's LOCKTIMEOUT)
 * @param unusedDeleteTimeout seconds an unknown chunk found on a chunkserver is kept before deletion
 */
public record ChunkSettings(int replicationsDelayInit, int loopMaxCps, int loopMinTime, int softDeleteLimit,
                            int hardDeleteLimit, List<Integer> writeReplicationLimits,
                            List<Integer> readReplicationLimits, double acceptablePercentageDifference,
                            int lockTimeout, int unusedDeleteTimeout) {
    public static final int LIMIT_ENDANGERED = 0;
    public static final int LIMIT_UNDERGOAL = 1;
    public static final int LIMIT_REBALANCE = 2;
    public static final int LIMIT_REBALANCE_FAR = 3;

    public static final ChunkSettings DEFAULTS = new ChunkSettings(60, 100_000, 300, 10, 25, List.of(2, 1, 1, 4),
            List.of(10, 5, 2, 5), 1.0, 120, 86_400 * 7);

    public ChunkSettings {
        if (replicationsDelayInit < 0 || loopMaxCps < 1 || loopMinTime < 0 || softDeleteLimit < 1
                || hardDeleteLimit < softDeleteLimit || lockTimeout < 1 || unusedDeleteTimeout < 0) {
            throw new IllegalArgumentException("invalid chunk settings");
        }
        // MooseFS clamps these instead of refusing to start
        loopMinTime = Math.clamp(loopMinTime, 60, 7200);
        loopMaxCps = Math.clamp(loopMaxCps, 10_000, 10_000_000);
        acceptablePercentageDifference = Math.clamp(acceptablePercentageDifference, 0.1, 10.0);
        writeReplicationLimits = fourLimits(writeReplicationLimits, "CHUNKS_WRITE_REP_LIMIT");
        readReplicationLimits = fourLimits(readReplicationLimits, "CHUNKS_READ_REP_LIMIT");
    }

    /**
     * The settings from the master's configuration, honouring MooseFS's deprecated spellings when only they are
     * set (CHUNKS_LOOP_TIME, ACCEPTABLE_DIFFERENCE as a fraction).
     */
    public static ChunkSettings from(Config config) {
        int loopMinTime = !config.isDefined(MasterConfig.CHUNKS_LOOP_MIN_TIME)
                && config.isDefined(MasterConfig.CHUNKS_LOOP_TIME)
                ? config.get(MasterConfig.CHUNKS_LOOP_TIME) : config.get(MasterConfig.CHUNKS_LOOP_MIN_TIME);
        double percentage = !config.isDefined(MasterConfig.ACCEPTABLE_PERCENTAGE_DIFFERENCE)
                && config.isDefined(MasterConfig.ACCEPTABLE_DIFFERENCE)
                ? config.get(MasterConfig.ACCEPTABLE_DIFFERENCE) * 100.0
                : config.get(MasterConfig.ACCEPTABLE_PERCENTAGE_DIFFERENCE);
        int soft = Math.max(1, config.get(MasterConfig.CHUNKS_SOFT_DEL_LIMIT));
        int hard = Math.max(soft, config.get(MasterConfig.CHUNKS_HARD_DEL_LIMIT));
        return new ChunkSettings(config.get(MasterConfig.REPLICATIONS_DELAY_INIT),
                config.get(MasterConfig.CHUNKS_LOOP_MAX_CPS), loopMinTime, soft, hard,
                config.get(MasterConfig.CHUNKS_WRITE_REP_LIMIT), config.get(MasterConfig.CHUNKS_READ_REP_LIMIT),
                percentage, DEFAULTS.lockTimeout(), DEFAULTS.unusedDeleteTimeout());
    }

    private static List<Integer> fourLimits(List<Integer> limits, String key) {
        if (limits.size() == 1) {
            return List.of(limits.get(0), limits.get(0), limits.get(0), limits.get(0));
        }
        if (limits.size() != 4 || limits.stream().anyMatch(l -> l == null || l < 0)) {
            throw new IllegalArgumentException(key + " needs one or four non-negative numbers: " + limits);
        }
        return List.copyOf(limits);
    }

    /** The tolerated usage spread as a fraction (1.0 percentage points = 0.01). */
    public double acceptableDifference() {
        return acceptablePercentageDifference / 100.0;
    }

    public ChunkSettings withReplicationsDelayInit(int seconds) {
        return new ChunkSettings(seconds, loopMaxCps, loopMinTime, softDeleteLimit, hardDeleteLimit,
                writeReplicationLimits, readReplicationLimits, acceptablePercentageDifference, lockTimeout,
                unusedDeleteTimeout);
    }
}
