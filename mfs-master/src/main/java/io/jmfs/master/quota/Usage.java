package io.jmfs.master.quota;

/**
 * What a part of the tree holds, in the four quantities quotas limit: inodes, length (file lengths and symlink
 * target lengths), size (bytes of chunk files, headers included) and real size (size times copies). Also used
 * as a delta (components may be negative then).
 */
public record Usage(long inodes, long length, long size, long realSize) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage plus(Usage o) {
        return new Usage(inodes + o.inodes, length + o.length, size + o.size, realSize + o.realSize);
    }

    public Usage minus(Usage o) {
        return new Usage(inodes - o.inodes, length - o.length, size - o.size, realSize - o.realSize);
    }

    public boolean isZero() {
        return inodes == 0 && length == 0 && size == 0 && realSize == 0;
    }
}
