package io.jmfs.master.net.chunkserver;

import io.jmfs.master.chunks.ChunkManager;
import io.jmfs.protocol.wire.FrameDecoder;
import io.jmfs.protocol.wire.MessageEncoder;
import io.jmfs.protocol.wire.PeerLink;
import io.jmfs.protocol.wire.TypedMessageDecoder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The pipeline of one chunkserver connection: frames (at most {@link PeerLink#CHUNKSERVER_TO_MASTER} bytes), typed
 * packets, the connection's {@link ChunkserverSession}, typed commands; an idle timer for the NOPs and the
 * dead-peer timeout (re-armed with the timeout the server asks for when it registers). The channel must be
 * registered on the metadata loop.
 */
@ChannelHandler.Sharable
public final class ChunkserverPipeline extends ChannelInitializer<SocketChannel> {
    static final String IDLE_HANDLER = "idle";
    private static final MessageEncoder ENCODER = new MessageEncoder();

    private final ChunkManager chunks;
    private final ChunkserverLinks links;
    private final LongSupplier metaId;

    /**
     * @param chunks the chunk layer the servers report to
     * @param links the gateway the chunk layer sends its commands through
     * @param metaId this master's metadata id, sent in the registration acknowledgement
     */
    public ChunkserverPipeline(ChunkManager chunks, ChunkserverLinks links, LongSupplier metaId) {
        this.chunks = Objects.requireNonNull(chunks, "chunks");
        this.links = Objects.requireNonNull(links, "links");
        this.metaId = Objects.requireNonNull(metaId, "metaId");
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        configure(channel.pipeline(), chunks, links, metaId.getAsLong());
    }

    /** Adds the handlers of one chunkserver connection to {@code pipeline} (any channel type, tests included). */
    static void configure(ChannelPipeline pipeline, ChunkManager chunks, ChunkserverLinks links, long metaId) {
        pipeline.addLast(IDLE_HANDLER, ChunkserverSession.idleHandler(ChunkserverSession.DEFAULT_TIMEOUT_SECONDS))
                .addLast(new FrameDecoder(PeerLink.CHUNKSERVER_TO_MASTER))
                .addLast(new TypedMessageDecoder<>(ChunkserverInbound::decode))
                .addLast(ENCODER)
                .addLast(new ChunkserverSession(chunks, links, metaId));
    }
}
