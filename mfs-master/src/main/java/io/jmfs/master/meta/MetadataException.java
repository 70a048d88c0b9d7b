package io.jmfs.master.meta;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A metadata file (dump or changelog) that cannot be used: missing, truncated, corrupt, or inconsistent with the
 * rest. The message always names the file and, when known, where in it the problem is.
 */
public final class MetadataException extends IOException {
    private final transient Path file;

    public MetadataException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public MetadataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
