package io.jmfs.chunkserver.net.master;

import io.jmfs.chunkserver.replication.Replicator;
import io.jmfs.chunkserver.storage.chunk.ChunkInfo;
import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.chunkserver.storage.chunk.StorageListener;
import io.jmfs.daemon.net.Transport;
import io.jmfs.protocol.wire.FrameDecoder;
import io.jmfs.protocol.wire.FrameEncoder;
import io.jmfs.protocol.wire.MessageEncoder;
import io.jmfs.protocol.wire.PeerLink;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this chunkserver connected to the master: connects, lets a {@link MasterSession} register, and after the
 * connection ends (master restart, timeout, refused connection) tries again every MASTER_RECONNECTION_DELAY.
 * It is also the storage's listener: chunks found, damaged or lost are passed to the registered session, or kept
 * for the next registration when it matters (damaged chunks).
 *
 * <p>All state lives on one event loop; storage callbacks hop onto it.
 */
public final class MasterLink implements StorageListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MasterLink.class);
    static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final FrameEncoder FRAME_ENCODER = new FrameEncoder();
    private static final MessageEncoder MESSAGE_ENCODER = new MessageEncoder();

    private MasterLinkSettings settings;
    private final Path dataDir;
    private final EventLoop loop;
    /** Disk work of the link (identity files, statfs): never on the event loop. */
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "master-link-io");
        t.setDaemon(true);
        return t;
    });
    private ChunkStorage storage;
    private Replicator replicator;
    private ChunkserverIdentity identity;
    private MasterSession session;
    /** The session of the current connection, registered or not. */
    private MasterSession connecting;
    private Channel channel;
    private final List<Long> damagedWhileAway = new ArrayList<>();
    private boolean stopped;
    private boolean refused;
    private volatile boolean registeredOnce;
    /** Told when the master belongs to another MooseFS instance: a fault no reconnection can fix. */
    private final Runnable wrongInstance;
    private final Transport transport;

    /** A link that, on a master of another instance, only stops connecting. */
    public MasterLink(Path dataDir, EventLoop loop) throws IOException {
        this(dataDir, loop, Transport.NIO, () -> { });
    }

    /**
     * A link that also calls {@code wrongInstance} (once, on its event loop) when the master has another metaid; the
     * daemon exits then, as MooseFS's chunkserver does. {@code loop} runs on {@code transport}.
     */
    public MasterLink(Path dataDir, EventLoop loop, Transport transport, Runnable wrongInstance) throws IOException {
        this.dataDir = dataDir;
        this.loop = loop;
        this.transport = transport;
        this.identity = ChunkserverIdentity.load(dataDir);
        this.wrongInstance = wrongInstance;
    }

    /** The metaid this server belongs to (0 before the first registration), for the storage's disk check. */
    public long storedMetaId() {
        return identity.metaId();
    }

    /** Starts connecting; {@code storage} must be open (with this link as its listener). */
    public void start(MasterLinkSettings settings, ChunkStorage storage, Replicator replicator) {
        this.settings = settings;
        this.storage = storage;
        this.replicator = replicator;
        loop.execute(this::connect);
    }

    /** True once a registration completed (for readiness checks and tests). */
    public boolean hasRegistered() {
        return registeredOnce;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        InetSocketAddress master = new InetSocketAddress(settings.masterHost(), settings.masterPort());
        if (master.isUnresolved()) {
            log.warn("cannot resolve master host {}", settings.masterHost());
            scheduleReconnect();
            return;
        }
        Bootstrap b = new Bootstrap().group(loop).channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int timeout = settings.initialTimeoutSeconds();
                        ch.pipeline().addLast("frames", new FrameDecoder(PeerLink.MASTER_TO_CHUNKSERVER));
                        ch.pipeline().addLast("frameEncoder", FRAME_ENCODER);
                        ch.pipeline().addLast("messageEncoder", MESSAGE_ENCODER);
                        ch.pipeline().addLast(MasterSession.IDLE_HANDLER,
                                new IdleStateHandler(timeout, Math.max(1, timeout / 3), 0));
                        ch.pipeline().addLast("master", new MasterSession(MasterLink.this, settings, storage,
                                new MasterCommands(storage, replicator)));
                    }
                });
        settings.bindHost().ifPresent(h -> b.localAddress(new InetSocketAddress(h, 0)));
        log.info("connecting to master {}", master);
        b.connect(master).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                log.warn("cannot connect to master {}: {}", master, f.cause().getMessage());
                scheduleReconnect();
                return;
            }
            if (stopped) {
                f.channel().close();
                return;
            }
            channel = f.channel();
            channel.closeFuture().addListener(cf -> connectionEnded());
        });
    }

    private void connectionEnded() {
        channel = null;
        session = null;
        connecting = null;
        if (!stopped && !refused) {
            log.warn("connection to master lost; reconnecting in {} s", settings.reconnectDelay().toSeconds());
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (!stopped) {
            loop.schedule(this::connect, Math.max(100, settings.reconnectDelay().toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    // ------------------------------------------------------------------ called by the session (on the loop)

    ChunkserverIdentity identity() {
        return identity;
    }

    ExecutorService io() {
        return io;
    }

    /** The master's ACK arrived: false (and the link stops for good) when it belongs to another instance. */
    boolean acceptMaster(int csId, long metaId) {
        if (metaId != 0 && identity.metaId() != 0 && metaId != identity.metaId()) {
            refuse(String.format("the master's meta data id %016X differs from %016X in %s", metaId,
                    identity.metaId(), ChunkserverIdentity.FILE_NAME));
            return false;
        }
        long diskMetaId = storage.diskMetaId().orElse(0);
        if (metaId != 0 && identity.metaId() == 0 && diskMetaId != 0 && metaId != diskMetaId) {
            refuse(String.format("the master's meta data id %016X differs from %016X in the disks' .metaid", metaId,
                    diskMetaId));
            return false;
        }
        ChunkserverIdentity updated = identity.merge(csId, metaId);
        if (!updated.equals(identity)) {
            identity = updated;
            io.execute(() -> {
                try {
                    updated.store(dataDir);
                    if (updated.metaId() != 0) {
                        storage.setMetaId(updated.metaId());
                    }
                } catch (IOException e) {
                    log.warn("cannot store the chunkserver id: {}", e.getMessage());
                }
            });
        }
        return true;
    }

    private void refuse(String why) {
        log.error("refusing master: {}; not connecting again", why);
        refused = true;
        stopped = true;
        wrongInstance.run();
    }

    void sessionStarted(MasterSession s) {
        connecting = s;
    }

    void registered(MasterSession s) {
        session = s;
        registeredOnce = true;
        if (!damagedWhileAway.isEmpty()) {
            s.reportDamaged(List.copyOf(damagedWhileAway));
            damagedWhileAway.clear();
        }
    }

    // ------------------------------------------------------------------ storage events (storage threads)

    @Override
    public void chunkFound(ChunkInfo chunk) {
        loop.execute(() -> {
            // without a connection the next registration lists it anyway
            if (connecting != null) {
                connecting.chunkFound(chunk);
            }
        });
    }

    @Override
    public void chunkDamaged(long chunkId) {
        loop.execute(() -> {
            if (session != null) {
                session.reportDamaged(List.of(chunkId));
            } else {
                damagedWhileAway.add(chunkId);
            }
        });
    }

    @Override
    public void chunksLost(List<Long> chunkIds) {
        loop.execute(() -> {
            if (session != null) {
                session.reportLost(chunkIds);
            }
        });
    }

    /** Says goodbye to the master (CSTOMA_REGISTER rver 63) and stops reconnecting. */
    @Override
    public void close() {
        try {
            loop.submit(() -> {
                stopped = true;
                if (session != null) {
                    session.disconnect();
                } else if (channel != null) {
                    channel.close();
                }
            }).await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdown();
    }
}
