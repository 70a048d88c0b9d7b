package io.jmfs.master;

import io.jmfs.daemon.DaemonService;
import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.net.ListenerSpec;
import io.jmfs.daemon.net.NetServer;
import io.jmfs.master.chunks.ChunkSettings;
import io.jmfs.master.config.MasterConfig;
import io.jmfs.master.exports.EtcFilesUserDirectory;
import io.jmfs.master.exports.ExportsParser;
import io.jmfs.master.exports.ExportsSyntaxException;
import io.jmfs.master.exports.ParsedExports;
import io.jmfs.master.fs.MetaClock;
import io.jmfs.master.fs.NamespaceSettings;
import io.jmfs.master.cluster.ReserveSpace;
import io.jmfs.master.loop.MetadataLoop;
import io.jmfs.master.loop.NettyMetadataLoop;
import io.jmfs.master.meta.MetaPersistence;
import io.jmfs.master.meta.MetadataStartup;
import io.jmfs.master.meta.PersistenceSettings;
import io.jmfs.daemon.DaemonOptions;
import io.jmfs.daemon.config.CommonKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master daemon: loads the exports, creates the master state on the metadata loop and listens for metaloggers
 * (MATOML), chunkservers (MATOCS) and clients (MATOCL). Every accepted connection is served on the metadata loop,
 * the one thread that owns the state. Ready once all three ports are bound; a missing or invalid exports file or a
 * port that cannot be bound fails the start.
 */
public final class MasterService implements DaemonService {

    public static final String METALOGGER_LISTENER = "metaloggers (MATOML)";
    public static final String CHUNKSERVER_LISTENER = "chunkservers (MATOCS)";
    public static final String CLIENT_LISTENER = "clients (MATOCL)";

    private static final Logger log = LoggerFactory.getLogger(MasterService.class);
    private static final Duration HOUSEKEEPING_PERIOD = Duration.ofSeconds(1);

    /** Builds the listeners' pipelines for the state a start created. */
    @FunctionalInterface
    public interface PipelineFactory {
        MasterPipelines create(MasterState state);
    }

    private final PipelineFactory pipelines;
    private NettyMetadataLoop loop;
    private MetaPersistence persistence; // helper-13
    private MasterState state;
    private NetServer server;
    private final List<MetadataLoop.Timer> timers = new ArrayList<>();

    public MasterService(PipelineFactory pipelines) {
        this.pipelines = Objects.requireNonNull(pipelines, "pipelines");
    }

    /** A master whose listeners use fixed pipelines that ignore the state (tests of the daemon shell). */
    public MasterService(MasterPipelines pipelines) {
        this(state -> pipelines);
        Objects.requireNonNull(pipelines, "pipelines");
    }

    /**
     * Starts with persistence when DATA_PATH is set in the configuration (embedded uses without one keep the
     * metadata in memory only); the daemon shell always calls {@link #start(Config, DaemonOptions)}.
     */
    @Override
    public void start(Config config) throws IOException, InterruptedException {
        start(config, config.isDefined(CommonKeys.DATA_PATH), false);
    }

    /** The daemon's start: metadata from DATA_PATH, {@code -a} for automatic recovery (helper-13). */
    @Override
    public void start(Config config, DaemonOptions options) throws IOException, InterruptedException {
        start(config, true, options.autoRecover());
    }

    private void start(Config config, boolean persistent, boolean autoRecover)
            throws IOException, InterruptedException {
        ParsedExports exports = loadExports(config);
        // persistence (helper-13): which dump to load decides the metadata id, so plan before building the state
        PersistenceSettings persistenceSettings = persistent ? persistenceSettings(config, autoRecover) : null;
        MetadataStartup.Plan plan = persistent ? MetadataStartup.plan(persistenceSettings.dataPath(), autoRecover)
                : null;
        loop = new NettyMetadataLoop("mfsmaster-meta");
        state = new MasterState(MetaClock.system(), exports.rules(),
                new NamespaceSettings(config.get(MasterConfig.INODE_REUSE_DELAY),
                        config.get(MasterConfig.MAX_ALLOWED_HARD_LINKS)),
                config.get(MasterConfig.SESSION_SUSTAIN_TIME),
                plan != null ? plan.metaId() : MasterState.newMetaId(), ChunkSettings.from(config));
        state.setReserveSpace(config.get(MasterConfig.RESERVE_SPACE)); // before any client: no loop task needed
        if (persistent) {
            MasterState built = state;
            persistence = onLoop(() -> MetaPersistence.start(persistenceSettings, plan, built.metaState(),
                    built.changeRouter()));
            log.info("metadata id {}, version {}", Long.toHexString(state.metaId()), state.metaState().version());
            MetaPersistence p = persistence; // metalogger port: metaloggers hear the changelog from here on
            int preserve = config.get(MasterConfig.CHANGELOG_PRESERVE_SECONDS);
            onLoop(() -> {
                built.metaloggers().attach(persistenceSettings.dataPath(), built.metaState().version(), preserve,
                        p.changelog()::flush);
                p.changelog().listen(built.metaloggers());
                p.changelog().batchOn(loop::execute); // one hand-over to the writer thread per turn of the loop
                return null;
            });
        } else {
            log.info("metadata id {} (no DATA_PATH: metadata kept in memory only)", Long.toHexString(state.metaId()));
        }
        server = NetServer.start("mfsmaster", listeners(config, pipelines.create(state)), loop.group(),
                loop.transport());
        MasterState s = state;
        timers.add(loop.every(HOUSEKEEPING_PERIOD, s::expireSessions));
        timers.add(loop.every(HOUSEKEEPING_PERIOD, s::maintainNamespace));
        timers.add(loop.every(HOUSEKEEPING_PERIOD, s::tickChunks)); // helper-10: chunk locks and the chunk loop
        if (persistence != null) { // helper-13: hourly changelog rotation, dumps every METADATA_SAVE_FREQ hours
            MetaPersistence p = persistence;
            timers.add(loop.every(persistenceSettings.rotateEvery(), p::rotateChangelog));
            timers.add(loop.every(persistenceSettings.dumpEvery(), p::dumpInBackground));
        }
    }

