package io.jmfs.metalogger.config;

import static io.jmfs.daemon.config.ValueParsers.host;
import static io.jmfs.daemon.config.ValueParsers.integer;
import static io.jmfs.daemon.config.ValueParsers.port;

import io.jmfs.daemon.config.ConfigKey;
import io.jmfs.daemon.config.ConfigSchema;
import java.util.List;

/**
 * The keys of {@code mfsmetalogger.cfg} beyond the common runtime ones ({@link io.jmfs.daemon.config.CommonKeys}),
 * with MooseFS 3.0.117's defaults. Times are in seconds unless the name says otherwise.
 */
public final class MetaloggerConfig {

    private static final int UINT = Integer.MAX_VALUE;

    public static final ConfigKey<Integer> BACK_LOGS = ConfigKey.of("BACK_LOGS", "50", integer(0, UINT), "number of change log files kept");
    public static final ConfigKey<Integer> BACK_META_KEEP_PREVIOUS = ConfigKey.of("BACK_META_KEEP_PREVIOUS", "3", integer(0, UINT), "number of previous metadata files kept");
    public static final ConfigKey<Integer> META_DOWNLOAD_FREQ = ConfigKey.of("META_DOWNLOAD_FREQ", "24", integer(1, UINT), "metadata download frequency (hours; at least BACK_LOGS/2)");
    public static final ConfigKey<Integer> MASTER_RECONNECTION_DELAY = ConfigKey.of("MASTER_RECONNECTION_DELAY", "5", integer(0, UINT), "delay before reconnecting to the master");
    public static final ConfigKey<String> BIND_HOST = ConfigKey.of("BIND_HOST", "*", host(), "local address for the master connection (* = default)");
    public static final ConfigKey<String> MASTER_HOST = ConfigKey.of("MASTER_HOST", "mfsmaster", host(), "master host");
    public static final ConfigKey<Integer> MASTER_PORT = ConfigKey.of("MASTER_PORT", "9419", port(), "master's metalogger port (MATOML)");
    public static final ConfigKey<Integer> MASTER_TIMEOUT = ConfigKey.of("MASTER_TIMEOUT", "10", integer(0, UINT), "master connection timeout");

    /** Every metalogger key, in the order of MooseFS's sample file. */
    public static final List<ConfigKey<?>> KEYS = List.of(BACK_LOGS, BACK_META_KEEP_PREVIOUS, META_DOWNLOAD_FREQ,
            MASTER_RECONNECTION_DELAY, BIND_HOST, MASTER_HOST, MASTER_PORT, MASTER_TIMEOUT);

    /** The metalogger's whole schema: the common keys, then {@link #KEYS}. */
    public static final ConfigSchema SCHEMA = ConfigSchema.withCommonKeys(KEYS);

    private MetaloggerConfig() {
    }
}
