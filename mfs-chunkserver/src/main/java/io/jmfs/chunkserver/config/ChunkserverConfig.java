package io.jmfs.chunkserver.config;

import static io.jmfs.daemon.config.ValueParsers.byteSize;
import static io.jmfs.daemon.config.ValueParsers.decimal;
import static io.jmfs.daemon.config.ValueParsers.flag;
import static io.jmfs.daemon.config.ValueParsers.host;
import static io.jmfs.daemon.config.ValueParsers.integer;
import static io.jmfs.daemon.config.ValueParsers.path;
import static io.jmfs.daemon.config.ValueParsers.port;
import static io.jmfs.daemon.config.ValueParsers.text;

import io.jmfs.daemon.config.ConfigKey;
import io.jmfs.daemon.config.ConfigSchema;
import java.nio.file.Path;
import java.util.List;

/**
 * The keys of {@code mfschunkserver.cfg} beyond the common runtime ones ({@link io.jmfs.daemon.config.CommonKeys}),
 * with MooseFS 3.0.117's defaults. Times are in seconds unless the name says otherwise.
 */
public final class ChunkserverConfig {

    private static final int UINT = Integer.MAX_VALUE;

    // runtime and disks
    public static final ConfigKey<Path> HDD_CONF_FILENAME = ConfigKey.of("HDD_CONF_FILENAME", "/etc/mfs/mfshdd.cfg", path(), "file listing the chunk disks");
    public static final ConfigKey<Double> HDD_TEST_SPEED = ConfigKey.of("HDD_TEST_SPEED", "1.0", decimal(0, Double.MAX_VALUE), "background chunk test speed per disk (MB/s)");
    public static final ConfigKey<Integer> HDD_TEST_FREQ = ConfigKey.of("HDD_TEST_FREQ", "10", integer(0, UINT), "deprecated: HDD_TEST_SPEED = 10 / HDD_TEST_FREQ");
    public static final ConfigKey<Integer> HDD_MIN_TEST_INTERVAL = ConfigKey.of("HDD_MIN_TEST_INTERVAL", "86400", integer(0, UINT), "no integrity test of a chunk used more recently than this");
    public static final ConfigKey<Integer> HDD_FADVISE_MIN_TIME = ConfigKey.of("HDD_FADVISE_MIN_TIME", "86400", integer(Integer.MIN_VALUE, Integer.MAX_VALUE), "drop tested chunks from the page cache when idle this long (negative = never)");
    public static final ConfigKey<Long> HDD_LEAVE_SPACE_DEFAULT = ConfigKey.of("HDD_LEAVE_SPACE_DEFAULT", "256MiB", byteSize(), "space left unused on each disk");
    public static final ConfigKey<Integer> HDD_REBALANCE_UTILIZATION = ConfigKey.of("HDD_REBALANCE_UTILIZATION", "20", integer(0, 100), "percent of work time allowed for disk rebalancing");
    public static final ConfigKey<Integer> HDD_HIGH_SPEED_REBALANCE_LIMIT = ConfigKey.of("HDD_HIGH_SPEED_REBALANCE_LIMIT", "0", integer(0, UINT), "simultaneous writes per disk in high speed rebalance (0 = standard)");
    public static final ConfigKey<Integer> HDD_ERROR_TOLERANCE_COUNT = ConfigKey.of("HDD_ERROR_TOLERANCE_COUNT", "2", integer(0, UINT), "I/O errors tolerated per HDD_ERROR_TOLERANCE_PERIOD before a disk is marked damaged");
    public static final ConfigKey<Integer> HDD_ERROR_TOLERANCE_PERIOD = ConfigKey.of("HDD_ERROR_TOLERANCE_PERIOD", "600", integer(0, UINT), "window of HDD_ERROR_TOLERANCE_COUNT");
    public static final ConfigKey<Boolean> HDD_FSYNC_BEFORE_CLOSE = ConfigKey.of("HDD_FSYNC_BEFORE_CLOSE", "0", flag(), "fsync chunks before closing them");
    public static final ConfigKey<Boolean> HDD_SPARSIFY_ON_WRITE = ConfigKey.of("HDD_SPARSIFY_ON_WRITE", "1", flag(), "skip writing blocks of zeros");
    public static final ConfigKey<Integer> HDD_RR_CHUNK_COUNT = ConfigKey.of("HDD_RR_CHUNK_COUNT", "10000", integer(1, Integer.MAX_VALUE), "chunks created in one directory before moving to the next");
    public static final ConfigKey<Integer> HDD_KEEP_DUPLICATES_HOURS = ConfigKey.of("HDD_KEEP_DUPLICATES_HOURS", "168", integer(0, Integer.MAX_VALUE), "hours duplicate chunks are kept before deletion");
    public static final ConfigKey<Boolean> ALLOW_STARTING_WITH_INVALID_DISKS = ConfigKey.of("ALLOW_STARTING_WITH_INVALID_DISKS", "0", flag(), "start even with bad entries in the disk list");
    public static final ConfigKey<Integer> WORKERS_MAX = ConfigKey.of("WORKERS_MAX", "250", integer(1, UINT), "active workers at most");
    public static final ConfigKey<Integer> WORKERS_MAX_IDLE = ConfigKey.of("WORKERS_MAX_IDLE", "40", integer(0, UINT), "idle workers kept at most");
    public static final ConfigKey<Integer> BACK_LOGS = ConfigKey.of("BACK_LOGS", "50", integer(0, UINT), "read by MooseFS's chunkserver for compatibility");

