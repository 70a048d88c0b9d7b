package io.jmfs.client;

import io.jmfs.protocol.MfsStatus;
import java.io.IOException;

/**
 * A MooseFS operation that the master or a chunkserver refused with a status code; {@link #errno()} maps it.
 *
 * <p>Without a stack trace: it reports a peer's answer, not a fault in this program, and the message names the
 * operation. Ordinary answers come this way by the thousand (every path a program probes that does not exist is a
 * LOOKUP refused with ENOENT), and capturing the deep stack of a FUSE upcall for each cost more than the answer.
 */
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

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
