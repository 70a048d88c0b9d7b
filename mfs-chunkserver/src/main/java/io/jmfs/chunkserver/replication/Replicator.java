package io.jmfs.chunkserver.replication;

import io.jmfs.chunkserver.net.data.DataPipeline;
import io.jmfs.chunkserver.net.data.Ipv4;
import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.daemon.net.Transport;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.MfsStatus;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a local copy of a chunk from another chunkserver (MATOCS_REPLICATE). The copy is created as version 0,
 * filled block by block as the source sends them, and committed to the requested version only after the source's
 * READ_STATUS said OK and every local write succeeded; any failure deletes the partial copy. The result is the
 * status CSTOMA_REPLICATE reports.
 */
public final class Replicator {
    private static final Logger log = LoggerFactory.getLogger(Replicator.class);
    static final int CONNECT_TIMEOUT_MILLIS = 5000;
    static final int READ_TIMEOUT_SECONDS = 30;

    private final ChunkStorage storage;
    private final EventLoopGroup loops;
    private final Transport transport;

    public Replicator(ChunkStorage storage, EventLoopGroup loops) {
        this(storage, loops, Transport.NIO);
    }

    /** A replicator that connects to source chunkservers on {@code loops}, which run on {@code transport}. */
    public Replicator(ChunkStorage storage, EventLoopGroup loops, Transport transport) {
        this.storage = storage;
        this.loops = loops;
        this.transport = transport;
    }

    /** Copies chunk {@code chunkId} in version {@code version} from {@code sourceIp:sourcePort}. */
    public CompletableFuture<MfsStatus> replicate(long chunkId, int version, int sourceIp, int sourcePort) {
        InetSocketAddress source = Ipv4.socketAddress(sourceIp, sourcePort);
        log.info("replicating chunk {} v{} from {}", Long.toHexString(chunkId), version, source);
        CompletableFuture<MfsStatus> done = new CompletableFuture<>();
        storage.create(chunkId, 0).whenComplete((created, err) -> {
            if (err != null || !created.isOk()) {
                MfsStatus status = err != null ? MfsStatus.IO : created;
                log.warn("replication of chunk {}: cannot create the local copy: {}", Long.toHexString(chunkId), status);
                done.complete(status);
                return;
            }
            fetch(chunkId, version, source).whenComplete((fetched, ferr) -> {
                MfsStatus status = ferr != null ? MfsStatus.IO : fetched;
                if (status.isOk()) {
                    storage.setVersion(chunkId, version, 0).whenComplete((committed, cerr) -> {
                        MfsStatus result = cerr != null ? MfsStatus.IO : committed;
                        if (!result.isOk()) {
                            storage.delete(chunkId, 0);
                        }
                        done.complete(result);
                    });
                } else {
                    log.warn("replication of chunk {} from {} failed: {}", Long.toHexString(chunkId), source, status);
                    storage.delete(chunkId, 0).whenComplete((d, derr) -> done.complete(status));
                }
            });
        });
        return done;
    }

    private CompletableFuture<MfsStatus> fetch(long chunkId, int version, InetSocketAddress source) {
        SourceSession session = new SourceSession(storage, chunkId, version);
        Bootstrap b = new Bootstrap().group(loops).channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        DataPipeline.addCodec(ch.pipeline());
                        ch.pipeline().addLast("timeout", new ReadTimeoutHandler(READ_TIMEOUT_SECONDS));
                        ch.pipeline().addLast("replication", session);
                    }
                });
        b.connect(source).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                session.result().complete(MfsStatus.CANTCONNECT);
            }
        });
        return session.result();
    }

    /** Bytes a READ of {@code blocks} whole blocks asks for. */
    static int readSize(int blocks) {
        return blocks * ChunkGeometry.BLOCK_SIZE;
    }
}