    // master connection
    public static final ConfigKey<String> LABELS = ConfigKey.of("LABELS", "", text(), "labels (letters separated by ',' or ';')");
    public static final ConfigKey<String> BIND_HOST = ConfigKey.of("BIND_HOST", "*", host(), "local address for master connections (* = default)");
    public static final ConfigKey<String> MASTER_HOST = ConfigKey.of("MASTER_HOST", "mfsmaster", host(), "master host");
    public static final ConfigKey<Integer> MASTER_PORT = ConfigKey.of("MASTER_PORT", "9420", port(), "master's chunkserver port");
    public static final ConfigKey<Integer> MASTER_TIMEOUT = ConfigKey.of("MASTER_TIMEOUT", "0", integer(0, UINT), "master connection timeout (0 = ask the master)");
    public static final ConfigKey<Integer> MASTER_RECONNECTION_DELAY = ConfigKey.of("MASTER_RECONNECTION_DELAY", "5", integer(0, UINT), "delay before reconnecting to the master");
    public static final ConfigKey<String> AUTH_CODE = ConfigKey.of("AUTH_CODE", "", text(), "password, used only when the master requires one");
    public static final ConfigKey<Integer> CHUNKS_PER_REGISTER_PACKET = ConfigKey.of("CHUNKS_PER_REGISTER_PACKET", "10000", integer(0, UINT), "chunks per registration message (used 1000 - 100000)");

    // client connections
    public static final ConfigKey<String> CSSERV_LISTEN_HOST = ConfigKey.of("CSSERV_LISTEN_HOST", "*", host(), "address to listen on for clients and other chunkservers (* = any)");
    public static final ConfigKey<Integer> CSSERV_LISTEN_PORT = ConfigKey.of("CSSERV_LISTEN_PORT", "9422", port(), "port to listen on for clients and other chunkservers");

    /** Every chunkserver key, in the order of MooseFS's sample file. */
    public static final List<ConfigKey<?>> KEYS = List.of(HDD_CONF_FILENAME, HDD_TEST_SPEED, HDD_TEST_FREQ,
            HDD_MIN_TEST_INTERVAL, HDD_FADVISE_MIN_TIME, HDD_LEAVE_SPACE_DEFAULT, HDD_REBALANCE_UTILIZATION,
            HDD_HIGH_SPEED_REBALANCE_LIMIT, HDD_ERROR_TOLERANCE_COUNT, HDD_ERROR_TOLERANCE_PERIOD,
            HDD_FSYNC_BEFORE_CLOSE, HDD_SPARSIFY_ON_WRITE, HDD_RR_CHUNK_COUNT, HDD_KEEP_DUPLICATES_HOURS,
            ALLOW_STARTING_WITH_INVALID_DISKS, WORKERS_MAX, WORKERS_MAX_IDLE, BACK_LOGS, LABELS, BIND_HOST,
            MASTER_HOST, MASTER_PORT, MASTER_TIMEOUT, MASTER_RECONNECTION_DELAY, AUTH_CODE,
            CHUNKS_PER_REGISTER_PACKET, CSSERV_LISTEN_HOST, CSSERV_LISTEN_PORT);

    /** The chunkserver's whole schema: the common keys, then {@link #KEYS}. */
    public static final ConfigSchema SCHEMA = ConfigSchema.withCommonKeys(KEYS);

    private ChunkserverConfig() {
    }
}
