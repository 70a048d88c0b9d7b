package io.jmfs.master.net.metalogger;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.msg.common.CommonMessage;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.ChangelogEntry;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadData;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadInfo;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadRefused;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadEnd;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadRequest;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadStart;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.Register;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One metalogger connection on port 9419, on the metadata loop.
 *
 * <p>It registers once (rver 1: new, or rver 2 with the next version it needs). A new one gets the live stream at
 * once; a returning one first gets the lines it missed from the {@link ChangeHistory}, {@value #REPLAY_BATCH} at a
 * time, each batch after the previous one left, and live lines meanwhile only through the history, so the order
 * holds; when the history does not reach back that far the live stream simply starts (the metalogger sees the gap
 * and downloads afresh, as with MooseFS). Downloads are independent of the stream: their files are opened and
 * read on the hub's file thread, one step after another, and answered from here.
 */
final class MetaloggerSession extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MetaloggerSession.class);

    /** MooseFS's timeout before registration. */
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    /** MooseFS raises shorter registered timeouts to this. */
    static final int MIN_TIMEOUT_SECONDS = 3;
    /** Lines per replay batch (MooseFS's OLD_CHANGES_GROUP_COUNT). */
    static final int REPLAY_BATCH = 10_000;
    /**
     * A metalogger that stopped reading must not make the master hold its lines without bound: beyond this much
     * unsent data it is disconnected (it reconnects and catches up from the history, or downloads afresh).
     */
    static final long MAX_PENDING_BYTES = 256L << 20;
    static final int ANNOUNCED_VERSION = ProtocolVersion.V3_0_117.encode();
    static final ByteString VERSION_TEXT = ByteString.utf8("3.0.117-jmfs");

    private enum Stream { UNREGISTERED, REPLAYING, LIVE }

    private final MetaloggerHub hub;
    private ChannelHandlerContext ctx;
    private Stream stream = Stream.UNREGISTERED;
    private long replayNext;
    private int version;
    private int ip;
    private boolean flushPending;
    private FileUploads uploads;
    /** The last file step queued; the next one starts after it, so steps never overlap or reorder. */
    private CompletableFuture<?> fileSteps = CompletableFuture.completedFuture(null);

    MetaloggerSession(MetaloggerHub hub) {
        this.hub = hub;
    }

    /** Reads time out after {@code timeoutSeconds}; once registered a NOP goes out after a third of it idle. */
    static IdleStateHandler idleHandler(int timeoutSeconds, boolean registered) {
        return new IdleStateHandler(timeoutSeconds * 1000L, registered ? timeoutSeconds * 1000L / 3 : 0, 0,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            ip = (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        }
        hub.add(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        hub.remove(this);
        if (stream != Stream.UNREGISTERED) {
            log.info("metalogger {} disconnected", ctx.channel().remoteAddress());
        }
        FileUploads u = uploads;
        uploads = null;
        if (u != null) {
            onFiles(() -> {
                u.close();
                return null;
            });
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case MetaloggerInbound.Ignored ignored -> { }
            case CommonMessage.Nop nop -> { }
            case CommonMessage.GetVersion v ->
                    ctx.writeAndFlush(new CommonMessage.Version(v.msgid(), ANNOUNCED_VERSION, VERSION_TEXT));
            case Register r -> register(r);
            case DownloadStart s -> downloadStart(s.fileNumber());
            case DownloadRequest r -> downloadRequest(r.offset(), r.length());
            case DownloadEnd e -> {
                FileUploads u = uploads();
                onFiles(() -> {
                    u.end();
                    return null;
                });
            }
            default -> kill("unexpected message " + msg.getClass().getSimpleName());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                kill("nothing received within the timeout");
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new CommonMessage.Nop());
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        kill(cause.toString());
    }

    // ---- the changelog stream ---------------------------------------------------------------------------------

    private void register(Register r) {
        if (stream != Stream.UNREGISTERED) {
            kill("second registration on one connection");
            return;
        }
        version = r.version();
        int timeout = Math.max(MIN_TIMEOUT_SECONDS, r.timeout());
        if (r.timeout() < 10) {
            log.info("metalogger {} asks for a communication timeout of {} s (should be at least 10)",
                    ctx.channel().remoteAddress(), r.timeout());
        }
        ctx.pipeline().replace(MetaloggerPipeline.IDLE_HANDLER, MetaloggerPipeline.IDLE_HANDLER,
                idleHandler(timeout, true));
        ChangeHistory history = hub.history();
        if (r.nextVersion().isPresent() && hub.attached() && history.covers(r.nextVersion().getAsLong())) {
            replayNext = r.nextVersion().getAsLong();
            stream = Stream.REPLAYING;
            log.info("metalogger {} (version {}) registered; replaying changes {}..{}", ctx.channel().remoteAddress(),
                    ProtocolVersion.decode(version), replayNext, history.nextVersion() - 1);
            replayBatch();
        } else {
            stream = Stream.LIVE;
            if (r.nextVersion().isPresent()) {
                log.info("metalogger {} (version {}) registered, wants changes from {} but the history holds {}..{}:"
                        + " it will download the metadata again", ctx.channel().remoteAddress(),
                        ProtocolVersion.decode(version), r.nextVersion().getAsLong(), history.firstVersion(),
                        history.nextVersion() - 1);
            } else {
                log.info("metalogger {} (version {}) registered", ctx.channel().remoteAddress(),
                        ProtocolVersion.decode(version));
            }
        }
    }

    /** Sends the next batch of missed lines; the batch after it follows once this one has left. */
    private void replayBatch() {
        if (stream != Stream.REPLAYING || !ctx.channel().isActive()) {
            return;
        }
        ChangeHistory history = hub.history();
        if (!history.covers(replayNext)) {
            kill("the changes from " + replayNext + " left the history before they could be sent");
            return;
        }
        List<ChangeHistory.Line> lines = history.from(replayNext, REPLAY_BATCH);
        for (ChangeHistory.Line line : lines) {
            ctx.write(entry(line.version(), line.text()));
        }
        replayNext += lines.size();
        if (replayNext == history.nextVersion()) {
            stream = Stream.LIVE;
            ctx.flush();
            return;
        }
        ctx.writeAndFlush(new CommonMessage.Nop()).addListener(f -> {
            if (f.isSuccess()) {
                replayBatch();
            }
        });
    }

    /** A line just logged (from the hub); a replaying connection gets it later from the history. */
    void liveLine(long lineVersion, byte[] text) {
        if (stream != Stream.LIVE) {
            return;
        }
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        if (pending != null && pending.totalPendingWriteBytes() > MAX_PENDING_BYTES) {
            kill("more than " + (MAX_PENDING_BYTES >> 20) + " MiB of changes not taken");
            return;
        }
        ctx.write(entry(lineVersion, text));
        scheduleFlush();
    }

    /** The master starts a new changelog file: the metalogger rotates its own. */
    void rotate() {
        if (stream == Stream.UNREGISTERED) {
            return;
        }
        ctx.write(new MasterToMetalogger.RotateLogs());
        scheduleFlush();
    }

    /** One flush for all the lines a loop turn produced, not one per line. */
    private void scheduleFlush() {
        if (!flushPending) {
            flushPending = true;
            ctx.executor().execute(() -> {
                flushPending = false;
                ctx.flush();
            });
        }
    }

    private static ChangelogEntry entry(long lineVersion, byte[] text) {
        return new ChangelogEntry(false, lineVersion, ByteString.wrap(text));
    }

    Optional<ConnectedMetalogger> describe() {
        return stream == Stream.UNREGISTERED ? Optional.empty() : Optional.of(new ConnectedMetalogger(version, ip));
    }

    // ---- downloads --------------------------------------------------------------------------------------------

    private void downloadStart(int fileNumber) {
        if (fileNumber != 1 && fileNumber != 2 && fileNumber != 11 && fileNumber != 12) {
            kill("DOWNLOAD_START of unknown file " + fileNumber);
            return;
        }
        FileUploads u = uploads();
        // changelog.0.mfs must hold everything logged so far when it is opened together with the dump
        CompletableFuture<Void> ready = fileNumber == 1 ? hub.flushChangelog() : CompletableFuture.completedFuture(null);
        CompletableFuture<Long> length = new CompletableFuture<>();
        fileSteps = fileSteps.handle((x, e) -> null)
                .thenCompose(x -> ready.handle((y, e) -> null))
                .thenApplyAsync(x -> {
                    try {
                        length.complete(u.start(fileNumber));
                    } catch (IOException | RuntimeException e) {
                        length.completeExceptionally(e);
                    }
                    return null;
                }, hub.fileThread());
        length.whenCompleteAsync((n, e) -> {
            if (e != null) {
                log.warn("metalogger {}: can't open download file {}: {}", ctx.channel().remoteAddress(), fileNumber,
                        e.toString());
                ctx.writeAndFlush(new DownloadRefused(0xFF));
            } else if (n == FileUploads.REFUSED) {
                ctx.writeAndFlush(new DownloadRefused(0xFF));
            } else {
                ctx.writeAndFlush(new DownloadInfo(n));
            }
        }, ctx.executor());
    }

    private void downloadRequest(long offset, int length) {
        FileUploads u = uploads();
        onFiles(() -> u.read(offset, length)).whenCompleteAsync((data, e) -> {
            if (e != null) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                kill("DOWNLOAD_REQUEST " + offset + "+" + Integer.toUnsignedString(length) + ": " + cause.getMessage());
            } else {
                ctx.writeAndFlush(DownloadData.of(offset, ByteString.wrap(data)));
            }
        }, ctx.executor());
    }

    private FileUploads uploads() {
        if (uploads == null) {
            uploads = hub.newUploads();
        }
        return uploads;
    }

    /** Runs {@code step} on the file thread after every step queued before it. */
    private <T> CompletableFuture<T> onFiles(Callable<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            fileSteps = fileSteps.handle((x, e) -> null).thenRunAsync(() -> {
                try {
                    result.complete(step.call());
                } catch (Exception | Error e) {
                    result.completeExceptionally(e);
                }
            }, hub.fileThread());
        } catch (RejectedExecutionException e) { // the master is stopping
            result.completeExceptionally(e);
        }
        return result;
    }

    private void kill(String reason) {
        if (ctx.channel().isOpen()) {
            log.warn("closing metalogger connection {}: {}", ctx.channel().remoteAddress(), reason);
            ctx.close();
        }
    }
}
