package io.jmfs.chunkserver.net;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.data.DataMessage;
import io.jmfs.protocol.msg.data.DataMessages;
import io.jmfs.protocol.wire.WireMessage;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A blocking 9422 client for tests. */
public final class DataPortClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    public DataPortClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true); // a frame is written in three parts: without this, Nagle delays its end
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = new DataOutputStream(socket.getOutputStream());
    }

    public void send(WireMessage m) throws IOException {
        Frame.of(m).write(out);
    }

    public void sendRaw(int type, byte[] payload) throws IOException {
        new Frame(type, payload).write(out);
    }

    /** The next packet other than a NOP. */
    public DataMessage next() throws IOException {
        while (true) {
            Frame f = Frame.read(in);
            if (f.type() == MessageType.ANTOAN_NOP.id()) {
                continue;
            }
            try {
                return DataMessages.decode(f.type(), f.content());
            } catch (MalformedPacketException e) {
                throw new AssertionError("malformed answer: " + e.getMessage(), e);
            }
        }
    }

    public Frame nextFrame() throws IOException {
        return Frame.read(in);
    }

    /** Result of one READ: the bytes of all READ_DATA packets (each CRC-checked) and the final status. */
    public record ReadOutcome(byte[] data, io.jmfs.protocol.MfsStatus status, int packets) {
    }

    public ReadOutcome read(long chunkId, int version, int offset, int size) throws IOException {
        send(new DataMessage.Read(true, chunkId, version, offset, size));
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int packets = 0;
        while (true) {
            DataMessage m = next();
            if (m instanceof DataMessage.ReadData d) {
                if (!d.crcMatches()) {
                    throw new AssertionError("READ_DATA with a wrong CRC");
                }
                data.write(d.data().unsafeArray());
                packets++;
            } else if (m instanceof DataMessage.ReadStatus s) {
                return new ReadOutcome(data.toByteArray(), s.status(), packets);
            } else {
                throw new AssertionError("unexpected " + m);
            }
        }
    }

    /** True when the server closed the connection (reads end of stream within the timeout). */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                Frame.read(in);
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
