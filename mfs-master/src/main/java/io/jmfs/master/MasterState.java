package io.jmfs.master;

import io.jmfs.master.cluster.ReserveSpace;

import io.jmfs.master.chunks.ChunkManager;
import io.jmfs.master.chunks.ChunkRegistry;
import io.jmfs.master.chunks.ChunkSettings;
import io.jmfs.master.chunks.NamespaceFileSlots;
import io.jmfs.master.cluster.ChunkserverRegistry;
import io.jmfs.master.cluster.ReserveSpace;
import io.jmfs.master.exports.ExportRules;
import io.jmfs.master.fs.MetaClock;
import io.jmfs.master.fs.ChunkReleaser;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.NamespaceSettings;
import io.jmfs.master.locks.LockManager;
import io.jmfs.master.meta.ChangeRouter;
import io.jmfs.master.meta.MetaState;
import io.jmfs.master.sessions.SessionChange;
import io.jmfs.master.net.chunkserver.ChunkserverLinks;
import io.jmfs.master.net.client.ClientServices;
import io.jmfs.master.net.metalogger.MetaloggerHub;
import io.jmfs.master.sessions.ExpiredSession;
import io.jmfs.master.sessions.SessionRegistry;
import java.security.SecureRandom;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the master knows, owned by the metadata loop: namespace, sessions, the export rules in force and the
 * metadata id. Built on the starting thread and handed to the loop before any connection exists; from then on
 * touched only there.
 *
 * <p>Persistence (the {@code meta} package) loads this state at start and logs every change recorded to
 * {@link #changeRouter()}; the metadata id comes from the dump (a new one only for a new file system).
 */
public final class MasterState implements ClientServices {

    private static final Logger log = LoggerFactory.getLogger(MasterState.class);

    private final MetaClock clock;
    private final Namespace namespace;
    private final SessionRegistry sessions;
    private final long metaId;
    private ExportRules exports;
    private ReserveSpace reserveSpace = ReserveSpace.NONE;
    // chunk layer (helper-10): fed by chunkservers on 9420, commands leave through their links
    private final ChunkserverLinks chunkserverLinks = new ChunkserverLinks();
    private final ChunkManager chunks;
    private final ChangeRouter changes = new ChangeRouter(); // helper-13: persistence
    private final MetaState metaState;
    private final MetaloggerHub metaloggers = new MetaloggerHub(); // metalogger port (net.metalogger)

    private final LockManager locks = new LockManager();

    public MasterState(MetaClock clock, ExportRules exports, NamespaceSettings settings, long sustainSeconds,
                       long metaId) {
        this(clock, exports, settings, sustainSeconds, metaId, ChunkSettings.DEFAULTS);
    }

    public MasterState(MetaClock clock, ExportRules exports, NamespaceSettings settings, long sustainSeconds,
                       long metaId, ChunkSettings chunkSettings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.exports = Objects.requireNonNull(exports, "exports");
        // the namespace and the chunk layer refer to each other: files release chunks, writes place chunk ids
        // persistence (helper-13): every state package records to one router, connected to the changelog once the
        // metadata is loaded (MetaPersistence.start); without persistence (tests) changes go nowhere
        this.namespace = new Namespace(clock, changes, new ChunkReleaser() {
            @Override
            public void released(int inode, long chunkId) {
                releaseChunk(inode, chunkId);
            }

            @Override
            public void referenced(int inode, long chunkId, int sclass) {
                chunks.releaser().referenced(inode, chunkId, sclass);
            }

            @Override
            public void goalChanged(int inode, long chunkId, int sclass) {
                chunks.releaser().goalChanged(inode, chunkId, sclass);
            }
        }, settings);
        this.chunks = new ChunkManager(new ChunkRegistry(changes), new ChunkserverRegistry(changes),
                chunkserverLinks, new NamespaceFileSlots(namespace), clock, chunkSettings);
        this.sessions = new SessionRegistry(sustainSeconds, clock.now());
        this.sessions.recordChangesTo(this::logSessionChange); // SESADD, SESCHANGED, SESDISCONNECTED
        this.metaId = metaId;
        this.metaState = new MetaState(namespace, sessions, chunks.chunks(), chunks.servers(), metaId);
    }

    /** The metalogger connections (port 9419) and the changelog stream they get; also mfscli's MLOG_LIST. */
    public MetaloggerHub metaloggers() {
        return metaloggers;
    }

    // ---- persistence (helper-13) ----------------------------------------------------------------------------

    /** The persistent part of this state, as dumps and changelog replay see it. */
    public MetaState metaState() {
        return metaState;
    }

    /** Where every change is recorded; connected to the changelog by {@code MetaPersistence.start}. */
    public ChangeRouter changeRouter() {
        return changes;
    }

    /** Logs a session change the session registry already applied (SESADD, SESCHANGED, SESDISCONNECTED, SESDEL). */
    public void logSessionChange(SessionChange change) {
        changes.session(clock.now(), change);
    }

    /** A new random metadata id (never 0, which clients read as "none"). */
    public static long newMetaId() {
        SecureRandom random = new SecureRandom();
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return id;
    }

    @Override
    public Namespace namespace() {
        return namespace;
    }

    @Override
    public SessionRegistry sessions() {
        return sessions;
    }

    @Override
    public ExportRules exports() {
        return exports;
    }

    @Override
    public long metaId() {
        return metaId;
    }

    @Override
    public MetaClock clock() {
        return clock;
    }

    @Override
    public ChunkManager chunks() {
        return chunks;
    }

    @Override
    public ReserveSpace reserveSpace() {
        return reserveSpace;
    }

    /** RESERVE_SPACE, at start and on reload (metadata thread). */
    public void setReserveSpace(ReserveSpace reserve) {
        this.reserveSpace = java.util.Objects.requireNonNull(reserve);
    }

    /** Where the chunk layer's commands to chunkservers go out (the chunkserver listener attaches connections). */
    public ChunkserverLinks chunkserverLinks() {
        return chunkserverLinks;
    }

    /** Periodic step (about once a second): chunk lock timeouts and the chunk loop's repairs. */
    public void tickChunks() {
        chunks.tick();
    }

    private void releaseChunk(int inode, long chunkId) {
        chunks.releaser().released(inode, chunkId);
    }

    /** File locks of client sessions (not persistent). */
    @Override
    public LockManager locks() {
        return locks;
    }

    /** New rules for later registrations; sessions keep the grant they registered with. */
    public void replaceExports(ExportRules rules) {
        this.exports = Objects.requireNonNull(rules, "rules");
    }

    /** Periodic step: removes closed and outlived sessions and releases the files they held open. */
    public void expireSessions() {
        for (ExpiredSession expired : sessions.expire(clock.now())) {
            // RELEASE lines before SESDEL: MooseFS's replay of SESDEL drops the session's open files, and its replay
            // of a RELEASE for a file no longer held fails
            for (int inode : expired.openFiles()) {
                namespace.release(expired.sessionId(), inode);
            }
            logSessionChange(expired.change());
            locks.sessionRemoved(expired.sessionId());
            log.info("session {} removed", Integer.toUnsignedString(expired.sessionId()));
        }
    }

    /** Periodic step: trash purge, sustained files, inode-number reuse. */
    public void maintainNamespace() {
        namespace.maintain();
    }
}
