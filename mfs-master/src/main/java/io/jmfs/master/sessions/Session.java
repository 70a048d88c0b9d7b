package io.jmfs.master.sessions;

import io.jmfs.master.exports.ClientVersions;
import io.jmfs.master.exports.DisabledOperation;
import io.jmfs.master.exports.ExportGrant;
import io.jmfs.master.exports.SessionFlags;
import io.jmfs.master.fs.Credentials;
import io.jmfs.protocol.MfsStatus;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * One client session: what it was granted, where it is mounted, whether it is connected, and which files it holds
 * open. Mutated only by {@link SessionRegistry} on the metadata thread; the request helpers here are read-only.
 */
public final class Session {
    /** Operation counters kept per session, as MooseFS's session statistics. */
    public static final int STATS = 16;

    /** Clients from 1.7.32 on understand the newer attribute record. */
    private static final int ATTRBIT_SINCE = ClientVersions.encode(1, 7, 32);

    private final int id;
    private ExportGrant grant;
    private int rootInode;
    private int peerAddress;
    private String info;
    private int connections;
    private boolean closed;
    private long disconnectedAt;
    private int clientVersion;
    private int connectedFrom;
    private final Set<Integer> openFiles = new HashSet<>();
    private final long[] currentOps = new long[STATS];
    private final long[] lastHourOps = new long[STATS];

    Session(int id, ExportGrant grant, int rootInode, int peerAddress, String info) {
        this.id = id;
        this.grant = grant;
        this.rootInode = rootInode;
        this.peerAddress = peerAddress;
        this.info = info;
    }

    public int id() {
        return id;
    }

    public ExportGrant grant() {
        return grant;
    }

    /** The directory inode this session sees as inode 1; 0 for the meta filesystem. */
    public int rootInode() {
        return rootInode;
    }

    public boolean meta() {
        return rootInode == 0;
    }

    /** The address the session registered from (reconnects must come from it unless {@code dynamicip}). */
    public int peerAddress() {
        return peerAddress;
    }

    /**
     * The client's description. Raw bytes from the wire are kept as ISO-8859-1 characters, one char per byte, so
     * they round-trip exactly into the changelog and metadata.
     */
    public String info() {
        return info;
    }

    /** The version the client announced on its latest registration or reconnect (0 if never connected here). */
    public int clientVersion() {
        return clientVersion;
    }

    /** The address of the latest connection (for session listings). */
    public int connectedFrom() {
        return connectedFrom;
    }

    public boolean connected() {
        return connections > 0;
    }

    public int connections() {
        return connections;
    }

    /** The client said goodbye (CLOSESESSION): the session goes at the next expiry step once disconnected. */
    public boolean closed() {
        return closed;
    }

    /** Unix time of the last disconnection; 0 while connected (or never disconnected since a restart). */
    public long disconnectedAt() {
        return disconnectedAt;
    }

    /** The session flags as requests see them: the granted ones plus {@link SessionFlags#ATTRBIT} if understood. */
    public int effectiveSesflags() {
        return grant.sesflags() | (Integer.compareUnsigned(clientVersion, ATTRBIT_SINCE) >= 0 ? SessionFlags.ATTRBIT : 0);
    }

    public boolean readOnly() {
        return grant.readOnly();
    }

    /** {@code EROFS} for a read-only session, else {@code OK}: the guard every modifying request passes first. */
    public MfsStatus checkWritable() {
        return grant.readOnly() ? MfsStatus.EROFS : MfsStatus.OK;
    }

    public boolean disabled(DisabledOperation operation) {
        return grant.disabled(operation);
    }

