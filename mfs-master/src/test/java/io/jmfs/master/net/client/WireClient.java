package io.jmfs.master.net.client;

import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.client.MasterReplies;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.wire.MessageEncoder;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A blocking test client speaking MooseFS framing on a plain socket; skips the master's keepalive NOPs. */
final class WireClient implements AutoCloseable {

    /** One received frame. */
    record Frame(int type, byte[] payload) {
        MasterReply decode() {
            ByteBuf b = Unpooled.wrappedBuffer(payload);
            try {
                return MasterReplies.decode(type, b);
            } catch (MalformedPacketException e) {
                throw new AssertionError("master sent a malformed " + type + ": " + e.getMessage(), e);
            }
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    WireClient(InetSocketAddress address) {
        try {
            socket = new Socket(address.getAddress(), address.getPort());
            socket.setSoTimeout(5000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(WireMessage message) {
        ByteBuf b = Unpooled.buffer();
        MessageEncoder.writeFrame(message, b);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        sendRaw(bytes);
    }

    void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame that is not a keepalive NOP. */
    Frame receiveFrame() {
        try {
            while (true) {
                int type = in.readInt();
                int length = in.readInt();
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (type != 0) {
                    return new Frame(type, payload);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame, keepalives included. */
    Frame receiveAnyFrame() {
        try {
            int type = in.readInt();
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            return new Frame(type, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MasterReply receive() {
        return receiveFrame().decode();
    }

    <T extends MasterReply> T receive(Class<T> type) {
        MasterReply reply = receive();
        if (!type.isInstance(reply)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + reply);
        }
        return type.cast(reply);
    }

    /** Whether the master closed the connection (reading past any NOPs until end of stream or timeout). */
    boolean closedByPeer() {
        try {
            while (true) {
                int type = in.readInt();
                int length = in.readInt();
                in.readFully(new byte[length]);
                if (type != 0) {
                    return false;
                }
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
