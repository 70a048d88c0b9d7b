package io.jmfs.chunkserver;

import io.jmfs.chunkserver.config.ChunkserverConfig;
import io.jmfs.daemon.DaemonDefinition;
import io.jmfs.daemon.DaemonLauncher;

/** {@code mfschunkserver}: the data server. */
public final class ChunkserverMain {

    private ChunkserverMain() {
    }

    /** The daemon's definition; its service only stops the master link on a master of another instance. */
    public static DaemonDefinition definition() {
        return DaemonDefinition.of("mfschunkserver", ChunkserverConfig.SCHEMA, ChunkserverMain.class,
                ChunkserverService::new);
    }

    public static void main(String[] args) {
        DaemonLauncher.main(DaemonDefinition.of("mfschunkserver", ChunkserverConfig.SCHEMA, ChunkserverMain.class,
                () -> new ChunkserverService(ChunkserverMain::exitProcess)), args);
    }

    /**
     * Ends the process the way an operator's stop does: SIGTERM to ourselves, so the daemon shell's handler runs
     * the clean stop (disks closed, {@code .chunkdb} written) and exits. MooseFS's chunkserver exits likewise when
     * its master belongs to another instance: no reconnection can fix that.
     */
    private static void exitProcess() {
        org.slf4j.LoggerFactory.getLogger(ChunkserverMain.class)
                .error("the master belongs to another MooseFS instance: exiting");
        sun.misc.Signal.raise(new sun.misc.Signal("TERM"));
    }
}
