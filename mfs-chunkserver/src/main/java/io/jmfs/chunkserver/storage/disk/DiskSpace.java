package io.jmfs.chunkserver.storage.disk;

/** Space of one disk as reported to the master: {@code used = total - available}. */
public record DiskSpace(long used, long total, long available) {
    public static final DiskSpace NONE = new DiskSpace(0, 0, 0);
}