    /** The persistence settings of {@code config} (helper-13). */
    static PersistenceSettings persistenceSettings(Config config, boolean autoRecover) {
        return PersistenceSettings.of(config.get(CommonKeys.DATA_PATH), config.get(MasterConfig.BACK_LOGS),
                config.get(MasterConfig.BACK_META_KEEP_PREVIOUS), config.get(MasterConfig.METADATA_SAVE_FREQ),
                config.get(MasterConfig.CHANGELOG_SAVE_MODE), autoRecover);
    }

    /** Runs {@code task} on the metadata loop and waits for it (start and stop only). */
    private <T> T onLoop(java.util.concurrent.Callable<T> task) throws IOException, InterruptedException {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** SIGHUP: new exports for later registrations, a new sustain time. A broken exports file keeps the old rules. */
    @Override
    public void reload(Config config) throws IOException {
        if (state == null) {
            return;
        }
        ParsedExports exports = loadExports(config);
        long sustain = config.get(MasterConfig.SESSION_SUSTAIN_TIME);
        ReserveSpace reserve = config.get(MasterConfig.RESERVE_SPACE);
        MasterState s = state;
        loop.execute(() -> {
            s.replaceExports(exports.rules());
            s.sessions().setSustainSeconds(sustain);
            s.setReserveSpace(reserve);
        });
        log.info("exports reloaded: {}", exports.rules());
    }

    @Override
    public void stop() {
        timers.forEach(MetadataLoop.Timer::cancel);
        timers.clear();
        if (server != null) {
            server.close();
            server = null;
        }
        if (persistence != null) { // helper-13: the dump at stop, from the live state, then the changelog closes
            MetaPersistence p = persistence;
            persistence = null;
            try {
                onLoop(() -> {
                    p.dumpNow();
                    return null;
                });
            } catch (IOException | RuntimeException e) {
                log.error("can't store the metadata at stop: {}", e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                p.close();
            }
        }
        if (loop != null) {
            loop.close();
            loop = null;
        }
        if (state != null) {
            state.metaloggers().close(); // metalogger port: its file thread
        }
        state = null;
    }

    /** Where a listener is bound, while running. */
    public InetSocketAddress address(String listener) {
        if (server == null) {
            throw new IllegalStateException("the master is not running");
        }
        return server.address(listener);
    }

    /** The exports as {@code EXPORTS_FILENAME} defines them; MooseFS does not start without a valid file either. */
    static ParsedExports loadExports(Config config) throws IOException {
        Path file = config.get(MasterConfig.EXPORTS_FILENAME);
        ParsedExports parsed;
        try {
            parsed = new ExportsParser(EtcFilesUserDirectory.system()).parse(file);
        } catch (IOException e) {
            throw new IOException("can't load the exports file " + file + " (EXPORTS_FILENAME): " + e.getMessage(), e);
        } catch (ExportsSyntaxException e) {
            throw new IOException("the exports file " + file + " is invalid: " + e.getMessage(), e);
        }
        parsed.warnings().forEach(w -> log.warn("{}: {}", file, w));
        if (parsed.rules().isEmpty()) {
            log.warn("{} has no rules: every client will be refused", file);
        }
        return parsed;
    }

    /** The three listeners as {@code config} places them. */
    static List<ListenerSpec> listeners(Config config, MasterPipelines pipelines) {
        // MooseFS still honours the old MATOCU_* names when the MATOCL_* ones are not set.
        boolean legacyClientHost = !config.isDefined(MasterConfig.MATOCL_LISTEN_HOST) && config.isDefined(MasterConfig.MATOCU_LISTEN_HOST);
        boolean legacyClientPort = !config.isDefined(MasterConfig.MATOCL_LISTEN_PORT) && config.isDefined(MasterConfig.MATOCU_LISTEN_PORT);
        return List.of(
                new ListenerSpec(METALOGGER_LISTENER, config.get(MasterConfig.MATOML_LISTEN_HOST),
                        config.get(MasterConfig.MATOML_LISTEN_PORT), pipelines.metaloggers()),
                new ListenerSpec(CHUNKSERVER_LISTENER, config.get(MasterConfig.MATOCS_LISTEN_HOST),
                        config.get(MasterConfig.MATOCS_LISTEN_PORT), pipelines.chunkservers()),
                new ListenerSpec(CLIENT_LISTENER,
                        config.get(legacyClientHost ? MasterConfig.MATOCU_LISTEN_HOST : MasterConfig.MATOCL_LISTEN_HOST),
                        config.get(legacyClientPort ? MasterConfig.MATOCU_LISTEN_PORT : MasterConfig.MATOCL_LISTEN_PORT),
                        pipelines.clients()));
    }
}
