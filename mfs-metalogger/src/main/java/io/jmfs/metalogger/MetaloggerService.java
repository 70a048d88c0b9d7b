package io.jmfs.metalogger;

import io.jmfs.daemon.DaemonService;
import io.jmfs.daemon.config.Config;
import io.jmfs.metalogger.config.MetaloggerSettings;
import io.jmfs.metalogger.net.MasterConnector;
import io.jmfs.metalogger.net.MetaloggerSync;
import io.jmfs.metalogger.store.ChangelogFiles;
import io.jmfs.metalogger.store.MetadataStore;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metalogger daemon: keeps DATA_PATH a folder a master can be restored from, by following the master at
 * MASTER_HOST:MASTER_PORT. A reload reconnects with the new settings (as MooseFS does).
 */
public final class MetaloggerService implements DaemonService {

    private static final Logger log = LoggerFactory.getLogger(MetaloggerService.class);

    private ChangelogFiles changelogs;
    private MasterConnector connector;

    @Override
    public void start(Config config) throws IOException {
        MetaloggerSettings settings = MetaloggerSettings.from(config);
        changelogs = ChangelogFiles.open(settings.dataPath(), settings.backLogs());
        MetadataStore metadata = new MetadataStore(settings.dataPath(), settings.backMetaCopies());
        MetaloggerSync sync = new MetaloggerSync(changelogs, metadata, settings.timeoutSeconds(),
                settings.metaDownloadEvery(), System.nanoTime());
        connector = new MasterConnector(new MasterConnector.Target(settings.masterHost(), settings.masterPort(),
                settings.bindHost(), Duration.ofSeconds(settings.timeoutSeconds()), settings.reconnectionDelay()),
                sync);
        log.info("following the master at {}:{}; change logs in {} (last version {})", settings.masterHost(),
                settings.masterPort(), settings.dataPath(), changelogs.lastVersion());
        connector.start();
    }

    @Override
    public void reload(Config config) throws IOException {
        stop();
        start(config);
    }

    @Override
    public void stop() {
        if (connector != null) {
            connector.close();
            connector = null;
        }
        if (changelogs != null) {
            try {
                changelogs.close();
            } catch (IOException e) {
                log.warn("cannot close {}: {}", changelogs.current(), e.toString());
            }
            changelogs = null;
        }
    }
}
