package io.jmfs.master;

import io.jmfs.daemon.DaemonDefinition;
import io.jmfs.daemon.DaemonLauncher;
import io.jmfs.master.config.MasterConfig;

/** {@code mfsmaster}: the metadata server. */
public final class MasterMain {

    private MasterMain() {
    }

    /** The daemon as the shell runs it. */
    public static DaemonDefinition definition() {
        return DaemonDefinition.of("mfsmaster", MasterConfig.SCHEMA, MasterMain.class,
                () -> new MasterService(MasterPipelines::serving));
    }

    public static void main(String[] args) {
        DaemonLauncher.main(definition(), args);
    }
}
