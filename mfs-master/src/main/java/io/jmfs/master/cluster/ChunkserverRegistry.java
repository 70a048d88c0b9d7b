package io.jmfs.master.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Every chunkserver the master knows, connected or not, keyed by a stable csid (MooseFS's csdb). Persistent facts
 * (a server's existence, address, id, maintenance flag) change only through {@link #apply(CsdbChange)}, which live
 * calls and changelog replay share; live calls first hand the change to the sink.
 */
public final class ChunkserverRegistry {
    /** csids are 16-bit and 0 means "none yet". */
    public static final int MAX_CSID = 0xFFFF;

    private final Consumer<CsdbChange> sink;
    private final int maintenanceTimeout;
    private final int temporaryMaintenanceTimeout;
    private final TreeMap<Integer, ChunkserverInfo> byCsid = new TreeMap<>();
    private final Map<Long, ChunkserverInfo> byAddress = new HashMap<>();

    /** With MooseFS's default maintenance timeouts (none for maintenance, 1800 s for temporary maintenance). */
    public ChunkserverRegistry(Consumer<CsdbChange> sink) {
        this(sink, 0, 1800);
    }

    /**
     * @param maintenanceTimeout CS_MAINTENANCE_MODE_TIMEOUT: seconds maintenance lasts at most (0 = forever)
     * @param temporaryMaintenanceTimeout CS_TEMP_MAINTENANCE_MODE_TIMEOUT: seconds a gracefully stopped server's
     *        temporary maintenance lasts at most (0 = until it is back)
     */
    public ChunkserverRegistry(Consumer<CsdbChange> sink, int maintenanceTimeout, int temporaryMaintenanceTimeout) {
        if (maintenanceTimeout < 0 || temporaryMaintenanceTimeout < 0) {
            throw new IllegalArgumentException("maintenance timeouts must not be negative");
        }
        this.sink = Objects.requireNonNull(sink);
        this.maintenanceTimeout = maintenanceTimeout;
        this.temporaryMaintenanceTimeout = temporaryMaintenanceTimeout;
    }

    private static long key(int ip, int port) {
        return ((long) ip << 16) | (port & 0xFFFFL);
    }

    /**
     * A chunkserver registers from {@code ip:port} presenting {@code requestedCsid} (0 on its first start).
     * Returns the server now marked connected, or {@code null} if that server is already connected (a second
     * session for the same server is refused, as MooseFS does).
     */
    public ChunkserverInfo connect(int ip, int port, int requestedCsid, int version, int now) {
        if (port <= 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("chunkserver port out of range: " + port);
        }
        if (requestedCsid < 0 || requestedCsid > MAX_CSID) {
            throw new IllegalArgumentException("csid out of range: " + requestedCsid);
        }
        ChunkserverInfo byId = requestedCsid > 0 ? byCsid.get(requestedCsid) : null;
        ChunkserverInfo info;
        if (byId != null && byId.ip() == ip && byId.port() == port) {
            info = byId;
        } else {
            ChunkserverInfo byAddr = byAddress.get(key(ip, port));
            if (byAddr != null) {
                info = byAddr;
            } else if (byId != null && !byId.connected()) {
                record(new CsdbChange(now, CsdbChange.Op.NEW_IP_PORT, ip, port, byId.csid()));
                info = byId;
            } else {
                int csid = requestedCsid > 0 && byId == null ? requestedCsid : lowestFreeCsid();
                record(new CsdbChange(now, CsdbChange.Op.ADD, ip, port, csid));
                info = byCsid.get(csid);
            }
        }
        if (info.connected()) {
            return null;
        }
        info.setVersion(version);
        info.setConnected(true, now);
        return info;
    }

    /** The server's session ended; its record (and csid) stay for when it comes back. */
    public void disconnect(int csid, int now) {
        ChunkserverInfo info = byCsid.get(csid);
        if (info != null) {
            info.setConnected(false, now);
        }
    }

    /** Turns maintenance mode on or off for a known server ({@code false} if unknown). */
    public boolean setMaintenance(int ip, int port, boolean on, int now) {
        ChunkserverInfo info = byAddress.get(key(ip, port));
        if (info == null) {
            return false;
        }
        if (on && info.maintenanceMode() != MaintenanceMode.ON) {
            int end = maintenanceTimeout > 0 ? now + maintenanceTimeout : 0;
            record(new CsdbChange(now, CsdbChange.Op.MAINTENANCE_ON, ip, port, end));
        } else if (!on && info.inMaintenance()) {
            record(new CsdbChange(now, CsdbChange.Op.MAINTENANCE_OFF, ip, port, 0));
        }
        return true;
    }

    /**
     * The server announced a graceful stop: unless already in maintenance it enters temporary maintenance, so its
     * restart does not start replications of its chunks.
     */
    public void gracefulStop(int csid, int now) {
        ChunkserverInfo info = byCsid.get(csid);
        if (info != null && info.connected() && !info.inMaintenance()) {
            int end = temporaryMaintenanceTimeout > 0 ? now + temporaryMaintenanceTimeout : 0;
            record(new CsdbChange(now, CsdbChange.Op.MAINTENANCE_TEMPORARY, info.ip(), info.port(), end));
        }
    }

    /** Ends temporary maintenance of servers that are back, and any maintenance whose time is over. */
    public void endExpiredMaintenance(int now) {
        for (ChunkserverInfo info : List.copyOf(byCsid.values())) {
            boolean back = info.maintenanceMode() == MaintenanceMode.TEMPORARY && info.connected();
            boolean expired = info.inMaintenance() && info.maintenanceEnd() > 0 && now > info.maintenanceEnd();
            if (back || expired) {
                record(new CsdbChange(now, CsdbChange.Op.MAINTENANCE_OFF, info.ip(), info.port(), 0));
            }
        }
    }

    /** Forgets a disconnected server (mfscli's "remove server"); a connected one cannot be removed. */
    public boolean remove(int ip, int port, int now) {
        ChunkserverInfo info = byAddress.get(key(ip, port));
        if (info == null || info.connected()) {
            return false;
        }
        record(new CsdbChange(now, CsdbChange.Op.DELETE, ip, port, 0));
        return true;
    }

    private void record(CsdbChange change) {
        sink.accept(change);
        apply(change);
    }

    /** The one mutation path for persistent facts, used live (after the sink) and by changelog replay. */
    public void apply(CsdbChange c) {
        switch (c.op()) {
            case ADD -> {
                // the real master adds a new server with csid 0 and gives it its id by NEWID right after
                if (c.arg() != 0) {
                    checkCsid(c.arg());
                }
                if (byCsid.containsKey(c.arg()) || byAddress.containsKey(key(c.ip(), c.port()))) {
                    throw new IllegalStateException("csdb add of a known server: " + c);
                }
                ChunkserverInfo info = new ChunkserverInfo(c.arg(), c.ip(), c.port());
                if (c.arg() != 0) {
                    byCsid.put(c.arg(), info);
                }
                byAddress.put(key(c.ip(), c.port()), info);
            }
            case NEW_IP_PORT -> {
                ChunkserverInfo info = required(c.arg(), c);
                byAddress.remove(key(info.ip(), info.port()));
                info.moveTo(c.ip(), c.port());
                byAddress.put(key(c.ip(), c.port()), info);
            }
            case NEW_ID -> { // replayed only (the real master's ADD with csid 0 is followed by it)
                checkCsid(c.arg());
                ChunkserverInfo old = byAddress.get(key(c.ip(), c.port()));
                if (old == null || byCsid.containsKey(c.arg()) || old.connected()) {
                    throw new IllegalStateException("csdb new id does not fit: " + c);
                }
                if (old.csid() != 0) {
                    byCsid.remove(old.csid());
                }
                ChunkserverInfo info = new ChunkserverInfo(c.arg(), c.ip(), c.port());
                byCsid.put(c.arg(), info);
                byAddress.put(key(c.ip(), c.port()), info);
            }
            case DELETE -> {
                ChunkserverInfo info = byAddress.remove(key(c.ip(), c.port()));
                if (info != null) {
                    byCsid.remove(info.csid());
                }
            }
            case MAINTENANCE_ON, MAINTENANCE_OFF, MAINTENANCE_TEMPORARY -> {
                ChunkserverInfo info = byAddress.get(key(c.ip(), c.port()));
                if (info == null) {
                    throw new IllegalStateException("maintenance change for an unknown server: " + c);
                }
                MaintenanceMode mode = switch (c.op()) {
                    case MAINTENANCE_ON -> MaintenanceMode.ON;
                    case MAINTENANCE_TEMPORARY -> MaintenanceMode.TEMPORARY;
                    default -> MaintenanceMode.OFF;
                };
                info.setMaintenance(mode, c.arg());
            }
        }
    }

    private ChunkserverInfo required(int csid, CsdbChange c) {
        ChunkserverInfo info = byCsid.get(csid);
        if (info == null) {
            throw new IllegalStateException("csdb change for an unknown csid: " + c);
        }
        return info;
    }

    private static void checkCsid(int csid) {
        if (csid <= 0 || csid > MAX_CSID) {
            throw new IllegalStateException("csid out of range: " + csid);
        }
    }

    private int lowestFreeCsid() {
        int candidate = 1;
        for (int used : byCsid.keySet()) {
            if (used != candidate) {
                break;
            }
            candidate++;
        }
        if (candidate > MAX_CSID) {
            throw new IllegalStateException("all 65535 chunkserver ids are in use");
        }
        return candidate;
    }

    public ChunkserverInfo get(int csid) {
        return byCsid.get(csid);
    }

    /** The connected server with this csid, or {@code null}. */
    public ChunkserverInfo connected(int csid) {
        ChunkserverInfo info = byCsid.get(csid);
        return info != null && info.connected() ? info : null;
    }

    /** All known servers in csid order. */
    /**
     * The space of the connected chunkservers that have reported any (MooseFS counts those, maintenance or not),
     * with {@code reserve} kept out of what is available.
     */
    public ClusterSpace space(ReserveSpace reserve) {
        long total = 0;
        long used = 0;
        long maxUsed = 0;
        long maxTotal = 0;
        for (ChunkserverInfo cs : connectedServers()) {
            SpaceReport r = cs.space();
            if (r.total() > 0) {
                total += r.total();
                used += r.used();
                maxUsed = Math.max(maxUsed, r.used());
                maxTotal = Math.max(maxTotal, r.total());
            }
        }
        long free = Math.max(0, total - used);
        long reserved = reserve.bytes(total, maxUsed, maxTotal);
        return new ClusterSpace(total, reserved > free ? 0 : free - reserved, free);
    }

    public Collection<ChunkserverInfo> all() {
        return Collections.unmodifiableCollection(byCsid.values());
    }

    /** Connected servers in csid order. */
    public List<ChunkserverInfo> connectedServers() {
        List<ChunkserverInfo> out = new ArrayList<>();
        for (ChunkserverInfo info : byCsid.values()) {
            if (info.connected()) {
                out.add(info);
            }
        }
        return out;
    }

    /** No known server is disconnected: a chunk without copies is then definitely lost, not just unreachable. */
    public boolean allServersConnected() {
        for (ChunkserverInfo info : byCsid.values()) {
            if (!info.connected()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether undergoal chunks may be replicated: not while every missing server is one in maintenance, since
     * its copies are expected back (MooseFS's rule).
     */
    public boolean replicationOfUndergoalAllowed() {
        int disconnected = 0;
        int inMaintenance = 0;
        for (ChunkserverInfo info : byCsid.values()) {
            if (!info.connected()) {
                disconnected++;
                if (info.inMaintenance()) {
                    inMaintenance++;
                }
            }
        }
        return disconnected == 0 || disconnected != inMaintenance;
    }
}
