package io.jmfs.master.fs;

/** The metadata loop's clock in unix seconds; injected so tests and replay control time. */
@FunctionalInterface
public interface MetaClock {
    int now();

    static MetaClock system() {
        return () -> (int) (System.currentTimeMillis() / 1000L);
    }
}
