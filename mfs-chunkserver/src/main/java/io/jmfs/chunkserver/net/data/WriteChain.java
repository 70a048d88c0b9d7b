package io.jmfs.chunkserver.net.data;

import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.daemon.net.Transport;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.data.DataMessage;
import io.jmfs.protocol.msg.data.DataMessages;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One write session on a 9422 connection: this server's copy plus, when the client named further copies, a
 * connection to the next server of the chain, which gets the same WRITE minus its own entry and then every
 * WRITE_DATA.
 *
 * <p>The chain is ready (status for write id 0) once the chunk is known here with the right version and the next
 * server said its part of the chain is ready. Each WRITE_DATA is forwarded and written locally; its status goes back
 * only when both finished, in the order the data arrived, and is the first failure of the two. WRITE_FINISH is
 * forwarded and closes the chunk; it has no answer.
 *
 * <p>MooseFS clients do not wait for the status of write id 0: they send WRITE and their first WRITE_DATA packets
 * back to back. Data (and a WRITE_FINISH) arriving while the chain is still opening is therefore held and handled
 * in order once it is ready; only data for a chain that failed to open is refused with NOTOPENED.
 *
 * <p>Event-loop confined (the upstream connection's loop, which also runs the downstream connection).
 */
final class WriteChain {
    private static final Logger log = LoggerFactory.getLogger(WriteChain.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final ChannelHandlerContext upstream;
    private final ChunkStorage storage;
    private final DataMessage.Write request;
    private final Deque<Pending> pending = new ArrayDeque<>();
    /** WRITE_DATA that arrived while the chain was opening, in arrival order. */
    private final Deque<BlockWrite> early = new ArrayDeque<>();
    private boolean finishWhenReady;
    private Channel downstream;
    private boolean downstreamLost;
    private boolean ready;
    private boolean finished;

    /** One WRITE_DATA waiting for its local write and, in a chain, for the next server's status. */
    private static final class Pending {
        final int writeId;
        MfsStatus local;
        MfsStatus remote;

        Pending(int writeId, boolean chained) {
            this.writeId = writeId;
            this.remote = chained ? null : MfsStatus.OK;
        }

        boolean done() {
            return local != null && remote != null;
        }

        MfsStatus status() {
            return !local.isOk() ? local : remote;
        }
    }

    WriteChain(ChannelHandlerContext upstream, ChunkStorage storage, DataMessage.Write request) {
        this.upstream = upstream;
        this.storage = storage;
        this.request = request;
    }

    long chunkId() {
        return request.chunkId();
    }

    /** Checks the local copy, then opens the rest of the chain. */
    void open() {
        storage.blocks(request.chunkId(), request.version()).whenComplete((res, err) -> upstream.executor().execute(() -> {
            MfsStatus status = err != null ? MfsStatus.IO : res.status();
            if (finished) {
                return;
            }
            if (!status.isOk()) {
                log.info("write to chunk {} v{} refused: {}", Long.toHexString(chunkId()), request.version(), status);
                chainReady(status);
                return;
            }
            if (request.chain().isEmpty()) {
                chainReady(MfsStatus.OK);
            } else {
                connectNext();
            }
        }));
    }

    private void connectNext() {
        DataMessage.ChainLink next = request.chain().getFirst();
        InetSocketAddress address = Ipv4.socketAddress(next.ip(), next.port());
        List<DataMessage.ChainLink> rest = request.chain().subList(1, request.chain().size());
        Bootstrap b = new Bootstrap().group(upstream.channel().eventLoop())
                .channel(Transport.of(upstream.channel()).socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        DataPipeline.addCodec(ch.pipeline());
                        ch.pipeline().addLast("chain", new DownstreamHandler(WriteChain.this));
                    }
                });
        b.connect(address).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                log.warn("chunk {}: cannot connect to the next chunkserver {}: {}", Long.toHexString(chunkId()),
                        address, f.cause().toString());
                chainReady(MfsStatus.CANTCONNECT);
                return;
            }
            if (finished) {
                f.channel().close();
                return;
            }
            downstream = f.channel();
            downstream.writeAndFlush(new DataMessage.Write(true, chunkId(), request.version(), rest));
        });
    }

    /** The next server answered for write id 0 (or could not be reached). */
    void chainReady(MfsStatus status) {
        if (ready || finished) {
            return;
        }
        ready = status.isOk();
        answer(0, status);
        if (!ready) {
            finished = true;
            releaseEarly();
            closeDownstream();
            return;
        }
        while (!early.isEmpty() && !finished) {
            data(early.poll());
        }
        if (finishWhenReady) {
            finish();
        }
    }

    /** Whether WRITE has been answered (with OK or an error) or the session ended. */
    private boolean opening() {
        return !ready && !finished;
    }

    /** Takes over {@code w}'s reference. */
    void data(BlockWrite w) {
        if (opening()) {
            early.add(w);
            return;
        }
        DataMessages.WriteDataHead d = w.head();
        if (finished) {
            w.release();
            answer(d.writeId(), MfsStatus.NOTOPENED);
            return;
        }
        Pending p = new Pending(d.writeId(), downstream != null);
        pending.add(p);
        if (downstream != null) {
            if (downstreamLost) {
                p.remote = MfsStatus.DISCONNECTED;
            } else {
                downstream.writeAndFlush(w.forward());
            }
        }
        CompletableFuture<MfsStatus> written;
        try {
            written = storage.write(chunkId(), request.version(), d.block(), d.offset(), w.data(), d.crc());
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((status, err) -> {
            w.release();
            upstream.executor().execute(() -> {
                p.local = err != null ? MfsStatus.IO : status;
                if (!p.local.isOk()) {
                    log.warn("chunk {}: write {} (block {}) failed: {}", Long.toHexString(chunkId()), p.writeId,
                            d.block(), p.local);
                }
                drain();
            });
        });
    }

    private void releaseEarly() {
        for (BlockWrite w = early.poll(); w != null; w = early.poll()) {
            w.release();
        }
    }

    /** A NOP from the writer: passed down the chain so that the next server keeps its session too. */
    void nop() {
        if (downstream != null && downstream.isActive()) {
            downstream.writeAndFlush(new io.jmfs.protocol.msg.common.CommonMessage.Nop());
        }
    }

    /** A WRITE_STATUS from the next server. */
    void downstreamStatus(int writeId, MfsStatus status) {
        if (writeId == 0) {
            chainReady(status);
            return;
        }
        for (Pending p : pending) {
            if (p.writeId == writeId && p.remote == null) {
                p.remote = status;
                drain();
                return;
            }
        }
        log.debug("chunk {}: status for unknown write id {} from the next server", Long.toHexString(chunkId()), writeId);
    }

    /** The next server's connection ended. */
    void downstreamClosed() {
        downstreamLost = true;
        if (!ready && !finished) {
            chainReady(MfsStatus.DISCONNECTED);
            return;
        }
        for (Pending p : pending) {
            if (p.remote == null) {
                p.remote = MfsStatus.DISCONNECTED;
            }
        }
        drain();
    }

    private void drain() {
        boolean any = false;
        while (!pending.isEmpty() && pending.peekFirst().done()) {
            Pending p = pending.pollFirst();
            if (upstream.channel().isActive()) {
                upstream.write(new DataMessage.WriteStatus(chunkId(), p.writeId, p.status()));
                any = true;
            }
        }
        if (any) {
            upstream.flush();
        }
        if (finished && pending.isEmpty()) {
            closeDownstream();
        }
    }

    /** WRITE_FINISH: forwarded down the chain, the chunk file closed. No answer. */
    void finish() {
        if (opening()) {
            finishWhenReady = true;
            return;
        }
        if (finished) {
            return;
        }
        finished = true;
        if (downstream != null && downstream.isActive()) {
            downstream.writeAndFlush(new DataMessage.WriteFinish(chunkId(), request.version()));
        }
        storage.close(chunkId());
        drain();
    }

    /** The client went away or started another write: drop the chain. */
    void abort() {
        if (!finished) {
            finished = true;
            storage.close(chunkId());
        }
        pending.clear();
        releaseEarly();
        closeDownstream();
    }

    private void closeDownstream() {
        if (downstream != null) {
            Channel c = downstream;
            downstream = null;
            c.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void answer(int writeId, MfsStatus status) {
        if (upstream.channel().isActive()) {
            upstream.writeAndFlush(new DataMessage.WriteStatus(chunkId(), writeId, status));
        }
    }
}
