package io.jmfs.master.meta;

import io.jmfs.daemon.os.CpuPriority;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running master's persistence: the changelog (writer thread) and the dumps.
 *
 * <p>Periodic dumps never touch the live state (design option (c), see docs/persistence.md): the metadata thread
 * only notes the current version and asks the writer to start a new changelog file, which costs microseconds.
 * A dump thread then loads the previous {@code metadata.mfs} into a state of its own, replays the changelogs up to
 * that version through the same code as live operations, and writes the result as the new dump. The dump at stop
 * is written from the live state directly (no client is served any more by then).
 */
public final class MetaPersistence implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetaPersistence.class);

    private final PersistenceSettings settings;
    private final MetaState live;
    private final ChangelogWriter writer;
    private final Changelog changelog;
    private final ExecutorService dumper;
    private final AtomicBoolean dumping = new AtomicBoolean();
    private volatile CompletableFuture<Void> lastDump = CompletableFuture.completedFuture(null);

    private MetaPersistence(PersistenceSettings settings, MetaState live) throws IOException {
        this.settings = settings;
        this.live = live;
        this.writer = new ChangelogWriter(settings.dataPath(), settings.backLogs(), settings.changelogSaveMode());
        this.changelog = new Changelog(live, writer);
        // the background dump only gets CPU time the clients' requests leave over (docs/persistence.md)
        this.dumper = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("mfsmaster-dump").daemon(true)
                .unstarted(() -> {
                    CpuPriority.setCurrentThread(CpuPriority.LOWEST);
                    r.run();
                }));
    }

    /**
     * Loads the metadata of the data folder into {@code live} (a new state: namespace with just the root) and
     * starts the changelog; {@code router} is connected to it. On the metadata thread, before any client.
     */
    public static MetaPersistence start(PersistenceSettings settings, MetadataStartup.Plan plan, MetaState live,
                                        ChangeRouter router) throws IOException {
        ChangelogReplay.Result r = MetadataStartup.load(plan, live, settings.dataPath());
        if (r.stoppedBy() != null) {
            log.warn("auto-recovery kept the metadata up to version {}; later changes were not usable: {}",
                    r.nextVersion() - 1, r.stoppedBy());
        }
        Path marker = DumpFiles.current(settings.dataPath());
        if (plan.newFileSystem() && java.nio.file.Files.exists(marker) && DumpReader.isNewFsMarker(marker)) {
            java.nio.file.Files.delete(marker); // replaced by the new file system's first dump
        }
        MetaPersistence p = new MetaPersistence(settings, live);
        if (plan.newFileSystem() || r.applied() > 0 || r.stoppedBy() != null) {
            // a base dump for later background dumps, and no changelog left that contradicts it
            DumpFiles.install(live, settings.dataPath(), settings.keepPreviousDumps());
        }
        router.attach(p.changelog);
        if (plan.newFileSystem()) {
            p.changelog.append(new LoggedChange.MetaId((int) (System.currentTimeMillis() / 1000), live.metaId()));
        }
        return p;
    }

    public Changelog changelog() {
        return changelog;
    }

    /** Hourly: a new changelog file (metadata thread). */
    public void rotateChangelog() {
        changelog.rotate(); // metalogger port: through the changelog so metaloggers rotate too
    }

    /**
     * Starts a background dump of everything logged so far (metadata thread; returns at once). A dump still running
     * makes this a no-op. The future completes when the new metadata.mfs is in place.
     */
    public CompletableFuture<Void> dumpInBackground() {
        if (!dumping.compareAndSet(false, true)) {
            return lastDump;
        }
        long version = live.version();
        long metaId = live.metaId();
        CompletableFuture<Integer> rotated = changelog.rotate(); // metalogger port: metaloggers rotate too
        CompletableFuture<Void> job = rotated.thenAcceptAsync(rotation -> {
            try {
                long t0 = System.nanoTime();
                MetaState shadow = MetaState.standalone(metaId);
                Path dir = settings.dataPath();
                writer.filesLock().lock();
                try {
                    DumpReader.load(DumpFiles.current(dir), shadow);
                    List<Path> files = ChangelogFiles.oldestFirst(dir);
                    ChangelogReplay.replay(shadow, files, false, version);
                } finally {
                    writer.filesLock().unlock();
                }
                if (shadow.version() != version) {
                    throw new IllegalStateException("replay reached version " + shadow.version() + ", not " + version);
                }
                DumpFiles.install(shadow, dir, settings.keepPreviousDumps());
                writer.pinFrom(rotation);
                log.info("metadata dumped at version {} in {} ms (background)", version,
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                log.error("background metadata dump failed: {}", e.getMessage(), e);
                throw new IllegalStateException(e);
            } finally {
                dumping.set(false);
            }
        }, dumper);
        lastDump = job;
        return job;
    }

    /**
     * The dump at stop, from the live state, once no client is served (metadata thread, or after it stopped).
     * Waits for a background dump first so they do not overwrite each other.
     */
    public void dumpNow() throws IOException {
        try {
            lastDump.exceptionally(e -> null).get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            log.warn("background dump did not finish: {}", e.toString());
        }
        changelog.flush().join();
        long t0 = System.nanoTime();
        DumpFiles.install(live, settings.dataPath(), settings.keepPreviousDumps());
        writer.rotate().join();
        writer.pinFrom(writer.rotations());
        log.info("metadata stored at version {} in {} ms", live.version(), (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public void close() {
        writer.close();
        dumper.shutdown();
        try {
            dumper.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
