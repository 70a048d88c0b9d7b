package io.jmfs.master.net.client;

import io.jmfs.master.exports.RegistrationChallenge;
import io.jmfs.master.fs.Results;
import io.jmfs.master.locks.LockAnswers;
import io.jmfs.master.sessions.Session;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.ClientRequest;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.common.CommonMessage;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection on port 9421, from accept to close, on the metadata loop. It starts unregistered (only version,
 * info and REGISTER are answered), becomes a mount (REGISTER NEWSESSION/RECONNECT) or a tool (REGISTER TOOLS), and
 * ends at CLOSESESSION, a protocol error, silence, or the peer's close; then its session is detached and lives on
 * for the sustain time.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    /** The text after the version in ANTOAN_VERSION: the MooseFS version we speak, and who we are. */
    static final ByteString VERSION_TEXT = ByteString.utf8("3.0.117-jmfs");

    private enum Mode { UNREGISTERED, MOUNT, TOOL }

    private final ClientServices services;
    private final Registrar registrar;
    private final FuseRequestHandler fuse;
    private final ClientChunkCalls chunkCalls;
    private final AdminReports adminReports;
    private Mode mode = Mode.UNREGISTERED;
    private SessionScope scope;
    private Optional<RegistrationChallenge> challenge = Optional.empty();
    private int peerIp;
    /** Deferred lock answers for this connection's session (mounts only). */
    private LockAnswers lockAnswers;

    ClientConnection(ClientServices services) {
        this.services = services;
        this.registrar = new Registrar(services);
        this.fuse = new FuseRequestHandler(services);
        this.chunkCalls = new ClientChunkCalls(services);
        this.adminReports = new AdminReports(services);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        peerIp = ipv4(ctx.channel().remoteAddress());
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (registeredUnderOldExports()) {
            kill(ctx, "the exports changed since session " + Integer.toUnsignedString(scope.session().id())
                    + " registered");
            return;
        }
        switch (msg) {
            case ClientInbound.Ignored ignored -> { }
            case CommonMessage.GetVersion v -> ctx.writeAndFlush(
                    new CommonMessage.Version(v.msgid(), Registrar.ANNOUNCED_VERSION, VERSION_TEXT));
            case ClientInbound.InfoRequest info -> ctx.writeAndFlush(info());
            // we keep no per-structure memory accounting: an empty answer makes mfscli skip that table
            case ClientInbound.MemoryInfoRequest memory -> ctx.writeAndFlush(new EmptyReply(
                    MessageType.MATOCL_MEMORY_INFO.id()));
            // no missing-chunk log is kept yet: the list mfscli asks for is empty
            case ClientInbound.MissingChunksRequest missing -> ctx.writeAndFlush(new EmptyReply(
                    MessageType.MATOCL_MISSING_CHUNKS.id()));
            case ClientInbound.AdminRequest admin -> ctx.writeAndFlush(adminReports.answer(admin.type()));
            case SclassAdmin.Request r -> {
                if (mode == Mode.UNREGISTERED) {
                    kill(ctx, "storage class request before REGISTER");
                    return;
                }
                ctx.writeAndFlush(SclassAdmin.answer(services.namespace(), r, scope.session().grant().admin()));
            }
            case SessionRequest.Register r -> register(ctx, r);
            case ClientRequest request -> {
                if (mode == Mode.UNREGISTERED) {
                    kill(ctx, "request " + request.getClass().getSimpleName() + " before REGISTER");
                    return;
                }
                if (DisabledOperations.forbids(scope.session(), request)) {
                    ctx.writeAndFlush(FuseRequestHandler.status(request, MfsStatus.EPERM));
                    return;
                }
                if (ClientChunkCalls.handles(request)) {
                    // chunk calls (helper-10) may be answered later, once the chunkservers confirmed
                    chunkCalls.handle(scope, request, peerIp, ctx::writeAndFlush);
                    return;
                }
                WireMessage reply = fuse.handle(scope, request);
                if (reply != null) {
                    // flushed once per read (channelReadComplete): one send for all the requests a read brought
                    ctx.write(reply, ctx.voidPromise());
                }
            }
            default -> kill(ctx, "unexpected message " + msg.getClass().getSimpleName());
        }
    }

    private void register(ChannelHandlerContext ctx, SessionRequest.Register r) {
        boolean closing = r instanceof SessionRequest.RegisterCloseSession;
        if ((mode == Mode.UNREGISTERED) == closing) {
            kill(ctx, "REGISTER rcode " + r.rcode() + " on a " + mode.name().toLowerCase() + " connection");
            return;
        }
        Registrar.Outcome outcome = switch (r) {
            case SessionRequest.RegisterGetRandom g -> {
                RegistrationChallenge c = RegistrationChallenge.random();
                challenge = Optional.of(c);
                yield Registrar.Outcome.answer(new SessionReply.RegisterRandom(ByteString.of(c.bytes())));
            }
            case SessionRequest.RegisterNewSession n -> registrar.newSession(n, peerIp, challenge);
            case SessionRequest.RegisterNewMetaSession n -> registrar.newMetaSession(n, peerIp, challenge);
            case SessionRequest.RegisterReconnect c -> registrar.reconnect(c, peerIp);
            case SessionRequest.RegisterTools t -> registrar.tools(t, peerIp);
            case SessionRequest.RegisterCloseSession c -> registrar.close(c);
        };
        outcome.session().ifPresent(session -> {
            scope = new SessionScope(session, outcome.tool());
            if (!outcome.tool()) {
                lockAnswers = lockAnswers(ctx);
                services.locks().connected(session.id(), lockAnswers);
            }
            mode = outcome.tool() ? Mode.TOOL : Mode.MOUNT;
            log.info("session {} {} from {}", Integer.toUnsignedString(session.id()),
                    outcome.tool() ? "tool connected" : "connected", ctx.channel().remoteAddress());
        });
        if (outcome.closeAfterReply()) {
            ctx.writeAndFlush(outcome.reply()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(outcome.reply());
        }
    }

    private static LockAnswers lockAnswers(ChannelHandlerContext ctx) {
        return new LockAnswers() {
            @Override
            public void flockAnswer(int msgid, MfsStatus status) {
                ctx.writeAndFlush(new MasterReply.Status(MessageType.MATOCL_FUSE_FLOCK.id(), msgid, status));
            }

            @Override
            public void posixLockAnswer(int msgid, MfsStatus status) {
                ctx.writeAndFlush(new MasterReply.Status(MessageType.MATOCL_FUSE_POSIX_LOCK.id(), msgid, status));
            }
        };
    }

    /**
     * A mount registered under exports that a reload replaced: MooseFS drops such connections, so that the mount
     * registers again under the new rules (its reconnect is refused).
     */
    private boolean registeredUnderOldExports() {
        return mode == Mode.MOUNT && scope.session().grant().exportsChecksum() != services.exports().checksum();
    }

    private MasterInfo info() {
        Results.StatFs st = services.namespace().statfs();
        return new MasterInfo(Registrar.ANNOUNCED_VERSION, Runtime.getRuntime().totalMemory(), 0, 0, 0,
                st.trashSpace(), st.trashNodes(), st.sustainedSpace(), st.sustainedNodes(), st.nodes(),
                st.directories(), st.files(), 0, 0, 0, services.exports().checksum(), services.wallClockMicros());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (registeredUnderOldExports()) {
                kill(ctx, "the exports changed since session " + Integer.toUnsignedString(scope.session().id())
                        + " registered");
                return;
            }
            if (idle.state() == IdleState.WRITER_IDLE && mode != Mode.TOOL) {
                // mounts expect a sign of life every second; admin sockets get it too, as MooseFS does
                ctx.writeAndFlush(new SessionReply.Nop(0));
            } else if (idle.state() == IdleState.READER_IDLE) {
                kill(ctx, "nothing received for " + ClientPipeline.READ_TIMEOUT_SECONDS + " s");
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (scope != null) {
            Session session = scope.session();
            if (lockAnswers != null) {
                services.locks().disconnected(session.id(), lockAnswers);
            }
            services.sessions().disconnect(session, services.clock().now());
            log.info("session {} disconnected ({})", Integer.toUnsignedString(session.id()),
                    ctx.channel().remoteAddress());
            scope = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel().isActive()) {
            log.warn("closing client connection {}: {}", ctx.channel().remoteAddress(), cause.toString(), cause);
        }
        ctx.close();
    }

    private static void kill(ChannelHandlerContext ctx, String reason) {
        log.warn("closing client connection {}: {}", ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    /** The peer's IPv4 address as an unsigned 32-bit value in an int; 0 when it is not IPv4. */
    static int ipv4(java.net.SocketAddress address) {
        if (address instanceof InetSocketAddress isa && isa.getAddress() instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        }
        return 0;
    }
}
