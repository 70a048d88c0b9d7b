package io.jmfs.daemon;

import java.nio.file.Path;

/** Points the process's logging at the console or at the daemon's log file. */
public interface LoggingSetup {

    /** Log to standard error (foreground run and the command line's own work). */
    void toConsole(boolean debug);

    /** Log to {@code logFile}, rolled over by size (background run). */
    void toFile(Path logFile, boolean debug);
}
