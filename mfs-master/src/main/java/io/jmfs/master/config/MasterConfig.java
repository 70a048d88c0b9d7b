package io.jmfs.master.config;

import static io.jmfs.daemon.config.ValueParsers.decimal;
import static io.jmfs.daemon.config.ValueParsers.fourLimits;
import static io.jmfs.daemon.config.ValueParsers.host;
import static io.jmfs.daemon.config.ValueParsers.integer;
import static io.jmfs.daemon.config.ValueParsers.path;
import static io.jmfs.daemon.config.ValueParsers.port;
import static io.jmfs.daemon.config.ValueParsers.text;

import io.jmfs.daemon.config.ConfigKey;
import io.jmfs.daemon.config.ConfigSchema;
import io.jmfs.master.cluster.ReserveSpace;
import java.nio.file.Path;
import java.util.List;

/**
 * The keys of {@code mfsmaster.cfg} beyond the common runtime ones ({@link io.jmfs.daemon.config.CommonKeys}), with
 * MooseFS 3.0.117's defaults. Times are in seconds unless the name says otherwise. Deprecated MooseFS keys are
 * kept so that old files still load; the master reads them only when their successor is not set.
 */
public final class MasterConfig {

    private static final int UINT = Integer.MAX_VALUE;

    // runtime
    public static final ConfigKey<Path> EXPORTS_FILENAME = ConfigKey.of("EXPORTS_FILENAME", "/etc/mfs/mfsexports.cfg", path(), "exports file");
    public static final ConfigKey<Path> TOPOLOGY_FILENAME = ConfigKey.of("TOPOLOGY_FILENAME", "/etc/mfs/mfstopology.cfg", path(), "topology file");
    public static final ConfigKey<Integer> BACK_LOGS = ConfigKey.of("BACK_LOGS", "50", integer(0, UINT), "number of metadata change log files kept");
    public static final ConfigKey<Integer> METADATA_SAVE_FREQ = ConfigKey.of("METADATA_SAVE_FREQ", "1", integer(1, UINT), "how often the metadata is stored (hours)");
    public static final ConfigKey<Integer> BACK_META_KEEP_PREVIOUS = ConfigKey.of("BACK_META_KEEP_PREVIOUS", "1", integer(0, UINT), "number of previous metadata files kept");
    public static final ConfigKey<Integer> CHANGELOG_PRESERVE_SECONDS = ConfigKey.of("CHANGELOG_PRESERVE_SECONDS", "1800", integer(0, 65535), "seconds of change log kept in memory for metaloggers");
    public static final ConfigKey<Integer> CHANGELOG_SAVE_MODE = ConfigKey.of("CHANGELOG_SAVE_MODE", "0", integer(0, 2), "0 background, 1 foreground, 2 foreground with fsync");
    public static final ConfigKey<Integer> MISSING_LOG_CAPACITY = ConfigKey.of("MISSING_LOG_CAPACITY", "100000", integer(0, UINT), "missing chunks remembered");
    public static final ConfigKey<Integer> MATOAN_LOG_PRESERVE_SECONDS = ConfigKey.of("MATOAN_LOG_PRESERVE_SECONDS", "600", integer(0, 65535), "seconds of change log kept for other masters");

    // metalogger / supervisor connections
    public static final ConfigKey<String> MATOML_LISTEN_HOST = ConfigKey.of("MATOML_LISTEN_HOST", "*", host(), "address to listen on for metaloggers (* = any)");
    public static final ConfigKey<Integer> MATOML_LISTEN_PORT = ConfigKey.of("MATOML_LISTEN_PORT", "9419", port(), "port to listen on for metaloggers");

    // chunkserver connections
    public static final ConfigKey<String> MATOCS_LISTEN_HOST = ConfigKey.of("MATOCS_LISTEN_HOST", "*", host(), "address to listen on for chunkservers (* = any)");
    public static final ConfigKey<Integer> MATOCS_LISTEN_PORT = ConfigKey.of("MATOCS_LISTEN_PORT", "9420", port(), "port to listen on for chunkservers");
    public static final ConfigKey<Integer> MATOCS_TIMEOUT = ConfigKey.of("MATOCS_TIMEOUT", "10", integer(0, UINT), "master-chunkserver connection timeout");
    public static final ConfigKey<String> AUTH_CODE = ConfigKey.of("AUTH_CODE", "", text(), "chunkserver password; when set only chunkservers with the same one may connect");
    public static final ConfigKey<Integer> REMAP_BITS = ConfigKey.of("REMAP_BITS", "24", integer(0, 32), "leading bits of chunkserver IPs remapped");
    public static final ConfigKey<String> REMAP_SOURCE_IP_CLASS = ConfigKey.of("REMAP_SOURCE_IP_CLASS", "0.0.0.0", host(), "chunkserver IP class to remap from");
    public static final ConfigKey<String> REMAP_DESTINATION_IP_CLASS = ConfigKey.of("REMAP_DESTINATION_IP_CLASS", "0.0.0.0", host(), "IP class to remap to");

