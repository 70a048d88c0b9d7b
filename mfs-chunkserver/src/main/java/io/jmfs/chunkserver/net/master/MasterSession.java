package io.jmfs.chunkserver.net.master;

import io.jmfs.chunkserver.storage.chunk.ChunkInfo;
import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.chunkserver.storage.chunk.SpaceReport;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.chunkserver.ChunkVersion;
import io.jmfs.protocol.msg.chunkserver.ChunkserverMessages;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver;
import io.jmfs.protocol.msg.common.CommonMessage;
import io.jmfs.protocol.wire.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to the master, as MooseFS 3.0.117 runs it: REGISTER rver 60 with space, the master's ACK
 * (csid, metaid, timeout), LABELS, the chunk list in batches of rver 61 each acknowledged by the master, rver 62;
 * afterwards SPACE when it changes, CURRENT_LOAD every 5 s, NOPs when idle, reports of new, damaged and lost
 * chunks, and answers to the master's commands.
 */
final class MasterSession extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(MasterSession.class);
    static final String IDLE_HANDLER = "idle";
    private static final long SPACE_CHECK_MILLIS = 1000;
    private static final long LOAD_REPORT_MILLIS = 5000;
    private final LoadStatus loadStatus = new LoadStatus();
    /** CHUNK_NEW lists are capped like MooseFS caps its changed-chunk lists. */
    private static final int MAX_REPORT = 25_000;

    private final MasterLink link;
    private final MasterLinkSettings settings;
    private final ChunkStorage storage;
    private final MasterCommands commands;
    private ChannelHandlerContext ctx;
    private List<ChunkInfo> registrationList;
    private int registrationPos;
    private boolean registered;
    private SpaceReport lastSpace;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    /** Chunks found by the scan after the registration list was taken, sent as CHUNK_NEW once registered. */
    private final List<ChunkInfo> newChunks = new ArrayList<>();

    MasterSession(MasterLink link, MasterLinkSettings settings, ChunkStorage storage, MasterCommands commands) {
        this.link = link;
        this.settings = settings;
        this.storage = storage;
        this.commands = commands;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        link.sessionStarted(this);
        log.info("connected to master {}", ctx.channel().remoteAddress());
        sendRegisterBegin(Optional.empty());
        ctx.fireChannelActive();
    }

    private void sendRegisterBegin(Optional<ByteString> passcode) {
        CompletableFuture.supplyAsync(storage::space, link.io()).whenComplete((space, err) -> ctx.executor().execute(() -> {
            SpaceReport s = err != null ? new SpaceReport(0, 0, 0, 0, 0, 0) : space;
            lastSpace = s;
            ctx.writeAndFlush(new ChunkserverToMaster.RegisterBegin(passcode, ProtocolVersion.V3_0_117.encode(),
                    settings.myIp(), settings.myPort(), settings.timeoutSeconds(), link.identity().csId(), s.used(),
                    s.total(), (int) s.chunks(), s.tdUsed(), s.tdTotal(), (int) s.tdChunks()));
        }));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Packet packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            handle(packet.type(), packet.content());
        } catch (MalformedPacketException e) {
            log.warn("closing master connection: {}", e.getMessage());
            ctx.close();
        } finally {
            packet.release();
        }
    }

    private void handle(int type, ByteBuf payload) throws MalformedPacketException {
        if (type == MessageType.ANTOAN_NOP.id() || type == MessageType.ANTOAN_UNKNOWN_COMMAND.id()
                || type == MessageType.ANTOAN_BAD_COMMAND_SIZE.id()) {
            return;
        }
        if (type == MessageType.ANTOAN_GET_VERSION.id()) {
            ctx.writeAndFlush(new CommonMessage.Version(OptionalInt.empty(),
                    ProtocolVersion.V3_0_117.encode(), ByteString.utf8("3.0.117-1")));
            return;
        }
        if (type == MessageType.ANTOCS_GET_CHUNK_CHECKSUM.id()) {
            ChecksumAnswer.answer(ctx, storage, type, payload);
            return;
        }
        if (MessageType.of(type).isEmpty() || type == MessageType.MATOCS_CHUNKOP.id()) {
            log.info("ignoring master packet {} ({} bytes)", MessageType.nameOf(type), payload.readableBytes());
            return;
        }
        MasterToChunkserver m = ChunkserverMessages.decodeFromMaster(type, payload);
        switch (m) {
            case MasterToChunkserver.MasterAck ack -> masterAck(ack);
            case MasterToChunkserver.ChunkBatchAck ignored -> nextBatch();
            case MasterToChunkserver.AuthChallenge challenge -> authenticate(challenge);
            default -> commands.execute(m).ifPresent(answer -> answer.whenComplete((reply, err) -> {
                if (err == null && ctx.channel().isActive()) {
                    ctx.writeAndFlush(reply);
                }
            }));
        }
    }

    private void masterAck(MasterToChunkserver.MasterAck ack) {
        if (!link.acceptMaster(ack.csId(), ack.metaId())) {
            ctx.close();
            return;
        }
        if (settings.timeoutSeconds() == 0 && ack.timeout() > 0) {
            ctx.pipeline().replace(IDLE_HANDLER, IDLE_HANDLER,
                    new IdleStateHandler(ack.timeout(), Math.max(1, ack.timeout() / 3), 0));
        }
        if (registrationList != null) {
            return; // a repeated ACK during registration changes nothing
        }
        log.info("master {} accepted this chunkserver (csid {})", ctx.channel().remoteAddress(), ack.csId());
        ctx.write(new ChunkserverToMaster.Labels(settings.labelMask()));
        registrationList = storage.chunks();
        registrationPos = 0;
        nextBatch();
    }

    private void nextBatch() {
        if (registrationList == null || registered) {
            return;
        }
        if (registrationPos >= registrationList.size()) {
            ctx.writeAndFlush(new ChunkserverToMaster.RegisterEnd());
            registered = true;
            log.info("registered at master with {} chunks", registrationList.size());
            registrationList = List.of();
            startReports();
            flushNewChunks();
            link.registered(this);
            return;
        }
        int end = Math.min(registrationList.size(), registrationPos + settings.chunksPerPacket());
        ctx.writeAndFlush(new ChunkserverToMaster.RegisterChunks(versions(registrationList.subList(registrationPos, end))));
        registrationPos = end;
    }

    private void authenticate(MasterToChunkserver.AuthChallenge challenge) {
        if (settings.authCode().isEmpty()) {
            log.error("the master requires AUTH_CODE, which is not set");
            ctx.close();
            return;
        }
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] random = challenge.random().unsafeArray();
            md5.update(random, 0, 16);
            md5.update(settings.authCode().get().getBytes(StandardCharsets.UTF_8));
            md5.update(random, 16, 16);
            sendRegisterBegin(Optional.of(ByteString.wrap(md5.digest())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private void startReports() {
        timers.add(ctx.executor().scheduleAtFixedRate(this::checkSpace, 0, SPACE_CHECK_MILLIS, TimeUnit.MILLISECONDS));
        timers.add(ctx.executor().scheduleAtFixedRate(
                this::reportLoad,
                LOAD_REPORT_MILLIS, LOAD_REPORT_MILLIS, TimeUnit.MILLISECONDS));
    }

    /**
     * CURRENT_LOAD: the disk operations queued or running now, as MooseFS reports its job count; the heavy-load
     * status comes, as in MooseFS, from the busy workers, not the queue (a client keeps up to 64 writes queued per
     * chunk: counting those would mark a merely busy server overloaded and keep new chunks off it).
     */
    private void reportLoad() {
        int load = storage.pendingOperations();
        ctx.writeAndFlush(new ChunkserverToMaster.CurrentLoad(load, loadStatus.update(storage.busyWorkers())));
    }

    private void checkSpace() {
        CompletableFuture.supplyAsync(storage::space, link.io()).thenAccept(space -> ctx.executor().execute(() -> {
            if (ctx.channel().isActive() && !space.equals(lastSpace)) {
                lastSpace = space;
                ctx.writeAndFlush(new ChunkserverToMaster.Space(space.used(), space.total(), (int) space.chunks(),
                        space.tdUsed(), space.tdTotal(), (int) space.tdChunks()));
            }
        }));
    }

    /**
     * A chunk the scan found. Before the registration list is taken it will be in that list; afterwards it is
     * reported as CHUNK_NEW, after the list's END. Reports found in one go are sent together.
     */
    void chunkFound(ChunkInfo chunk) {
        if (registrationList == null) {
            return;
        }
        newChunks.add(chunk);
        if (registered && newChunks.size() == 1) {
            ctx.executor().execute(this::flushNewChunks);
        }
    }

    private void flushNewChunks() {
        for (int i = 0; i < newChunks.size(); i += MAX_REPORT) {
            ctx.write(new ChunkserverToMaster.ChunkNew(
                    versions(newChunks.subList(i, Math.min(newChunks.size(), i + MAX_REPORT)))));
        }
        newChunks.clear();
        ctx.flush();
    }

    void reportDamaged(List<Long> ids) {
        for (int i = 0; i < ids.size(); i += MAX_REPORT) {
            ctx.writeAndFlush(new ChunkserverToMaster.ChunkIds(MessageType.CSTOMA_CHUNK_DAMAGED.id(),
                    ids.subList(i, Math.min(ids.size(), i + MAX_REPORT))));
        }
    }

    void reportLost(List<Long> ids) {
        for (int i = 0; i < ids.size(); i += MAX_REPORT) {
            ctx.writeAndFlush(new ChunkserverToMaster.ChunkIds(MessageType.CSTOMA_CHUNK_LOST.id(),
                    ids.subList(i, Math.min(ids.size(), i + MAX_REPORT))));
        }
    }

    /** Graceful stop: rver 63, then close. */
    void disconnect() {
        ctx.writeAndFlush(new ChunkserverToMaster.RegisterDisconnect()).addListener(ChannelFutureListener.CLOSE);
    }

    private static List<ChunkVersion> versions(List<ChunkInfo> chunks) {
        return chunks.stream().map(c -> new ChunkVersion(c.chunkId(), c.wireVersion())).toList();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent e) {
            if (e.state() == IdleState.READER_IDLE) {
                log.warn("master {} silent for too long: closing the connection", ctx.channel().remoteAddress());
                ctx.close();
            } else if (e.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new CommonMessage.Nop());
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timers.forEach(t -> t.cancel(false));
        log.info("disconnected from master {}", ctx.channel().remoteAddress());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("master connection: {}", cause.toString());
        ctx.close();
    }
}
