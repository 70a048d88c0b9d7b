package io.jmfs.chunkserver.storage.disk;

import io.jmfs.daemon.config.SizeText;

/**
 * The optional size column of an {@code mfshdd.cfg} line: {@code 10GiB} = use at most 10 GiB on this disk,
 * {@code -10GiB} = leave 10 GiB free; none = leave {@code HDD_LEAVE_SPACE_DEFAULT} free.
 */
public record SpaceLimit(Kind kind, long bytes) {
    public enum Kind { DEFAULT, USE_AT_MOST, LEAVE_FREE }

    public static final SpaceLimit DEFAULT = new SpaceLimit(Kind.DEFAULT, 0);

    public SpaceLimit {
        if (bytes < 0) {
            throw new IllegalArgumentException("space limit must not be negative: " + bytes);
        }
    }

    public static SpaceLimit useAtMost(long bytes) {
        return new SpaceLimit(Kind.USE_AT_MOST, bytes);
    }

    public static SpaceLimit leaveFree(long bytes) {
        return new SpaceLimit(Kind.LEAVE_FREE, bytes);
    }

    /**
     * Parses MooseFS's size syntax {@code [0-9]*(.[0-9]*)?([kMGTPE]|[KMGTPE]i)?B?}: decimal suffixes are powers of
     * 1000, {@code i} suffixes powers of 1024 (there is no plain {@code K}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static long parseSize(String text) {
        return SizeText.parse(text);
    }
}
