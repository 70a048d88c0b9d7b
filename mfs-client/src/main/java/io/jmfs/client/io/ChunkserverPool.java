package io.jmfs.client.io;

import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.wire.PeerLink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Connections to chunkservers (port 9422), kept after a clean read so the next read skips the TCP handshake. A
 * chunkserver drops a connection that stays idle for 5 s, so only connections idle for less than 2 s are reused;
 * a connection that saw an error is never given back.
 */
public final class ChunkserverPool implements AutoCloseable {
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int MAX_IDLE_PER_SERVER = 8;

    private record Idle(FramedSocket socket, long sinceNanos) {}

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Map<InetSocketAddress, Deque<Idle>> idle = new HashMap<>();
    private boolean closed;

    public ChunkserverPool(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    public ChunkserverPool() {
        this(Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    public static InetSocketAddress address(ChunkLocation location) {
        int ip = location.ip();
        byte[] b = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(b), location.port());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }

    /** A connection to {@code address}: a recently idle one, or a new one. */
    public FramedSocket borrow(InetSocketAddress address) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("chunkserver pool closed");
            }
            Deque<Idle> q = idle.get(address);
            while (q != null && !q.isEmpty()) {
                Idle i = q.pollLast();
                if (System.nanoTime() - i.sinceNanos < MAX_IDLE_NANOS) {
                    return i.socket;
                }
                i.socket.close();
            }
        }
        return FramedSocket.connect(address, PeerLink.DATA, connectTimeout, readTimeout);
    }

    /** Returns a connection whose last operation ended cleanly. */
    public void giveBack(InetSocketAddress address, FramedSocket socket) {
        synchronized (this) {
            Deque<Idle> q = idle.computeIfAbsent(address, a -> new ArrayDeque<>());
            if (!closed && q.size() < MAX_IDLE_PER_SERVER) {
                q.addLast(new Idle(socket, System.nanoTime()));
                return;
            }
        }
        socket.close();
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.values().forEach(q -> q.forEach(i -> i.socket.close()));
        idle.clear();
    }
}
