package io.jmfs.master.cluster;

import io.jmfs.protocol.ChunkLocation;

/**
 * One chunkserver as the master tracks it. Mutable, owned by {@link ChunkserverRegistry} and changed only on the
 * metadata thread. The counters are counts of commands in flight to this server (decremented when the answer
 * arrives or the server goes away), which is what MooseFS's per-server limits are measured against.
 */
public final class ChunkserverInfo {
    /** Bytes of one chunk; a server needs this much room (more while it is being written to) to get a new chunk. */
    public static final long CHUNK_SIZE = 64L << 20;

    private final int csid;
    private int ip;
    private int port;
    private int version;
    private int labelMask;
    private SpaceReport space = SpaceReport.EMPTY;
    private int load;
    private HealthStatus health = HealthStatus.DEFAULT;
    private MaintenanceMode maintenance = MaintenanceMode.OFF;
    private int maintenanceEnd;
    private boolean connected;
    private int errorCount;
    private int writesInProgress;
    private int replicationsIn;
    private int replicationsOut;
    private int deletionsInFlight;
    private int disconnectedAt;
    private boolean listingChunks;

    ChunkserverInfo(int csid, int ip, int port) {
        this.csid = csid;
        this.ip = ip;
        this.port = port;
    }

    public int csid() {
        return csid;
    }

    public int ip() {
        return ip;
    }

    public int port() {
        return port;
    }

    void moveTo(int newIp, int newPort) {
        this.ip = newIp;
        this.port = newPort;
    }

    public int version() {
        return version;
    }

    void setVersion(int version) {
        this.version = version;
    }

    public int labelMask() {
        return labelMask;
    }

    public void setLabelMask(int labelMask) {
        this.labelMask = labelMask;
    }

    public SpaceReport space() {
        return space;
    }

    public void setSpace(SpaceReport space) {
        this.space = java.util.Objects.requireNonNull(space);
    }

    public int load() {
        return load;
    }

    public HealthStatus health() {
        return health;
    }

    public void setLoad(int load, HealthStatus health) {
        this.load = load;
        this.health = java.util.Objects.requireNonNull(health);
    }

    public boolean inMaintenance() {
        return maintenance != MaintenanceMode.OFF;
    }

    public MaintenanceMode maintenanceMode() {
        return maintenance;
    }

    /** Unix second at which maintenance ends by itself (0 = not by time). */
    public int maintenanceEnd() {
        return maintenanceEnd;
    }

    void setMaintenance(MaintenanceMode mode, int end) {
        this.maintenance = java.util.Objects.requireNonNull(mode);
        this.maintenanceEnd = mode == MaintenanceMode.OFF ? 0 : end;
    }

    public boolean connected() {
        return connected;
    }

    void setConnected(boolean connected, int now) {
        this.connected = connected;
        if (!connected) {
            listingChunks = false;
            disconnectedAt = now;
            writesInProgress = 0;
            replicationsIn = 0;
            replicationsOut = 0;
            deletionsInFlight = 0;
        }
    }

    /** Unix seconds of the last disconnection (0 if never disconnected). */
    public int disconnectedAt() {
        return disconnectedAt;
    }

    public int errorCount() {
        return errorCount;
    }

    public void errorOccurred() {
        errorCount++;
    }

    /** Used space over total space of the regular disks; 1.0 for a server without disks (never "emptiest"). */
    public double usage() {
        return space.total() > 0 ? (double) space.used() / (double) space.total() : 1.0;
    }

    /** A usable space report: some disks, and not more used than total. */
    public boolean hasSaneSpace() {
        return space.total() > 0 && space.used() <= space.total();
    }

    /** More than 1% of the disks free, MooseFS's "has available space" threshold for replication targets. */
    public boolean hasAvailableSpace() {
        return hasSaneSpace() && space.total() - space.used() > space.total() / 100;
    }

    /** Room for one more chunk, demanding more room the more writes are already going on (as MooseFS does). */
    public boolean hasRoomForNewChunk() {
        return hasSaneSpace() && space.total() - space.used() > CHUNK_SIZE * (1L + writesInProgress * 10L);
    }

    public int writesInProgress() {
        return writesInProgress;
    }

    public void writeStarted() {
        writesInProgress++;
    }

    public void writeEnded() {
        if (writesInProgress > 0) {
            writesInProgress--;
        }
    }

    /** Replications in flight with this server as the destination. */
    public int replicationsIn() {
        return replicationsIn;
    }

    /** Replications in flight with this server as the source. */
    public int replicationsOut() {
        return replicationsOut;
    }

    public void replicationStarted(boolean asDestination) {
        if (asDestination) {
            replicationsIn++;
        } else {
            replicationsOut++;
        }
    }

    public void replicationEnded(boolean asDestination) {
        if (asDestination) {
            replicationsIn = Math.max(0, replicationsIn - 1);
        } else {
            replicationsOut = Math.max(0, replicationsOut - 1);
        }
    }

    public int deletionsInFlight() {
        return deletionsInFlight;
    }

    public void deletionSent() {
        deletionsInFlight++;
    }

    public void deletionAnswered() {
        deletionsInFlight = Math.max(0, deletionsInFlight - 1);
    }

    /**
     * Whether new copies (created or replicated) may go here: not while the server is still sending the chunk list
     * of its registration, since a copy it already has but has not listed yet would look missing.
     */
    public boolean acceptsNewCopies() {
        return connected && !listingChunks && !inMaintenance() && health.acceptsNewCopies();
    }

    /** Whether the server registered but has not finished listing its chunks yet. */
    public boolean listingChunks() {
        return listingChunks;
    }

    public void setListingChunks(boolean listing) {
        this.listingChunks = listing;
    }

    /** The location handed to clients for a copy on this server. */
    public ChunkLocation location() {
        return new ChunkLocation(ip, port, version, labelMask);
    }

    /** {@code a.b.c.d:port}, for logs and messages. */
    public String address() {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xFF) + "." + (ip >>> 8 & 0xFF) + "." + (ip & 0xFF) + ":" + port;
    }

    @Override
    public String toString() {
        return "cs#" + csid + "(" + address() + (connected ? "" : ",disconnected") + (inMaintenance() ? ",maintenance" : "")
                + ")";
    }
}
