package io.jmfs.daemon.config;

import java.nio.file.Path;

/**
 * A configuration file cannot be used. The message names the file and, when the problem is one line, the line and
 * the key, in the {@code file:line: KEY: reason} form editors and terminals understand.
 */
public final class ConfigException extends Exception {

    private final Path file;
    private final int line;
    private final String key;

    public ConfigException(Path file, int line, String key, String reason) {
        super(file + ":" + line + ": " + key + ": " + reason);
        this.file = file;
        this.line = line;
        this.key = key;
    }

    public ConfigException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.line = 0;
        this.key = null;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is not one line. */
    public int line() {
        return line;
    }

    /** The key, or null when the problem is not one key. */
    public String key() {
        return key;
    }
}