    /**
     * The caller's identity after the export's mapping: uid 0 becomes the {@code maproot} user and its primary gid
     * the {@code maproot} group; with {@code mapall} every other uid and primary gid become the {@code mapall}
     * ones. Supplementary gids pass unchanged, as in MooseFS. With {@code ignoregid} the namespace skips group checks.
     */
    public Credentials map(int uid, int... gids) {
        if (gids.length == 0) {
            throw new IllegalArgumentException("at least one gid is required");
        }
        int[] mapped = gids.clone();
        if (uid == 0) {
            mapped[0] = grant.rootGid();
            return new Credentials(grant.rootUid(), mapped, grant.ignoreGid());
        }
        if (grant.mapAll()) {
            mapped[0] = grant.mapAllGid();
            return new Credentials(grant.mapAllUid(), mapped, grant.ignoreGid());
        }
        return new Credentials(uid, mapped, grant.ignoreGid());
    }

    /**
     * Whether setting a goal is within the export's limits: {@code OK} or {@code EPERM}. An exact set must lie
     * within both limits, an increase only under the maximum, a decrease only over the minimum.
     */
    public MfsStatus checkGoal(LimitMode mode, int goal) {
        return mode.check(goal, grant.minGoal(), grant.maxGoal());
    }

    /** Like {@link #checkGoal} for trash time in seconds. */
    public MfsStatus checkTrashTime(LimitMode mode, long seconds) {
        return mode.check(seconds, grant.minTrashTime(), grant.maxTrashTime());
    }

    /** How a goal or trash-time change is applied (MooseFS's {@code SMODE_SET/INCREASE/DECREASE/EXCHANGE}). */
    public enum LimitMode {
        SET, INCREASE, DECREASE, EXCHANGE;

        MfsStatus check(long value, long min, long max) {
            boolean ok = switch (this) {
                case SET, EXCHANGE -> value >= min && value <= max;
                case INCREASE -> value <= max;
                case DECREASE -> value >= min;
            };
            return ok ? MfsStatus.OK : MfsStatus.EPERM;
        }
    }

    /** The files this session holds open (kept alive as "sustained" if deleted meanwhile). */
    public Set<Integer> openFiles() {
        return Collections.unmodifiableSet(openFiles);
    }

    /** Records an open; {@code true} if the file was not open in this session yet (the namespace then acquires it). */
    public boolean markOpen(int inode) {
        return openFiles.add(inode);
    }

    /** Records a release; {@code true} if the file was open in this session. */
    public boolean markReleased(int inode) {
        return openFiles.remove(inode);
    }

    public void countOperation(int statId) {
        if (statId >= 0 && statId < STATS) {
            currentOps[statId]++;
        }
    }

    public long[] currentHourOperations() {
        return currentOps.clone();
    }

    public long[] lastHourOperations() {
        return lastHourOps.clone();
    }

    /** Starts a new statistics hour (MooseFS does this every 3600 s). */
    void rollStatistics() {
        System.arraycopy(currentOps, 0, lastHourOps, 0, STATS);
        Arrays.fill(currentOps, 0);
    }

    void restoreStatistics(long[] current, long[] lastHour) {
        System.arraycopy(current, 0, currentOps, 0, STATS);
        System.arraycopy(lastHour, 0, lastHourOps, 0, STATS);
    }

    void regrant(ExportGrant newGrant, int newRootInode, int newPeerAddress, String newInfo) {
        this.grant = newGrant;
        this.rootInode = newRootInode;
        this.peerAddress = newPeerAddress;
        this.info = newInfo;
    }

    void attach(int fromAddress, int version) {
        closed = false;
        connections++;
        connectedFrom = fromAddress;
        clientVersion = version;
        disconnectedAt = 0;
    }

    /** Drops one connection; {@code true} if it was the last one. */
    boolean detach(long now) {
        if (connections > 0) {
            connections--;
        }
        if (connections == 0) {
            disconnectedAt = now;
            return true;
        }
        return false;
    }

    void markDisconnectedAt(long time) {
        disconnectedAt = time;
    }

    void close() {
        if (connections == 1) {
            closed = true;
        }
    }

    int[] openFileArray() {
        return openFiles.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Override
    public String toString() {
        return "Session[" + Integer.toUnsignedString(id) + (meta() ? " meta" : " root " + rootInode)
                + (connected() ? " connected" : " disconnected") + (closed ? " closed" : "") + "]";
    }
}
