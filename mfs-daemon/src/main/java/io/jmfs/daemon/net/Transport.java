package io.jmfs.daemon.net;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.function.Supplier;

/**
 * The Netty transport of a group of event loops, which the channels registered on it must share: Linux's native
 * epoll, or the JDK's NIO selector. Native epoll spares each wake-up of a loop the JDK selector's bookkeeping; on
 * the master's metadata loop that made metadata operations 5–10 % faster (docs/benchmarks.md), and it lowers the
 * chunkserver's CPU per forwarded block.
 */
public enum Transport {
    NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class),
    EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class);

    /** The system property that picks NIO even where epoll loads ({@code -Djmfs.transport=nio}). */
    public static final String PROPERTY = "jmfs.transport";

    private final Supplier<IoHandlerFactory> ioHandlerFactory;
    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends SocketChannel> socketChannel;

    Transport(Supplier<IoHandlerFactory> ioHandlerFactory, Class<? extends ServerChannel> serverChannel,
              Class<? extends SocketChannel> socketChannel) {
        this.ioHandlerFactory = ioHandlerFactory;
        this.serverChannel = serverChannel;
        this.socketChannel = socketChannel;
    }

    public IoHandlerFactory ioHandlerFactory() {
        return ioHandlerFactory.get();
    }

    public Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /** The class of the outgoing connections a loop of this transport can serve. */
    public Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    /**
     * The transport {@code channel} runs on: an outgoing connection opened on the same event loop (the next
     * chunkserver of a write chain) must be of the same kind.
     */
    public static Transport of(Channel channel) {
        return channel instanceof EpollSocketChannel || channel instanceof EpollServerSocketChannel ? EPOLL : NIO;
    }

    /** Epoll where its native library loads (Linux on x86-64), NIO otherwise or when {@link #PROPERTY} says nio. */
    public static Transport preferred() {
        if ("nio".equalsIgnoreCase(System.getProperty(PROPERTY, "")) || !Epoll.isAvailable()) {
            return NIO;
        }
        return EPOLL;
    }
}
