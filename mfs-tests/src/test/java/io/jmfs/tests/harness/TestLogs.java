package io.jmfs.tests.harness;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The log folder of one test, {@code target/cluster-logs/<test class>/<test method>/}: daemons started by the test
 * write their output and configuration there. {@link KeepLogsOnFailure} creates it, keeps it (and prints the ends of
 * its logs) when the test fails, and deletes it when the test passes.
 */
public record TestLogs(Path dir) {
    public TestLogs {
        Objects.requireNonNull(dir, "dir");
    }

    /** The log file of a daemon or command called {@code name}. */
    public Path file(String name) {
        return dir.resolve(name + ".log");
    }
}
