package io.jmfs.master.cluster;

/**
 * Disk space a chunkserver announces (registration and {@code CSTOMA_SPACE}): bytes used and total on regular
 * disks, the same on disks marked for removal ("td"), and the chunk counts on each.
 */
public record SpaceReport(long used, long total, int chunks, long tdUsed, long tdTotal, int tdChunks) {
    public static final SpaceReport EMPTY = new SpaceReport(0, 0, 0, 0, 0, 0);

    public SpaceReport {
        if (used < 0 || total < 0 || tdUsed < 0 || tdTotal < 0 || chunks < 0 || tdChunks < 0) {
            throw new IllegalArgumentException("negative space value in " + used + "/" + total + "/" + chunks
                    + "/" + tdUsed + "/" + tdTotal + "/" + tdChunks);
        }
    }
}
