package io.jmfs.metalogger.net;

import io.jmfs.metalogger.store.ChangelogFiles;
import io.jmfs.metalogger.store.DownloadException;
import io.jmfs.metalogger.store.DownloadKind;
import io.jmfs.metalogger.store.FileDownload;
import io.jmfs.metalogger.store.MetadataFileCheck.Verdict;
import io.jmfs.metalogger.store.MetadataStore;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.ChangelogEntry;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadData;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadInfo;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadRefused;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.RotateLogs;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadEnd;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadRequest;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadStart;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.Register;
import io.jmfs.protocol.wire.WireMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metalogger's side of the 9419 protocol, one connection at a time, on one thread:
 *
 * <ul>
 *   <li>on connect: register, asking for {@code last + 1} when change logs are held, so that the master replays
 *       what was missed; download the metadata when none is held (or none was held before);</li>
 *   <li>a download is metadata (1), then the master's {@code changelog.0.mfs} (11) and {@code changelog.1.mfs}
 *       (12), block by block; a block with a bad CRC is asked for again, a few times;</li>
 *   <li>the live stream is appended only in sequence; a gap or a step back drops the change logs and ends the
 *       connection, so the next one registers afresh and downloads everything again;</li>
 *   <li>the metadata is downloaded again every META_DOWNLOAD_FREQ.</li>
 * </ul>
 */
public final class MetaloggerSync {
    private static final Logger log = LoggerFactory.getLogger(MetaloggerSync.class);

    /** Bytes asked for per download request (the master's replies must fit its 1.5 MB packets). */
    static final int DOWNLOAD_BLOCK = 1_000_000;
    static final int CRC_RETRIES = 5;

    /** Where this side's packets go. */
    @FunctionalInterface
    public interface Outbox {
        void send(WireMessage message) throws IOException;
    }

    private final ChangelogFiles changelogs;
    private final MetadataStore metadata;
    private final int timeoutSeconds;
    private final long downloadEveryNanos;

    private Outbox outbox;
    private DownloadKind requested;
    private FileDownload download;
    private int crcRetries;
    private long nextMetadataDownloadNanos;

    public MetaloggerSync(ChangelogFiles changelogs, MetadataStore metadata, int timeoutSeconds,
                          Duration downloadEvery, long nowNanos) {
        this.changelogs = changelogs;
        this.metadata = metadata;
        this.timeoutSeconds = timeoutSeconds;
        this.downloadEveryNanos = downloadEvery.toNanos();
        this.nextMetadataDownloadNanos = nowNanos + downloadEveryNanos;
    }

    /** A new connection: register, and download when this folder cannot restore a master yet. */
    public void connected(Outbox out) throws IOException {
        this.outbox = out;
        long last = changelogs.lastVersion();
        OptionalLong next = last > 0 ? OptionalLong.of(last + 1) : OptionalLong.empty();
        outbox.send(new Register(ProtocolVersion.V3_0_117.encode(), timeoutSeconds, next));
        log.info("registered at the master{}", next.isPresent() ? ", asking for changes from " + next.getAsLong()
                : " without change logs");
        if (last == 0 || !metadata.hasValidMetadata()) {
            startDownload(DownloadKind.METADATA);
        }
    }

    /** Handles one message from the master. */
    public void received(MasterToMetalogger message) throws IOException, SessionEnded {
        switch (message) {
            case ChangelogEntry entry -> append(entry);
            case RotateLogs rotate -> changelogs.rotate();
            case DownloadInfo info -> downloadStarts(info.length());
            case DownloadRefused refused -> {
                log.warn("the master cannot send {} (status {})", requested, refused.status());
                requested = null;
            }
            case DownloadData data -> downloadBlock(data);
        }
    }

    /** Time passes: the periodic metadata download. */
    public void tick(long nowNanos) throws IOException {
        if (nowNanos - nextMetadataDownloadNanos >= 0 && requested == null) {
            nextMetadataDownloadNanos = nowNanos + downloadEveryNanos;
            startDownload(DownloadKind.METADATA);
        }
    }

