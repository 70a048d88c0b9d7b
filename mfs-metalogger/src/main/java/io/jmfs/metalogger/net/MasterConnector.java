package io.jmfs.metalogger.net;

import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.common.CommonMessage.Nop;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the metalogger connected to its master on its own thread: connect, run {@link MetaloggerSync} until the
 * link fails (a dead master is one silent for the timeout), wait the reconnection delay, again. It sends a NOP
 * when it has written nothing for a third of the timeout, as the master expects.
 */
public final class MasterConnector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MasterConnector.class);

    /** Where and how to connect; {@code host} is resolved again on every attempt. */
    public record Target(String host, int port, Optional<String> bindHost, Duration timeout,
                         Duration reconnectionDelay) {}

    private final Target target;
    private final MetaloggerSync sync;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile MasterSocket current;

    public MasterConnector(Target target, MetaloggerSync sync) {
        this.target = target;
        this.sync = sync;
        this.thread = Thread.ofPlatform().name("master-link").daemon(true).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        while (stopping.getCount() > 0) {
            try (MasterSocket socket = connect()) {
                current = socket;
                if (stopping.getCount() == 0) {
                    return;
                }
                log.info("connected to the master at {}:{}", target.host(), target.port());
                serve(socket);
            } catch (SessionEnded e) {
                log.warn("leaving the master: {}", e.getMessage());
            } catch (MalformedPacketException e) {
                log.warn("leaving the master after a malformed packet: {}", e.getMessage());
            } catch (IOException e) {
                if (stopping.getCount() > 0) {
                    log.warn("master {}:{}: {}", target.host(), target.port(), e.toString());
                }
            } catch (RuntimeException e) {
                log.error("metalogger link failed", e);
            } finally {
                current = null;
                sync.disconnected();
            }
            try {
                if (stopping.await(target.reconnectionDelay().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private MasterSocket connect() throws IOException {
        InetSocketAddress master = new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
        Optional<InetSocketAddress> bind = target.bindHost().map(h -> new InetSocketAddress(h, 0));
        Duration poll = target.timeout().dividedBy(10);
        return MasterSocket.connect(master, bind, target.timeout(), poll);
    }

    private void serve(MasterSocket socket) throws IOException, MalformedPacketException, SessionEnded {
        long timeoutNanos = target.timeout().toNanos();
        sync.connected(socket::send);
        long lastRead = System.nanoTime();
        while (stopping.getCount() > 0) {
            Optional<Object> message = socket.receive();
            long now = System.nanoTime();
            if (message.isPresent()) {
                lastRead = now;
                if (message.get() instanceof MasterToMetalogger m) {
                    sync.received(m);
                }
            } else if (now - lastRead > timeoutNanos) {
                throw new SessionEnded("the master has been silent for " + target.timeout().toSeconds() + " s");
            }
            if (!socket.hasBufferedInput()) {
                sync.idle();
            }
            if (now - socket.lastWriteNanos() > timeoutNanos / 3) {
                socket.send(new Nop());
            }
            sync.tick(now);
        }
    }

    /** Stops the link thread and waits for it; the store is left flushed. */
    @Override
    public void close() {
        stopping.countDown();
        MasterSocket socket = current;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing only to wake the thread
            }
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