    // chunk management
    public static final ConfigKey<Integer> REPLICATIONS_DELAY_INIT = ConfigKey.of("REPLICATIONS_DELAY_INIT", "60", integer(0, UINT), "delay before the first replications after start");
    public static final ConfigKey<Integer> REPLICATIONS_RESPECT_TOPOLOGY = ConfigKey.of("REPLICATIONS_RESPECT_TOPOLOGY", "0", integer(0, 2), "0 no, 1 best source, 2 same rack");
    public static final ConfigKey<Integer> CREATIONS_RESPECT_TOPOLOGY = ConfigKey.of("CREATIONS_RESPECT_TOPOLOGY", "0", integer(0, UINT), "topology distance preferred for new chunks (0 = ignore)");
    public static final ConfigKey<Integer> CHUNKS_UNIQUE_MODE = ConfigKey.of("CHUNKS_UNIQUE_MODE", "0", integer(0, 2), "0 ignore, 1 one copy per IP, 2 one copy per rack");
    public static final ConfigKey<Integer> CHUNKS_LOOP_MAX_CPS = ConfigKey.of("CHUNKS_LOOP_MAX_CPS", "100000", integer(1, UINT), "chunks checked per second at most");
    public static final ConfigKey<Integer> CHUNKS_LOOP_MIN_TIME = ConfigKey.of("CHUNKS_LOOP_MIN_TIME", "300", integer(0, UINT), "shortest time of one chunk loop");
    public static final ConfigKey<Integer> CHUNKS_LOOP_TIME = ConfigKey.of("CHUNKS_LOOP_TIME", "300", integer(0, UINT), "deprecated: CHUNKS_LOOP_MIN_TIME");
    public static final ConfigKey<Integer> CHUNKS_SOFT_DEL_LIMIT = ConfigKey.of("CHUNKS_SOFT_DEL_LIMIT", "10", integer(0, UINT), "soft limit of deletions per chunkserver");
    public static final ConfigKey<Integer> CHUNKS_HARD_DEL_LIMIT = ConfigKey.of("CHUNKS_HARD_DEL_LIMIT", "25", integer(0, UINT), "hard limit of deletions per chunkserver");
    public static final ConfigKey<List<Integer>> CHUNKS_WRITE_REP_LIMIT = ConfigKey.of("CHUNKS_WRITE_REP_LIMIT", "2,1,1,4", fourLimits(), "replications to one chunkserver: endangered, undergoal, rebalance, other rebalance");
    public static final ConfigKey<List<Integer>> CHUNKS_READ_REP_LIMIT = ConfigKey.of("CHUNKS_READ_REP_LIMIT", "10,5,2,5", fourLimits(), "replications from one chunkserver: endangered, undergoal, rebalance, other rebalance");
    public static final ConfigKey<Integer> CS_HEAVY_LOAD_THRESHOLD = ConfigKey.of("CS_HEAVY_LOAD_THRESHOLD", "150", integer(0, UINT), "chunkserver load threshold");
    public static final ConfigKey<Double> CS_HEAVY_LOAD_RATIO_THRESHOLD = ConfigKey.of("CS_HEAVY_LOAD_RATIO_THRESHOLD", "3.0", decimal(0, Double.MAX_VALUE), "load ratio to average that switches a chunkserver to grace mode");
    public static final ConfigKey<Integer> CS_HEAVY_LOAD_GRACE_PERIOD = ConfigKey.of("CS_HEAVY_LOAD_GRACE_PERIOD", "900", integer(0, UINT), "length of grace mode");
    public static final ConfigKey<Double> ACCEPTABLE_PERCENTAGE_DIFFERENCE = ConfigKey.of("ACCEPTABLE_PERCENTAGE_DIFFERENCE", "1.0", decimal(0, 100), "largest space usage difference between chunkservers (percentage points; used 0.1 - 10.0)");
    public static final ConfigKey<Double> ACCEPTABLE_DIFFERENCE = ConfigKey.of("ACCEPTABLE_DIFFERENCE", "0.01", decimal(0, 1), "deprecated: ACCEPTABLE_PERCENTAGE_DIFFERENCE / 100");
    public static final ConfigKey<Integer> PRIORITY_QUEUES_LENGTH = ConfigKey.of("PRIORITY_QUEUES_LENGTH", "1000000", integer(0, UINT), "length of the endangered/undergoal chunk queues");
    public static final ConfigKey<Integer> CS_MAINTENANCE_MODE_TIMEOUT = ConfigKey.of("CS_MAINTENANCE_MODE_TIMEOUT", "0", integer(0, UINT), "longest maintenance mode (0 = forever)");
    public static final ConfigKey<Integer> CS_TEMP_MAINTENANCE_MODE_TIMEOUT = ConfigKey.of("CS_TEMP_MAINTENANCE_MODE_TIMEOUT", "1800", integer(0, UINT), "longest temporary maintenance mode");
    public static final ConfigKey<Integer> CS_DAYS_TO_REMOVE_UNUSED = ConfigKey.of("CS_DAYS_TO_REMOVE_UNUSED", "7", integer(0, UINT), "days a disconnected chunkserver is remembered (0 = forever; used 0 - 365)");

