package io.jmfs.metalogger;

import io.jmfs.daemon.DaemonDefinition;
import io.jmfs.daemon.DaemonLauncher;
import io.jmfs.metalogger.config.MetaloggerConfig;

/** {@code mfsmetalogger}: keeps a copy of the master's metadata and change logs. */
public final class MetaloggerMain {

    private MetaloggerMain() {
    }

    /** The daemon as the shell runs it. */
    public static DaemonDefinition definition() {
        return DaemonDefinition.of("mfsmetalogger", MetaloggerConfig.SCHEMA, MetaloggerMain.class, MetaloggerService::new);
    }

    public static void main(String[] args) {
        DaemonLauncher.main(definition(), args);
    }
}
