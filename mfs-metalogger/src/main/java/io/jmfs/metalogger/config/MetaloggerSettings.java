package io.jmfs.metalogger.config;

import io.jmfs.daemon.config.CommonKeys;
import io.jmfs.daemon.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The metalogger's configuration as it is used, with MooseFS's clamping applied: MASTER_TIMEOUT within 10..65535 s,
 * BACK_LOGS within 5..10000, BACK_META_KEEP_PREVIOUS at most 99, and META_DOWNLOAD_FREQ at most BACK_LOGS/2 hours
 * (older change logs than that would be rotated away before the next metadata download could use them).
 */
public record MetaloggerSettings(Path dataPath, String masterHost, int masterPort, Optional<String> bindHost,
                                 int timeoutSeconds, Duration reconnectionDelay, int backLogs, int backMetaCopies,
                                 Duration metaDownloadEvery) {

    public static MetaloggerSettings from(Config config) {
        int backLogs = clamp(config.get(MetaloggerConfig.BACK_LOGS), 5, 10_000);
        int hours = Math.min(config.get(MetaloggerConfig.META_DOWNLOAD_FREQ), backLogs / 2);
        String bind = config.get(MetaloggerConfig.BIND_HOST);
        return new MetaloggerSettings(config.get(CommonKeys.DATA_PATH),
                config.get(MetaloggerConfig.MASTER_HOST),
                config.get(MetaloggerConfig.MASTER_PORT),
                bind.equals("*") ? Optional.empty() : Optional.of(bind),
                clamp(config.get(MetaloggerConfig.MASTER_TIMEOUT), 10, 65_535),
                Duration.ofSeconds(config.get(MetaloggerConfig.MASTER_RECONNECTION_DELAY)),
                backLogs,
                Math.min(config.get(MetaloggerConfig.BACK_META_KEEP_PREVIOUS), 99),
                Duration.ofHours(hours));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
