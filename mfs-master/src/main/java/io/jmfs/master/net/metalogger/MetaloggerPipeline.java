package io.jmfs.master.net.metalogger;

import io.jmfs.protocol.wire.FrameDecoder;
import io.jmfs.protocol.wire.MessageEncoder;
import io.jmfs.protocol.wire.PeerLink;
import io.jmfs.protocol.wire.TypedMessageDecoder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import java.util.Objects;

/**
 * The pipeline of one metalogger connection: frames (at most {@link PeerLink#METALOGGER_TO_MASTER} bytes), typed
 * packets, the connection's {@link MetaloggerSession}; an idle timer for the NOPs and the dead-peer timeout
 * (re-armed with the timeout the metalogger registers with). The channel must be registered on the metadata loop.
 */
@ChannelHandler.Sharable
public final class MetaloggerPipeline extends ChannelInitializer<SocketChannel> {
    static final String IDLE_HANDLER = "idle";
    private static final MessageEncoder ENCODER = new MessageEncoder();

    private final MetaloggerHub hub;

    public MetaloggerPipeline(MetaloggerHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        configure(channel.pipeline(), hub);
    }

    static void configure(ChannelPipeline pipeline, MetaloggerHub hub) {
        pipeline.addLast(IDLE_HANDLER, MetaloggerSession.idleHandler(MetaloggerSession.DEFAULT_TIMEOUT_SECONDS, false))
                .addLast(new FrameDecoder(PeerLink.METALOGGER_TO_MASTER))
                .addLast(new TypedMessageDecoder<>(MetaloggerInbound::decode))
                .addLast(ENCODER)
                .addLast(new MetaloggerSession(hub));
    }
}
