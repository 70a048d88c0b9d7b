package io.jmfs.master.net.chunkserver;

import io.jmfs.master.chunks.ChunkManager;
import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.SpaceReport;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster.ChunkIds;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster.ChunkStatus;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster.RegisterBegin;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver;
import io.jmfs.protocol.msg.common.CommonMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chunkserver connection on port 9420, on the metadata loop. It starts unregistered; an accepted rver 60 makes
 * it speak for one csid (acknowledged with the 17-byte MASTER_ACK); the chunk list follows in rver 61 batches, each
 * acknowledged by a 1-byte ACK so the server sends the next, until rver 62. From rver 60 on, reports and answers
 * go to the {@link ChunkManager}; when the connection closes, the server's copies leave the registry.
 */
final class ChunkserverSession extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ChunkserverSession.class);

    /** MooseFS's timeout when a chunkserver asks for 0, and the timeout before registration. */
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    /** Shorter timeouts are refused, as MooseFS does. */
    static final int MIN_TIMEOUT_SECONDS = 10;
    static final int ANNOUNCED_VERSION = ProtocolVersion.V3_0_117.encode();
    static final ByteString VERSION_TEXT = ByteString.utf8("3.0.117-jmfs");

    private enum Phase { UNREGISTERED, LISTING_CHUNKS, REGISTERED }

    private final ChunkManager chunks;
    private final ChunkserverLinks links;
    private final long metaId;
    private Phase phase = Phase.UNREGISTERED;
    private int csid;
    private String name = "unregistered chunkserver";
    private boolean spaceKnown;

    ChunkserverSession(ChunkManager chunks, ChunkserverLinks links, long metaId) {
        this.chunks = chunks;
        this.links = links;
        this.metaId = metaId;
    }

    /** Reads time out after {@code timeoutSeconds}; a NOP goes out after a third of it without writes. */
    static IdleStateHandler idleHandler(int timeoutSeconds) {
        return new IdleStateHandler(timeoutSeconds * 1000L, timeoutSeconds * 1000L / 3, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case ChunkserverInbound.Ignored ignored -> { }
            case CommonMessage.Nop nop -> { }
            case CommonMessage.GetVersion v ->
                    ctx.writeAndFlush(new CommonMessage.Version(v.msgid(), ANNOUNCED_VERSION, VERSION_TEXT));
            case RegisterBegin begin -> begin(ctx, begin);
            case ChunkserverToMaster report -> {
                if (phase == Phase.UNREGISTERED) {
                    kill(ctx, MessageType.nameOf(report.type()) + " before registration");
                    return;
                }
                report(ctx, report);
            }
            default -> kill(ctx, "unexpected message " + msg.getClass().getSimpleName());
        }
    }

    private void begin(ChannelHandlerContext ctx, RegisterBegin begin) {
        if (phase != Phase.UNREGISTERED) {
            kill(ctx, "second registration on one connection");
            return;
        }
        int timeout = begin.timeout() == 0 ? DEFAULT_TIMEOUT_SECONDS : begin.timeout();
        if (timeout < MIN_TIMEOUT_SECONDS) {
            kill(ctx, "communication timeout " + timeout + " s is below " + MIN_TIMEOUT_SECONDS + " s");
            return;
        }
        if (begin.port() == 0) {
            kill(ctx, "registration without a data port");
            return;
        }
        int ip = begin.ip() != 0 ? begin.ip() : ipv4(ctx.channel().remoteAddress());
        if (ip == 0) {
            kill(ctx, "no IPv4 address to reach the chunkserver at");
            return;
        }
        SpaceReport space = new SpaceReport(begin.usedSpace(), begin.totalSpace(),
                begin.chunkCount(), begin.toDeleteUsedSpace(), begin.toDeleteTotalSpace(),
                begin.toDeleteChunkCount());
        ChunkserverInfo info = chunks.registerChunkserver(ip, begin.port(), begin.csId(), begin.version(), space);
        if (info == null) {
            kill(ctx, "chunkserver " + address(ip, begin.port()) + " is already connected");
            return;
        }
        csid = info.csid();
        chunks.registrationStarted(csid);
        name = info.address() + " (csid " + csid + ")";
        spaceKnown = begin.totalSpace() > 0;
        phase = Phase.LISTING_CHUNKS;
        links.attach(csid, ctx.channel());
        ctx.pipeline().replace(ChunkserverPipeline.IDLE_HANDLER, ChunkserverPipeline.IDLE_HANDLER,
                idleHandler(timeout));
        log.info("chunkserver register begin: {} (csid {}, version {}, used {} of {} bytes, {} chunks)",
                info.address(), csid, ProtocolVersion.decode(begin.version()), begin.usedSpace(),
                begin.totalSpace(), begin.chunkCount());
        if (spaceKnown) {
            logSpace(begin.usedSpace(), begin.totalSpace());
        }
        ctx.writeAndFlush(new MasterToChunkserver.MasterAck(ANNOUNCED_VERSION, timeout, csid, metaId));
    }

    private void logSpace(long used, long total) {
        log.info("chunkserver {} has space: used {} of {} bytes", name, used, total);
    }

    private void report(ChannelHandlerContext ctx, ChunkserverToMaster report) {
        switch (report) {
            case ChunkserverToMaster.RegisterChunks list -> {
                if (phase != Phase.LISTING_CHUNKS) {
                    kill(ctx, "chunk list after the end of registration");
                    return;
                }
                chunks.chunksReported(csid, list.chunks());
                ctx.writeAndFlush(new MasterToChunkserver.ChunkBatchAck());
            }
            case ChunkserverToMaster.RegisterEnd end -> {
                if (phase != Phase.LISTING_CHUNKS) {
                    kill(ctx, "second end of registration");
                    return;
                }
                phase = Phase.REGISTERED;
                chunks.registrationEnded(csid);
                log.info("chunkserver register end: {}", name);
            }
            case ChunkserverToMaster.RegisterDisconnect stop -> {
                log.info("chunkserver {} stops gracefully", name);
                chunks.gracefulStop(csid);
            }
            case RegisterBegin begin -> throw new AssertionError("handled before");
            case ChunkserverToMaster.Space s -> {
                if (!spaceKnown && s.totalSpace() > 0) {
                    spaceKnown = true; // disks scanned: from now on the server can take new chunks
                    logSpace(s.usedSpace(), s.totalSpace());
                }
                chunks.spaceReported(csid, new SpaceReport(s.usedSpace(), s.totalSpace(), s.chunkCount(),
                        s.toDeleteUsedSpace(), s.toDeleteTotalSpace(), s.toDeleteChunkCount()));
            }
            case ChunkserverToMaster.CurrentLoad l -> chunks.loadReported(csid, l.load(), l.hlStatus());
            case ChunkserverToMaster.Labels l -> chunks.labelsReported(csid, l.labelMask());
            case ChunkserverToMaster.ChunkNew n -> chunks.chunksReported(csid, n.chunks());
            case ChunkserverToMaster.ErrorOccurred e -> chunks.errorReported(csid);
            case ChunkIds ids -> {
                boolean damaged = ids.type() == MessageType.CSTOMA_CHUNK_DAMAGED.id();
                for (long id : ids.chunkIds()) {
                    if (damaged) {
                        chunks.chunkDamaged(csid, id);
                    } else {
                        chunks.chunkLost(csid, id);
                    }
                }
            }
            case ChunkStatus s -> answer(s.type(), s.chunkId(), s.status());
            case ChunkserverToMaster.ReplicateStatus r ->
                    chunks.onReplicateResult(csid, r.chunkId(), r.version(), r.status());
        }
    }

    private void answer(int type, long chunkId, MfsStatus status) {
        MessageType t = MessageType.of(type).orElseThrow();
        switch (t) {
            case CSTOMA_CREATE -> chunks.onCreateResult(csid, chunkId, status);
            case CSTOMA_DELETE -> chunks.onDeleteResult(csid, chunkId, status);
            case CSTOMA_DUPLICATE -> chunks.onDuplicateResult(csid, chunkId, status);
            case CSTOMA_SET_VERSION -> chunks.onSetVersionResult(csid, chunkId, status);
            case CSTOMA_TRUNCATE -> chunks.onTruncateResult(csid, chunkId, status);
            case CSTOMA_DUPTRUNC -> chunks.onDuplicateTruncateResult(csid, chunkId, status);
            default -> throw new IllegalArgumentException("not a chunk status answer: " + t);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(new CommonMessage.Nop());
            } else if (idle.state() == IdleState.READER_IDLE) {
                kill(ctx, "nothing received within the communication timeout");
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (phase != Phase.UNREGISTERED) {
            phase = Phase.UNREGISTERED;
            links.detach(csid, ctx.channel());
            chunks.serverDisconnected(csid);
            log.info("chunkserver {} disconnected", name);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().isActive()) {
            log.warn("closing connection of {} ({}): {}", name, ctx.channel().remoteAddress(), cause.toString(),
                    cause);
        }
        ctx.close();
    }

    private void kill(ChannelHandlerContext ctx, String reason) {
        log.warn("closing connection of {} ({}): {}", name, ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    /** The peer's IPv4 address as an unsigned 32-bit value in an int; 0 when it is not IPv4. */
    static int ipv4(SocketAddress address) {
        if (address instanceof InetSocketAddress isa && isa.getAddress() instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        }
        return 0;
    }

    private static String address(int ip, int port) {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xFF) + "." + (ip >>> 8 & 0xFF) + "." + (ip & 0xFF) + ":" + port;
    }
}
