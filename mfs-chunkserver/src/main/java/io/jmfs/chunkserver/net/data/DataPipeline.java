package io.jmfs.chunkserver.net.data;

import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.protocol.wire.FrameDecoder;
import io.jmfs.protocol.wire.FrameEncoder;
import io.jmfs.protocol.wire.MessageEncoder;
import io.jmfs.protocol.wire.PeerLink;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.Objects;

/** The pipeline of every accepted 9422 connection. */
public final class DataPipeline extends ChannelInitializer<SocketChannel> {
    /**
     * An idle connection is closed after this long without input. MooseFS closes after 5 s; clients that cache
     * connections keep them alive with NOPs every 0.5 s, so a little more slack costs nothing.
     */
    static final int IDLE_CLOSE_SECONDS = 10;

    private static final FrameEncoder FRAME_ENCODER = new FrameEncoder();
    private static final MessageEncoder MESSAGE_ENCODER = new MessageEncoder();

    private final ChunkStorage storage;

    public DataPipeline(ChunkStorage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        addCodec(ch.pipeline());
        ch.pipeline().addLast("idle", new IdleStateHandler(IDLE_CLOSE_SECONDS, 0, 0));
        ch.pipeline().addLast("data", new DataConnectionHandler(storage));
    }

    /** Framing of the data port, for both accepted connections and the ones this server opens. */
    public static void addCodec(ChannelPipeline p) {
        p.addLast("frames", new FrameDecoder(PeerLink.DATA));
        p.addLast("frameEncoder", FRAME_ENCODER);
        p.addLast("messageEncoder", MESSAGE_ENCODER);
    }
}
