package io.jmfs.master.fs;

import io.jmfs.protocol.MfsStatus;

/** A status and, when it is OK, a value. */
public record FsResult<T>(MfsStatus status, T value) {
    public static <T> FsResult<T> ok(T value) {
        return new FsResult<>(MfsStatus.OK, value);
    }

    public static <T> FsResult<T> error(MfsStatus status) {
        if (status.isOk()) {
            throw new IllegalArgumentException("an error result needs an error status");
        }
        return new FsResult<>(status, null);
    }

    public boolean isOk() {
        return status.isOk();
    }

    /** The value; an {@link IllegalStateException} naming the status when this is an error. */
    public T orThrow() {
        if (!status.isOk()) {
            throw new IllegalStateException("operation failed: " + status);
        }
        return value;
    }
}
