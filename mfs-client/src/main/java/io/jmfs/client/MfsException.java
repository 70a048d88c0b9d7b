package io.jmfs.client;

import io.jmfs.protocol.MfsStatus;
import java.io.IOException;

/** A MooseFS operation that the master or a chunkserver refused with a status code; {@link #errno()} maps it. */
public final class MfsException extends IOException {
    private final MfsStatus status;

    public MfsException(MfsStatus status, String operation) {
        super(operation + ": " + status.message());
        this.status = status;
    }

    public MfsStatus status() {
        return status;
    }

    /** The Linux errno a FUSE layer answers with. */
    public int errno() {
        return status.errno();
    }
}
