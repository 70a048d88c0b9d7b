package io.jmfs.chunkserver.storage.disk;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One disk line of {@code mfshdd.cfg}: {@code [*|<|>|~]...PATH [LIMIT]}.
 *
 * @param path              the data directory
 * @param markedForRemoval  {@code *}: chunks are replicated away, the disk gets no new chunks
 * @param rebalance         {@code <} move data off to other local disks, {@code >} move data here
 * @param ignoreSizeChange  {@code ~}: a big change of the file system's size does not mark the disk damaged
 * @param limit             the space limit column
 */
public record HddConfigEntry(Path path, boolean markedForRemoval, Rebalance rebalance, boolean ignoreSizeChange,
                             SpaceLimit limit) {
    public enum Rebalance { STANDARD, SOURCE, DESTINATION }

    public HddConfigEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rebalance, "rebalance");
        Objects.requireNonNull(limit, "limit");
    }

    /** A plain disk line with no prefix and no limit. */
    public static HddConfigEntry of(Path path) {
        return new HddConfigEntry(path, false, Rebalance.STANDARD, false, SpaceLimit.DEFAULT);
    }
}
