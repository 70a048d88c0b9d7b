package io.jmfs.tests.cluster;

/** How far {@link LocalCluster#start} waits before it returns. */
public enum Readiness {
    /**
     * Every daemon said "daemon initialized properly" (MooseFS's words, which ours print too) and every listening
     * port (master's three, each chunkserver's) accepts connections.
     */
    STARTED,
    /** {@link #STARTED}, and every chunkserver and the metalogger holds a TCP connection to the master. */
    CONNECTED
}
