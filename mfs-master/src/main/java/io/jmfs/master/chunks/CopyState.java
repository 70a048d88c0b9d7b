package io.jmfs.master.chunks;

/**
 * State of one chunk copy on one chunkserver. The {@code TD} variants are the same states for a copy on a disk
 * marked for removal: still readable, but it does not count towards the goal and is replicated away.
 */
public enum CopyState {
    /** Damaged or left in an unknown state by an interrupted operation; to be deleted. */
    INVALID,
    /** A delete command was sent; the copy is gone for every purpose but the answer. */
    DEL,
    /** An operation (create, set version, duplicate, truncate, replicate) is running on it. */
    BUSY,
    VALID,
    /** Reported with a version other than the chunk's: stale, to be deleted once enough valid copies exist. */
    WRONG_VERSION,
    TD_BUSY,
    TD_VALID,
    TD_WRONG_VERSION;

    /** Holds the chunk's current data (or will, once its operation succeeds). */
    public boolean isValidOrBusy() {
        return this == VALID || this == BUSY || this == TD_VALID || this == TD_BUSY;
    }

    public boolean isBusy() {
        return this == BUSY || this == TD_BUSY;
    }

    public boolean isMarkedForRemoval() {
        return this == TD_BUSY || this == TD_VALID || this == TD_WRONG_VERSION;
    }

    /** Garbage to delete: invalid or stale. */
    public boolean isDisposable() {
        return this == INVALID || this == WRONG_VERSION || this == TD_WRONG_VERSION;
    }

    /** Readable by clients: valid now (on a regular or a marked-for-removal disk). */
    public boolean isReadable() {
        return this == VALID || this == TD_VALID;
    }

    /** The same state on a regular ({@code td == false}) or marked-for-removal disk. */
    CopyState onDisk(boolean td) {
        return switch (this) {
            case BUSY, TD_BUSY -> td ? TD_BUSY : BUSY;
            case VALID, TD_VALID -> td ? TD_VALID : VALID;
            case WRONG_VERSION, TD_WRONG_VERSION -> td ? TD_WRONG_VERSION : WRONG_VERSION;
            default -> this;
        };
    }
}
