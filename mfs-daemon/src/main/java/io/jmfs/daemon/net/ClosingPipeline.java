package io.jmfs.daemon.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of a listener whose protocol is not served yet: the connection is logged and closed at once, so a
 * peer sees a refusal rather than a silent socket.
 */
@ChannelHandler.Sharable
public final class ClosingPipeline extends ChannelInitializer<SocketChannel> {

    private static final Logger log = LoggerFactory.getLogger(ClosingPipeline.class);

    private final String what;

    /** @param what the protocol not served, for the log line */
    public ClosingPipeline(String what) {
        this.what = what;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        log.warn("closing connection from {}: {} is not served by this build", channel.remoteAddress(), what);
        channel.close();
    }
}
