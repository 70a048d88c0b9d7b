package io.jmfs.client.io;

import io.jmfs.protocol.wire.MessageEncoder;
import io.jmfs.protocol.wire.PeerLink;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * A blocking TCP connection that speaks MooseFS frames ({@code type:32 length:32 payload}). The client uses plain
 * sockets rather than an event loop: each connection has exactly one reader, and blocking code keeps the
 * failover and retry logic readable. Sending is safe from several threads; receiving is for one thread only.
 */
public final class FramedSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final PeerLink link;
    private final String peer;
    private volatile long lastSendNanos = System.nanoTime();

    private FramedSocket(Socket socket, PeerLink link) throws IOException {
        this.socket = socket;
        this.link = link;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 256 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 256 * 1024);
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
    }

    /** Connects with a bounded connect time; reads then block at most {@code readTimeout}. */
    public static FramedSocket connect(InetSocketAddress address, PeerLink link, Duration connectTimeout,
                                       Duration readTimeout) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setReceiveBufferSize(1 << 20);
            s.setSendBufferSize(1 << 20);
            s.connect(address, Math.toIntExact(connectTimeout.toMillis()));
            s.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            return new FramedSocket(s, link);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Wraps an accepted socket (fake peers in tests). */
    public static FramedSocket wrap(Socket socket, PeerLink link) throws IOException {
        socket.setTcpNoDelay(true);
        return new FramedSocket(socket, link);
    }

    /** Writes one frame and flushes it. */
    public void send(WireMessage message) throws IOException {
        ByteBuf frame = Unpooled.buffer(64);
        try {
            MessageEncoder.writeFrame(message, frame);
            synchronized (out) {
                frame.readBytes(out, frame.readableBytes());
                out.flush();
            }
            lastSendNanos = System.nanoTime();
        } finally {
            frame.release();
        }
    }

    /** Writes several frames with one flush (a burst of write-data packets). */
    public void sendAll(Iterable<? extends WireMessage> messages) throws IOException {
        ByteBuf frame = Unpooled.buffer(80 * 1024);
        try {
            synchronized (out) {
                for (WireMessage m : messages) {
                    frame.clear();
                    MessageEncoder.writeFrame(m, frame);
                    frame.readBytes(out, frame.readableBytes());
                }
                out.flush();
            }
            lastSendNanos = System.nanoTime();
        } finally {
            frame.release();
        }
    }

    /** Reads the next frame; a length above the link's limit is a broken peer. */
    public RawPacket receive() throws IOException {
        int type = in.readInt();
        long length = Integer.toUnsignedLong(in.readInt());
        if (length > link.maxPayload()) {
            throw new IOException(peer + " sent a frame of " + length + " bytes, more than " + link.maxPayload()
                    + " allowed on " + link);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new RawPacket(type, payload);
    }

    public void readTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
    }

    /** Nanos since the last frame went out (for keepalive NOPs). */
    public long nanosSinceLastSend() {
        return System.nanoTime() - lastSendNanos;
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    public String peer() {
        return peer;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket has nothing left to report
        }
    }
}
