package io.jmfs.chunkserver;

import io.jmfs.chunkserver.config.ChunkserverConfig;
import io.jmfs.daemon.DaemonDefinition;
import io.jmfs.daemon.DaemonLauncher;

/** {@code mfschunkserver}: the data server. */
public final class ChunkserverMain {

    private ChunkserverMain() {
    }

    /** The daemon as the shell runs it. */
    public static DaemonDefinition definition() {
        return DaemonDefinition.of("mfschunkserver", ChunkserverConfig.SCHEMA, ChunkserverMain.class,
                ChunkserverService::new);
    }

    public static void main(String[] args) {
        DaemonLauncher.main(definition(), args);
    }
}
