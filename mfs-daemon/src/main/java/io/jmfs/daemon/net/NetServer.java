package io.jmfs.daemon.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The network side of a daemon: its event loops and listening sockets, started together and stopped together.
 * One thread accepts; {@code ioThreads} (or a group the caller provides) serve the connections.
 */
public final class NetServer implements AutoCloseable {

    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final Listeners listeners;
    private final boolean ownsIoGroup;

    private NetServer(EventLoopGroup acceptGroup, EventLoopGroup ioGroup, Listeners listeners, boolean ownsIoGroup) {
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.listeners = listeners;
        this.ownsIoGroup = ownsIoGroup;
    }

    /**
     * Starts event loops named after {@code daemonName} and binds every spec.
     *
     * @param ioThreads connection threads; 0 for Netty's default (twice the processors)
     * @throws IOException naming the listener that could not be bound; nothing is left running then
     */
    public static NetServer start(String daemonName, List<ListenerSpec> specs, int ioThreads)
            throws IOException, InterruptedException {
        return start(daemonName, specs, ioThreads, Transport.NIO);
    }

    /** Like {@link #start(String, List, int)}, on {@code transport}. */
    public static NetServer start(String daemonName, List<ListenerSpec> specs, int ioThreads, Transport transport)
            throws IOException, InterruptedException {
        EventLoopGroup acceptGroup = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory(daemonName + "-accept"), transport.ioHandlerFactory());
        EventLoopGroup ioGroup = new MultiThreadIoEventLoopGroup(ioThreads,
                new DefaultThreadFactory(daemonName + "-io"), transport.ioHandlerFactory());
        try {
            return new NetServer(acceptGroup, ioGroup, Listeners.bind(specs, acceptGroup, ioGroup, transport),
                    true);
        } catch (IOException | InterruptedException | RuntimeException e) {
            shutDown(acceptGroup, ioGroup);
            throw e;
        }
    }

    /**
     * Like {@link #start(String, List, int)}, but serves every connection on {@code ioGroup}, which runs on
     * {@code transport} and which the caller owns and shuts down itself (the master registers all its connections on
     * its single metadata loop).
     */
    public static NetServer start(String daemonName, List<ListenerSpec> specs, EventLoopGroup ioGroup,
                                  Transport transport) throws IOException, InterruptedException {
        EventLoopGroup acceptGroup = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory(daemonName + "-accept"), transport.ioHandlerFactory());
        try {
            return new NetServer(acceptGroup, ioGroup, Listeners.bind(specs, acceptGroup, ioGroup, transport), false);
        } catch (IOException | InterruptedException | RuntimeException e) {
            shutDown(acceptGroup);
            throw e;
        }
    }

    /** The address a listener is bound to. */
    public InetSocketAddress address(String listenerName) {
        return listeners.address(listenerName);
    }

    /** Closes the listening sockets, then every connection, and waits for the event loops to end. */
    @Override
    public void close() {
        listeners.close();
        if (ownsIoGroup) {
            shutDown(acceptGroup, ioGroup);
        } else {
            shutDown(acceptGroup);
        }
    }

    private static void shutDown(EventLoopGroup... groups) {
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        for (EventLoopGroup group : groups) {
            group.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
