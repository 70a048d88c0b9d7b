package io.jmfs.daemon;

/**
 * Where requests to reload or stop a running daemon come from. The operating system's signals in production
 * ({@link OsSignals}); tests drive an in-process daemon through their own implementation.
 */
public interface SignalSource {

    /**
     * Arranges for {@code reload} to run on each reload request (SIGHUP) and {@code stop} on each stop request
     * (SIGTERM, SIGINT). Both must only hand the request over, never do the work themselves.
     */
    void install(Runnable reload, Runnable stop);
}
