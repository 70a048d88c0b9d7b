package io.jmfs.master.net.metalogger;

import io.jmfs.master.meta.ChangelogListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every metalogger connection and what they share: the changelog stream (this hub listens to the master's
 * changelog), the {@link ChangeHistory} of recent lines, the data folder the downloads come from, and the file
 * thread that reads them. Lives on the metadata loop; only {@link FileUploads} work runs on the file thread.
 *
 * <p>Until {@link #attach} (a master without DATA_PATH, or before its metadata is loaded) there is no changelog:
 * metaloggers can register but get no lines and no dump.
 */
public final class MetaloggerHub implements ChangelogListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetaloggerHub.class);

    /** MooseFS's default CHANGELOG_PRESERVE_SECONDS. */
    public static final int DEFAULT_PRESERVE_SECONDS = 1800;
    /** A ceiling for the history whatever the time limit: 60-100 MB of typical lines (8 bytes each plus the text). */
    static final int MAX_HISTORY_LINES = 1_000_000;

    private final Set<MetaloggerSession> sessions = new LinkedHashSet<>();
    private final ExecutorService files = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("mfsmaster-metalogger-files").daemon(true).unstarted(r));
    private final LongSupplier clockSeconds;
    private ChangeHistory history = new ChangeHistory(DEFAULT_PRESERVE_SECONDS, MAX_HISTORY_LINES);
    private Path dataPath;
    private Supplier<CompletableFuture<Void>> flushChangelog = () -> CompletableFuture.completedFuture(null);
    private boolean attached;

    public MetaloggerHub() {
        this(() -> System.currentTimeMillis() / 1000);
    }

    MetaloggerHub(LongSupplier clockSeconds) {
        this.clockSeconds = clockSeconds;
    }

    /**
     * Connects the hub to a running changelog (metadata loop, before the changelog's listener is set to this hub).
     *
     * @param dataPath DATA_PATH, where the downloads come from
     * @param nextVersion the version of the next change to be logged
     * @param preserveSeconds CHANGELOG_PRESERVE_SECONDS: how long lines stay replayable
     * @param flushChangelog hands everything logged so far to the OS (before changelog.0.mfs is sent)
     */
    public void attach(Path dataPath, long nextVersion, int preserveSeconds,
                       Supplier<CompletableFuture<Void>> flushChangelog) {
        this.dataPath = dataPath;
        this.flushChangelog = flushChangelog;
        this.history = new ChangeHistory(preserveSeconds, MAX_HISTORY_LINES);
        try {
            HistorySeed.fill(history, dataPath, nextVersion, clockSeconds.getAsLong());
        } catch (IOException | RuntimeException e) {
            log.warn("can't read the recent changelog lines for metaloggers: {}", e.toString());
            history.restartAt(nextVersion);
        }
        if (history.size() > 0) {
            log.info("{} changelog lines (from version {}) kept for reconnecting metaloggers", history.size(),
                    history.firstVersion());
        }
        attached = true;
    }

    @Override
    public void onChange(long version, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        history.add(version, bytes, clockSeconds.getAsLong());
        for (MetaloggerSession s : sessions) {
            s.liveLine(version, bytes);
        }
    }

    @Override
    public void onRotate() {
        for (MetaloggerSession s : sessions) {
            s.rotate();
        }
    }

    /** The registered metaloggers, for mfscli's list. */
    public List<ConnectedMetalogger> connected() {
        List<ConnectedMetalogger> out = new ArrayList<>();
        for (MetaloggerSession s : sessions) {
            s.describe().ifPresent(out::add);
        }
        return out;
    }

    ChangeHistory history() {
        return history;
    }

    boolean attached() {
        return attached;
    }

    void add(MetaloggerSession session) {
        sessions.add(session);
    }

    void remove(MetaloggerSession session) {
        sessions.remove(session);
    }

    FileUploads newUploads() {
        return new FileUploads(attached ? dataPath : null);
    }

    ExecutorService fileThread() {
        return files;
    }

    CompletableFuture<Void> flushChangelog() {
        return flushChangelog.get();
    }

    @Override
    public void close() {
        files.shutdownNow();
    }
}
