package io.jmfs.chunkserver.storage.disk;

/** Life cycle of a data disk. */
public enum DiskState {
    /** Chunk files are being listed in the background; no new chunks yet. */
    SCANNING,
    /** Serving and (unless marked for removal) accepting new chunks. */
    READY,
    /** I/O failed too often, or the disk vanished or was swapped: nothing is read or written any more. */
    DAMAGED
}
