package io.jmfs.metalogger.net;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.common.CommonMessages;
import io.jmfs.protocol.msg.metalogger.MetaloggerMessages;
import io.jmfs.protocol.wire.MessageEncoder;
import io.jmfs.protocol.wire.Packet;
import io.jmfs.protocol.wire.PeerLink;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * A blocking connection to the master's 9419 port: typed messages out, typed messages in. A frame longer than
 * {@link PeerLink#MASTER_TO_METALOGGER} allows, or one that does not decode, is a {@link MalformedPacketException}
 * (the caller drops the connection). Reads wait at most the poll interval, so the owning thread can keep its timers.
 */
final class MasterSocket implements AutoCloseable {
    /** Keep-alive and "nothing to do" packets that carry no message: NOP, UNKNOWN_COMMAND, BAD_COMMAND_SIZE. */
    static final Object NOTHING = new Object();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] header = new byte[Packet.HEADER_SIZE];
    private int headerFill;
    private byte[] payload;
    private int payloadFill;
    private long lastWriteNanos = System.nanoTime();

    private MasterSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = socket.getOutputStream();
    }

    static MasterSocket connect(InetSocketAddress master, Optional<InetSocketAddress> bind, Duration connectTimeout,
                                Duration pollInterval) throws IOException {
        Socket socket = new Socket();
        try {
            if (bind.isPresent()) {
                socket.bind(bind.get());
            }
            socket.connect(master, (int) connectTimeout.toMillis());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Math.max(1, pollInterval.toMillis()));
            return new MasterSocket(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    void send(WireMessage message) throws IOException {
        ByteBuf frame = Unpooled.buffer();
        try {
            MessageEncoder.writeFrame(message, frame);
            frame.readBytes(out, frame.readableBytes());
            out.flush();
        } finally {
            frame.release();
        }
        lastWriteNanos = System.nanoTime();
    }

    long lastWriteNanos() {
        return lastWriteNanos;
    }

    /** Whether a whole frame may already be buffered (so the caller need not flush files yet). */
    boolean hasBufferedInput() throws IOException {
        return in.available() > 0;
    }

    /**
     * The next message ({@link io.jmfs.protocol.msg.metalogger.MasterToMetalogger} or {@link #NOTHING}), or empty
     * when none arrived within the poll interval. A partly received frame is kept for the next call.
     */
    Optional<Object> receive() throws IOException, MalformedPacketException {
        try {
            while (headerFill < header.length) {
                headerFill += readSome(header, headerFill, header.length - headerFill);
            }
            if (payload == null) {
                long length = Integer.toUnsignedLong(intAt(4));
                if (length > PeerLink.MASTER_TO_METALOGGER.maxPayload()) {
                    throw new MalformedPacketException(intAt(0), "announces " + length + " bytes, more than the "
                            + PeerLink.MASTER_TO_METALOGGER.maxPayload() + " allowed");
                }
                payload = new byte[(int) length];
            }
            while (payloadFill < payload.length) {
                payloadFill += readSome(payload, payloadFill, payload.length - payloadFill);
            }
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        int type = intAt(0);
        byte[] body = payload;
        headerFill = 0;
        payload = null;
        payloadFill = 0;
        return Optional.of(decode(type, body));
    }

    private static Object decode(int type, byte[] body) throws MalformedPacketException {
        ByteBuf buf = Unpooled.wrappedBuffer(body);
        if (type == MessageType.ANTOAN_NOP.id()) {
            CommonMessages.decode(type, buf, false);
            return NOTHING;
        }
        if (type == MessageType.ANTOAN_UNKNOWN_COMMAND.id() || type == MessageType.ANTOAN_BAD_COMMAND_SIZE.id()) {
            return NOTHING;
        }
        return MetaloggerMessages.decodeFromMaster(type, buf);
    }

    private int readSome(byte[] into, int offset, int length) throws IOException {
        int n = in.read(into, offset, length);
        if (n < 0) {
            throw new EOFException("the master closed the connection");
        }
        return n;
    }

    private int intAt(int offset) {
        return ((header[offset] & 0xFF) << 24) | ((header[offset + 1] & 0xFF) << 16)
                | ((header[offset + 2] & 0xFF) << 8) | (header[offset + 3] & 0xFF);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
