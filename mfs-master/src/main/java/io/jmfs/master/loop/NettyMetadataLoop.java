package io.jmfs.master.loop;

import io.jmfs.daemon.net.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata loop as a single-thread Netty event loop: the master's listeners register their connections on
 * {@link #group()}, so network I/O, request handling and timers share the one thread that owns the metadata.
 */
public final class NettyMetadataLoop implements MetadataLoop, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NettyMetadataLoop.class);

    private final EventLoopGroup group;
    private final Transport transport;

    /** A loop on the {@link Transport#preferred() preferred} transport (native epoll on Linux). */
    public NettyMetadataLoop(String threadName) {
        this(threadName, Transport.preferred());
    }

    /** @param threadName the thread's name (shows in thread dumps and logs) */
    public NettyMetadataLoop(String threadName, Transport transport) {
        this.transport = transport;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName),
                transport.ioHandlerFactory());
        log.debug("{} runs on {}", threadName, transport);
    }

    /** The transport of {@link #group()}: channels registered on it must use the same. */
    public Transport transport() {
        return transport;
    }

    /** The group to register connections on: exactly one event loop. */
    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void execute(Runnable task) {
        group.next().execute(guarded(task));
    }

    @Override
    public boolean inLoop() {
        return group.next().inEventLoop();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        Future<?> f = group.next().schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Timer every(Duration period, Runnable task) {
        long nanos = period.toNanos();
        Future<?> f = group.next().scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Runs {@code task} on the loop and waits for it; for start-up and tests, never from the loop itself. */
    public void runAndWait(Runnable task) throws InterruptedException {
        if (inLoop()) {
            throw new IllegalStateException("runAndWait would deadlock on the metadata thread");
        }
        group.next().submit(task).sync(); // rethrows what the task threw
    }

    /** Stops the loop (closing every connection registered on it) and waits for the thread to end. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (!group.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            log.warn("the metadata loop did not stop within 10 s");
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("task on the metadata loop failed", e);
            }
        };
    }
}
