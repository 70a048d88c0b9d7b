package io.jmfs.master.cluster;

/**
 * The space statfs reports: the connected chunkservers' total, what is free on them, and what clients may still
 * use (free minus the {@link ReserveSpace}, never below 0).
 */
public record ClusterSpace(long total, long available, long free) {
    public static final ClusterSpace NONE = new ClusterSpace(0, 0, 0);
}
