package io.jmfs.client.fuse;

import io.jmfs.client.MfsException;
import java.io.IOException;
import java.io.InterruptedIOException;

/** The Linux errno a failed operation answers the kernel with. */
final class Errnos {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int ERANGE = 34;
    static final int ENAMETOOLONG = 36;
    static final int ENOSYS = 38;
    static final int ENODATA = 61;
    static final int ENOTSUP = 95;

    private Errnos() {
    }

    static int of(Throwable t) {
        return switch (t) {
            case MfsException m -> m.errno() == 0 ? EIO : m.errno();
            case NameTooLongException n -> ENAMETOOLONG;
            case InterruptedIOException i -> EINTR;
            case IOException io -> EIO;
            case IllegalArgumentException bad -> EINVAL;
            default -> EIO;
        };
    }

    /** A name longer than MooseFS allows (255 bytes), refused before it reaches the master. */
    static final class NameTooLongException extends IOException {
        NameTooLongException(String name) {
            super("name too long: " + name.length() + " characters");
        }
    }
}
