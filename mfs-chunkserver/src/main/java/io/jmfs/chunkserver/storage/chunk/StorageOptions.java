package io.jmfs.chunkserver.storage.chunk;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the storage layer, taken from mfschunkserver.cfg by the config layer.
 *
 * @param leaveFreeDefault   HDD_LEAVE_SPACE_DEFAULT (256 MiB) for disks without a limit column
 * @param errorTolerance     HDD_ERROR_TOLERANCE_COUNT (2): errors tolerated per period before a disk is damaged
 * @param errorPeriod        HDD_ERROR_TOLERANCE_PERIOD (600 s)
 * @param testInterval       pause between two background chunk tests; zero disables them (HDD_TEST_FREQ)
 * @param fsyncBeforeClose   HDD_FSYNC_BEFORE_CLOSE: fsync a written chunk before its file is closed
 * @param ioThreads          disk worker threads at most (started when needed; one chunk uses one at a time)
 * @param idleClose          how long a chunk file stays open after its last use
 */
public record StorageOptions(long leaveFreeDefault, int errorTolerance, Duration errorPeriod, Duration testInterval,
                             boolean fsyncBeforeClose, int ioThreads, Duration idleClose) {
    public StorageOptions {
        Objects.requireNonNull(errorPeriod);
        Objects.requireNonNull(testInterval);
        Objects.requireNonNull(idleClose);
        if (leaveFreeDefault < 0 || errorTolerance < 0 || ioThreads < 1 || testInterval.isNegative()) {
            throw new IllegalArgumentException("invalid storage options");
        }
    }

    /** MooseFS 3.0.117's defaults (HDD_TEST_FREQ 10 s). */
    public static StorageOptions defaults() {
        return new StorageOptions(256L << 20, 2, Duration.ofSeconds(600), Duration.ofSeconds(10), false,
                Math.max(8, Runtime.getRuntime().availableProcessors() * 2), Duration.ofSeconds(1));
    }

    public StorageOptions withLeaveFreeDefault(long bytes) {
        return new StorageOptions(bytes, errorTolerance, errorPeriod, testInterval, fsyncBeforeClose, ioThreads, idleClose);
    }

    public StorageOptions withTestInterval(Duration d) {
        return new StorageOptions(leaveFreeDefault, errorTolerance, errorPeriod, d, fsyncBeforeClose, ioThreads, idleClose);
    }

    public StorageOptions withErrorTolerance(int count) {
        return new StorageOptions(leaveFreeDefault, count, errorPeriod, testInterval, fsyncBeforeClose, ioThreads, idleClose);
    }

    public StorageOptions withFsyncBeforeClose(boolean on) {
        return new StorageOptions(leaveFreeDefault, errorTolerance, errorPeriod, testInterval, on, ioThreads, idleClose);
    }
}
