package io.jmfs.daemon;

import sun.misc.Signal;

/**
 * SIGHUP asks for a reload, SIGTERM and SIGINT for a clean stop, as with MooseFS's daemons. Taking over SIGTERM
 * replaces the JVM's default (run shutdown hooks and exit 143), so a stop always goes through the service's own
 * {@code stop()} and ends with status 0.
 */
public final class OsSignals implements SignalSource {

    @Override
    public void install(Runnable reload, Runnable stop) {
        Signal.handle(new Signal("HUP"), signal -> reload.run());
        Signal.handle(new Signal("TERM"), signal -> stop.run());
        Signal.handle(new Signal("INT"), signal -> stop.run());
    }
}