    // client connections
    public static final ConfigKey<String> MATOCL_LISTEN_HOST = ConfigKey.of("MATOCL_LISTEN_HOST", "*", host(), "address to listen on for clients (* = any)");
    public static final ConfigKey<Integer> MATOCL_LISTEN_PORT = ConfigKey.of("MATOCL_LISTEN_PORT", "9421", port(), "port to listen on for clients");
    public static final ConfigKey<String> MATOCU_LISTEN_HOST = ConfigKey.of("MATOCU_LISTEN_HOST", "*", host(), "deprecated: MATOCL_LISTEN_HOST");
    public static final ConfigKey<Integer> MATOCU_LISTEN_PORT = ConfigKey.of("MATOCU_LISTEN_PORT", "9421", port(), "deprecated: MATOCL_LISTEN_PORT");
    public static final ConfigKey<Integer> SESSION_SUSTAIN_TIME = ConfigKey.of("SESSION_SUSTAIN_TIME", "86400", integer(0, UINT), "how long a disconnected client session is kept");

    // file system
    public static final ConfigKey<Integer> QUOTA_DEFAULT_GRACE_PERIOD = ConfigKey.of("QUOTA_DEFAULT_GRACE_PERIOD", "604800", integer(0, UINT), "default soft quota grace period");
    public static final ConfigKey<Integer> QUOTA_TIME_LIMIT = ConfigKey.of("QUOTA_TIME_LIMIT", "604800", integer(0, UINT), "deprecated: QUOTA_DEFAULT_GRACE_PERIOD");
    public static final ConfigKey<Integer> ATIME_MODE = ConfigKey.of("ATIME_MODE", "2", integer(0, 4), "0 always, 1 files only, 2 relatime, 3 relatime files only, 4 never");
    public static final ConfigKey<ReserveSpace> RESERVE_SPACE = ConfigKey.of("RESERVE_SPACE", "0", ReserveSpace::parse, "space kept out of what statfs calls available: bytes (with prefixes), #%, #U or #C");
    public static final ConfigKey<Integer> MAX_ALLOWED_HARD_LINKS = ConfigKey.of("MAX_ALLOWED_HARD_LINKS", "32767", integer(0, UINT), "hard links per object (used 8 - 65000)");
    public static final ConfigKey<Integer> INODE_REUSE_DELAY = ConfigKey.of("INODE_REUSE_DELAY", "86400", integer(0, UINT), "delay before inode numbers of deleted objects are reused");

    /** Every master key, in the order of MooseFS's sample file. */
    public static final List<ConfigKey<?>> KEYS = List.of(EXPORTS_FILENAME, TOPOLOGY_FILENAME, BACK_LOGS,
            METADATA_SAVE_FREQ, BACK_META_KEEP_PREVIOUS, CHANGELOG_PRESERVE_SECONDS, CHANGELOG_SAVE_MODE,
            MISSING_LOG_CAPACITY, MATOAN_LOG_PRESERVE_SECONDS, MATOML_LISTEN_HOST, MATOML_LISTEN_PORT,
            MATOCS_LISTEN_HOST, MATOCS_LISTEN_PORT, MATOCS_TIMEOUT, AUTH_CODE, REMAP_BITS, REMAP_SOURCE_IP_CLASS,
            REMAP_DESTINATION_IP_CLASS, REPLICATIONS_DELAY_INIT, REPLICATIONS_RESPECT_TOPOLOGY,
            CREATIONS_RESPECT_TOPOLOGY, CHUNKS_UNIQUE_MODE, CHUNKS_LOOP_MAX_CPS, CHUNKS_LOOP_MIN_TIME,
            CHUNKS_LOOP_TIME, CHUNKS_SOFT_DEL_LIMIT, CHUNKS_HARD_DEL_LIMIT, CHUNKS_WRITE_REP_LIMIT,
            CHUNKS_READ_REP_LIMIT, CS_HEAVY_LOAD_THRESHOLD, CS_HEAVY_LOAD_RATIO_THRESHOLD, CS_HEAVY_LOAD_GRACE_PERIOD,
            ACCEPTABLE_PERCENTAGE_DIFFERENCE, ACCEPTABLE_DIFFERENCE, PRIORITY_QUEUES_LENGTH,
            CS_MAINTENANCE_MODE_TIMEOUT, CS_TEMP_MAINTENANCE_MODE_TIMEOUT, CS_DAYS_TO_REMOVE_UNUSED,
            MATOCL_LISTEN_HOST, MATOCL_LISTEN_PORT, MATOCU_LISTEN_HOST, MATOCU_LISTEN_PORT, SESSION_SUSTAIN_TIME,
            QUOTA_DEFAULT_GRACE_PERIOD, QUOTA_TIME_LIMIT, ATIME_MODE, RESERVE_SPACE, MAX_ALLOWED_HARD_LINKS,
            INODE_REUSE_DELAY);

    /** The master's whole schema: the common keys, then {@link #KEYS}. */
    public static final ConfigSchema SCHEMA = ConfigSchema.withCommonKeys(KEYS);

    private MasterConfig() {
    }
}
