package io.jmfs.client.io;

import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.MessageType;
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
import java.nio.ByteBuffer;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.zip.CRC32;

/**
 * A blocking TCP connection that speaks MooseFS frames ({@code type:32 length:32 payload}). The client uses plain
 * sockets rather than an event loop: each connection has exactly one reader, and blocking code keeps the
 * failover and retry logic readable. Sending is safe from several threads; receiving is for one thread only.
 */
public final class FramedSocket implements AutoCloseable {
    /** Frame header and fixed fields of CLTOCS_WRITE_DATA. */
    private static final int WRITE_DATA_HEADER = 8 + 8 + 4 + 2 + 2 + 4 + 4;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final PeerLink link;
    private final String peer;
    private volatile long lastSendNanos = System.nanoTime();
    private volatile long lastReceiveNanos = System.nanoTime();

    private FramedSocket(Socket socket, PeerLink link) throws IOException {
        this.socket = socket;
        this.link = link;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 256 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 256 * 1024);
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
    }

    /** Connects with a bounded connect time; reads then block at most {@code readTimeout} (zero: no limit). */
    public static FramedSocket connect(InetSocketAddress address, PeerLink link, Duration connectTimeout,
                                       Duration readTimeout) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setReceiveBufferSize(1 << 20);
            s.setSendBufferSize(1 << 20);
            s.connect(address, Math.toIntExact(connectTimeout.toMillis()));
            if (!readTimeout.isZero()) {
                s.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            }
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

    /**
     * Writes one CLTOCS_WRITE_DATA frame ({@code chunkid:64 writeid:32 block:16 offset:16 size:32 crc:32 data}) with
     * the data taken straight from {@code src[off, off+len)}, without a flush: {@link #flush} sends a burst. The
     * general path ({@link #send}) would copy the data twice more, which for a streaming write costs more CPU than
     * the checksum.
     */
    public void writeData(long chunkId, int writeId, int block, int offset, byte[] src, int off, int len)
            throws IOException {
        CRC32 crc = new CRC32();
        crc.update(src, off, len);
        byte[] header = new byte[WRITE_DATA_HEADER];
        ByteBuffer h = ByteBuffer.wrap(header); // big-endian, as the wire
        h.putInt(MessageType.CLTOCS_WRITE_DATA.id()).putInt(WRITE_DATA_HEADER - 8 + len);
        h.putLong(chunkId).putInt(writeId).putShort((short) block).putShort((short) offset).putInt(len)
                .putInt((int) crc.getValue());
        synchronized (out) {
            out.write(header);
            out.write(src, off, len);
        }
        lastSendNanos = System.nanoTime();
    }

    /** Sends what {@link #writeData} buffered. */
    public void flush() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }

    /** Reads the next frame; a length above the link's limit is a broken peer. */
    public RawPacket receive() throws IOException {
        int type = in.readInt();
        return readPayload(type, Integer.toUnsignedLong(in.readInt()));
    }

    /** The rest of a frame whose header has been read; a length above the link's limit is a broken peer. */
    private RawPacket readPayload(int type, long length) throws IOException {
        if (length > link.maxPayload()) {
            throw new IOException(peer + " sent a frame of " + length + " bytes, more than " + link.maxPayload()
                    + " allowed on " + link);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        lastReceiveNanos = System.nanoTime();
        return new RawPacket(type, payload);
    }

    /**
     * Reads the next frame of a chunk read. A CSTOCL_READ_DATA's data goes straight into {@code dst} at
     * {@code dstOff} (at most {@code room} bytes; more, or a block range outside a block, is a broken peer) and its
     * fixed fields come back as a {@link ReadDataPlaced}; any other frame comes back whole as a {@link RawPacket}.
     * The data skips the copy, and the garbage, of one array per 64 KiB block that {@link #receive} would cost.
     */
    public Received receiveRead(byte[] dst, int dstOff, int room) throws IOException {
        int type = in.readInt();
        long length = Integer.toUnsignedLong(in.readInt());
        if (type != MessageType.CSTOCL_READ_DATA.id() || length < ReadDataPlaced.FIELDS) {
            return readPayload(type, length);
        }
        long chunkId = in.readLong();
        int block = in.readUnsignedShort();
        int offset = in.readUnsignedShort();
        long size = Integer.toUnsignedLong(in.readInt());
        int crc = in.readInt();
        if (length != ReadDataPlaced.FIELDS + size || block >= ChunkGeometry.BLOCKS_PER_CHUNK
                || offset + size > ChunkGeometry.BLOCK_SIZE || size > room) {
            throw new IOException(peer + " sent a malformed READ_DATA: frame of " + length + " bytes for block "
                    + block + " at " + offset + "+" + size + ", " + room + " bytes expected at most");
        }
        in.readFully(dst, dstOff, (int) size);
        lastReceiveNanos = System.nanoTime();
        return new ReadDataPlaced(chunkId, block, offset, (int) size, crc);
    }

    /** Whether some received bytes wait to be read, so that {@link #receive} will not wait long for a frame. */
    public boolean hasInput() throws IOException {
        return in.available() > 0;
    }

    public void readTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
    }

    /** Nanos since the last frame went out (for keepalive NOPs). */
    public long nanosSinceLastSend() {
        return System.nanoTime() - lastSendNanos;
    }

    /** Nanos since the last whole frame came in (a silent peer is a dead one when it is meant to send NOPs). */
    public long nanosSinceLastReceive() {
        return System.nanoTime() - lastReceiveNanos;
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
