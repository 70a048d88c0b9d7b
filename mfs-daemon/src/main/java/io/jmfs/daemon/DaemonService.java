package io.jmfs.daemon;

import io.jmfs.daemon.config.Config;

/**
 * What a daemon does between "lockfile created and locked" and "exiting". The shell calls these methods from one
 * thread, one at a time.
 */
public interface DaemonService {

    /**
     * Brings the daemon up and returns once it serves (ports bound, files opened). The shell reports the daemon
     * as started only after this returns.
     *
     * @throws Exception when the daemon cannot start; its message is shown to the user, then {@link #stop()} is
     *     called to release whatever was acquired
     */
    void start(Config config) throws Exception;

    /** {@link #start(Config)} for daemons that need the command line too (mfsmaster's {@code -a}). */
    default void start(Config config, DaemonOptions options) throws Exception {
        start(config);
    }

    /** Applies a new configuration (SIGHUP or the {@code reload} action). The default ignores it. */
    default void reload(Config config) throws Exception {
    }

    /** Stops cleanly and releases everything; called once, also after a failed {@link #start}. */
    void stop();
}