    /** Nothing more is buffered from the master: push appended lines to the file. */
    public void idle() throws IOException {
        changelogs.flush();
    }

    /** The connection is gone: an unfinished download is dropped, written lines are flushed. */
    public void disconnected() {
        if (download != null) {
            download.abort();
            download = null;
        }
        requested = null;
        outbox = null;
        try {
            changelogs.flush();
        } catch (IOException e) {
            log.warn("cannot flush {}: {}", changelogs.current(), e.toString());
        }
    }

    /** Whether a download is under way (tests and status). */
    public boolean downloading() {
        return requested != null;
    }

    private void append(ChangelogEntry entry) throws IOException, SessionEnded {
        if (entry.ackRequested()) {
            throw new SessionEnded("the master asks for changelog acknowledgements, which 3.0.117 metaloggers lack");
        }
        long expected = changelogs.lastVersion() + 1;
        switch (changelogs.append(entry.version(), entry.line().unsafeArray())) {
            case APPENDED -> { }
            case GAP, NOT_NEWER -> {
                log.warn("change {} arrived where {} was due: dropping the change logs and downloading the metadata"
                        + " again", Long.toUnsignedString(entry.version()), Long.toUnsignedString(expected));
                changelogs.dropAll();
                throw new SessionEnded("change log out of sequence");
            }
        }
    }

    private void startDownload(DownloadKind kind) throws IOException {
        requested = kind;
        crcRetries = 0;
        outbox.send(new DownloadStart(kind.fileNumber()));
    }

    private void downloadStarts(long length) throws IOException, SessionEnded {
        if (requested == null || download != null) {
            throw new SessionEnded("DOWNLOAD_INFO without a download request");
        }
        download = metadata.begin(requested, length);
        requestNextBlock();
    }

    private void downloadBlock(DownloadData data) throws IOException, SessionEnded {
        if (download == null) {
            throw new SessionEnded("DOWNLOAD_DATA without a download");
        }
        if (!data.crcMatches()) {
            if (++crcRetries > CRC_RETRIES) {
                log.warn("{}: block at {} keeps failing its CRC, giving up this download", requested, data.offset());
                endDownload();
                return;
            }
            log.info("{}: block at {} failed its CRC, asking again", requested, data.offset());
            requestNextBlock();
            return;
        }
        crcRetries = 0;
        try {
            download.write(data.offset(), data.data().unsafeArray());
        } catch (DownloadException e) {
            throw new SessionEnded(e.getMessage());
        }
        requestNextBlock();
    }

    private void requestNextBlock() throws IOException {
        if (!download.isComplete()) {
            outbox.send(new DownloadRequest(download.received(), download.nextBlockSize(DOWNLOAD_BLOCK)));
            return;
        }
        FileDownload done = download;
        download = null;
        requested = null;
        installDownloaded(done);
        outbox.send(new DownloadEnd());
        if (done.kind() != DownloadKind.CHANGELOG_1) {
            startDownload(done.kind() == DownloadKind.METADATA ? DownloadKind.CHANGELOG_0 : DownloadKind.CHANGELOG_1);
        }
    }

    private void installDownloaded(FileDownload done) throws IOException {
        if (done.kind() == DownloadKind.METADATA) {
            switch (metadata.installMetadata(done)) {
                case Verdict.Valid valid -> log.info("metadata downloaded: {} bytes, version {}", done.length(),
                        Long.toUnsignedString(valid.version()));
                case Verdict.NewFileSystem fresh -> log.info("the master has never dumped its metadata (MFSM NEW);"
                        + " nothing kept");
                case Verdict.Invalid invalid -> log.warn("downloaded metadata rejected: {}", invalid.reason());
            }
        } else {
            metadata.installChangelog(done);
            log.info("{} downloaded: {} bytes", done.kind().finalName(), done.length());
        }
    }

    private void endDownload() throws IOException {
        download.abort();
        download = null;
        requested = null;
        outbox.send(new DownloadEnd());
    }
}
