package io.jmfs.protocol.msg.chunkserver;

/**
 * A {@code chunkid:64 version:32} pair as chunk lists carry it. In registration lists the version's high bit
 * ({@link #MARKED_FOR_REMOVAL}) flags a copy on a disk marked for removal.
 */
public record ChunkVersion(long chunkId, int version) {
    public static final int MARKED_FOR_REMOVAL = 0x8000_0000;
    public static final int SIZE = 12;

    /** The version without the removal flag. */
    public int plainVersion() {
        return version & ~MARKED_FOR_REMOVAL;
    }

    public boolean markedForRemoval() {
        return (version & MARKED_FOR_REMOVAL) != 0;
    }
}
