package io.jmfs.master.meta;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The persistence settings, with MooseFS's names: DATA_PATH, BACK_LOGS, BACK_META_KEEP_PREVIOUS,
 * METADATA_SAVE_FREQ (hours), CHANGELOG_SAVE_MODE (0 background, 1 flush on request, 2 fsync every batch), and
 * {@code -a} (auto-recovery at start).
 */
public record PersistenceSettings(Path dataPath, int backLogs, int keepPreviousDumps, Duration dumpEvery,
                                  Duration rotateEvery, int changelogSaveMode, boolean autoRecover) {
    public PersistenceSettings {
        if (dumpEvery.isNegative() || dumpEvery.isZero() || rotateEvery.isNegative() || rotateEvery.isZero()) {
            throw new IllegalArgumentException("dump and rotation periods must be positive");
        }
    }

    public static PersistenceSettings of(Path dataPath, int backLogs, int keepPrevious, int saveFreqHours,
                                         int saveMode, boolean autoRecover) {
        return new PersistenceSettings(dataPath, backLogs, keepPrevious, Duration.ofHours(Math.max(1, saveFreqHours)),
                Duration.ofHours(1), saveMode, autoRecover);
    }
}
