package io.jmfs.chunkserver.storage.disk;

/** A disk listed in mfshdd.cfg that cannot be used (missing, locked by another process, foreign metaid...). */
public final class DiskRefusedException extends Exception {
    public DiskRefusedException(String message) {
        super(message);
    }

    public DiskRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
