package io.jmfs.daemon.config;

import static io.jmfs.daemon.config.ValueParsers.flag;
import static io.jmfs.daemon.config.ValueParsers.integer;
import static io.jmfs.daemon.config.ValueParsers.nonEmptyText;
import static io.jmfs.daemon.config.ValueParsers.path;
import static io.jmfs.daemon.config.ValueParsers.text;

import java.nio.file.Path;
import java.util.List;

/**
 * The runtime keys every MooseFS 3.0 daemon reads, with the defaults of the Debian packages.
 *
 * <p>Several exist for compatibility only: a JVM cannot switch user, lock its memory or set its nice level, so the
 * daemon shell accepts them and warns when a value asks for something it cannot do.
 */
public final class CommonKeys {

    /** Where MooseFS keeps its data and lock files by default. */
    public static final String DEFAULT_DATA_PATH = "/var/lib/mfs";

    public static final ConfigKey<String> WORKING_USER =
            ConfigKey.of("WORKING_USER", "mfs", nonEmptyText(), "user to run the daemon as (not switched by jmfs: a warning when it differs)");
    public static final ConfigKey<String> WORKING_GROUP =
            ConfigKey.of("WORKING_GROUP", "mfs", text(), "group to run the daemon as (not switched by jmfs)");
    public static final ConfigKey<String> SYSLOG_IDENT =
            ConfigKey.of("SYSLOG_IDENT", "", text(), "name used in log messages (default: the daemon's name)");
    public static final ConfigKey<Boolean> LOCK_MEMORY =
            ConfigKey.of("LOCK_MEMORY", "0", flag(), "mlockall() the process (not supported by jmfs)");
    public static final ConfigKey<Integer> LIMIT_GLIBC_MALLOC_ARENAS =
            ConfigKey.of("LIMIT_GLIBC_MALLOC_ARENAS", "4", integer(0, 255), "glibc malloc arenas (no effect on the JVM)");
    public static final ConfigKey<Boolean> DISABLE_OOM_KILLER =
            ConfigKey.of("DISABLE_OOM_KILLER", "1", flag(), "exempt the process from the OOM killer (not done by jmfs)");
    public static final ConfigKey<Integer> NICE_LEVEL =
            ConfigKey.of("NICE_LEVEL", "-19", integer(-20, 19), "nice level (not set by jmfs)");
    public static final ConfigKey<Integer> FILE_UMASK =
            ConfigKey.of("FILE_UMASK", "027", integer(0, 0777), "umask for created files (octal with a leading 0; a JVM cannot set the process umask)");
    public static final ConfigKey<Path> DATA_PATH =
            ConfigKey.of("DATA_PATH", DEFAULT_DATA_PATH, path(), "data directory: lock file, log file and the daemon's data");

    public static final List<ConfigKey<?>> ALL = List.of(WORKING_USER, WORKING_GROUP, SYSLOG_IDENT, LOCK_MEMORY,
            LIMIT_GLIBC_MALLOC_ARENAS, DISABLE_OOM_KILLER, NICE_LEVEL, FILE_UMASK, DATA_PATH);

    private CommonKeys() {
    }
}
