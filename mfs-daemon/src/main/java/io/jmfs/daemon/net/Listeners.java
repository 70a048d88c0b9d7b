package io.jmfs.daemon.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's bound listening sockets. {@link #bind} binds every spec or, if one fails, closes those already bound
 * and reports which one failed and why, so a daemon never runs half-listening. Closing stops accepting; open
 * connections belong to the event loops and end when the caller shuts those down.
 */
public final class Listeners implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final Map<String, Channel> channels;

    private Listeners(Map<String, Channel> channels) {
        this.channels = channels;
    }

    /**
     * Binds all {@code specs}, accepting on {@code acceptGroup} and serving connections on {@code ioGroup}; both
     * groups run on {@code transport}.
     *
     * @throws IOException naming the listener, its address and the cause when any bind fails
     */
    public static Listeners bind(List<ListenerSpec> specs, EventLoopGroup acceptGroup, EventLoopGroup ioGroup,
                                 Transport transport) throws IOException, InterruptedException {
        Objects.requireNonNull(specs, "specs");
        Map<String, Channel> bound = new java.util.LinkedHashMap<>();
        for (ListenerSpec spec : specs) {
            if (bound.containsKey(spec.name())) {
                closeAll(new ArrayList<>(bound.values()));
                throw new IllegalArgumentException("two listeners named " + spec.name());
            }
            ChannelFuture future;
            try {
                future = new ServerBootstrap()
                        .group(acceptGroup, ioGroup)
                        .channel(transport.serverChannel())
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.SO_KEEPALIVE, true)
                        .childHandler(spec.pipeline())
                        .bind(spec.bindAddress())
                        .await();
            } catch (RuntimeException e) { // unresolvable host names surface here
                closeAll(new ArrayList<>(bound.values()));
                throw new IOException("can't listen for " + spec.name() + " on " + spec.describe() + ": " + e.getMessage(), e);
            }
            if (!future.isSuccess()) {
                closeAll(new ArrayList<>(bound.values()));
                Throwable cause = future.cause();
                throw new IOException("can't listen for " + spec.name() + " on " + spec.describe() + ": "
                        + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
            }
            bound.put(spec.name(), future.channel());
            log.info("listening for {} on {}", spec.name(), future.channel().localAddress());
        }
        return new Listeners(bound);
    }

    /** The address a listener is bound to (its real port when the spec said 0). */
    public InetSocketAddress address(String name) {
        Channel channel = channels.get(name);
        if (channel == null) {
            throw new IllegalArgumentException("no listener named " + name + "; have " + channels.keySet());
        }
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops accepting on every listener and waits until the sockets are closed. */
    @Override
    public void close() {
        closeAll(new ArrayList<>(channels.values()));
    }

    private static void closeAll(List<Channel> channels) {
        for (Channel channel : channels) {
            if (!channel.close().awaitUninterruptibly(10, TimeUnit.SECONDS)) {
                log.warn("listening socket {} did not close within 10 s", channel.localAddress());
            }
        }
    }
}
