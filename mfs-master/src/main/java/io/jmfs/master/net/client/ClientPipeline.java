package io.jmfs.master.net.client;

import io.jmfs.protocol.wire.FrameDecoder;
import io.jmfs.protocol.wire.MessageEncoder;
import io.jmfs.protocol.wire.PeerLink;
import io.jmfs.protocol.wire.TypedMessageDecoder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Objects;

/**
 * The pipeline of one client connection: frames (at most {@link PeerLink#CLIENT_TO_MASTER} bytes), typed
 * requests, the connection's handler, typed replies; an idle timer sends the 1-second NOPs mounts expect and
 * drops peers silent for {@value #READ_TIMEOUT_SECONDS} s. The channel must be registered on the metadata loop.
 */
@ChannelHandler.Sharable
public final class ClientPipeline extends ChannelInitializer<SocketChannel> {

    /** MooseFS drops a client it has not heard from for this long (mounts send a NOP every 2 s when idle). */
    static final int READ_TIMEOUT_SECONDS = 10;
    private static final int NOP_AFTER_SECONDS = 1;
    private static final MessageEncoder ENCODER = new MessageEncoder();

    private final ClientServices services;

    public ClientPipeline(ClientServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline().addLast(
                new IdleStateHandler(READ_TIMEOUT_SECONDS, NOP_AFTER_SECONDS, 0),
                new FrameDecoder(PeerLink.CLIENT_TO_MASTER),
                new TypedMessageDecoder<>(ClientInbound::decode),
                ENCODER,
                new ClientConnection(services));
    }
}
