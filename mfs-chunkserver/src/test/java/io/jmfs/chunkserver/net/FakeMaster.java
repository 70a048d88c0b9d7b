package io.jmfs.chunkserver.net;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.chunkserver.ChunkserverMessages;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster;
import io.jmfs.protocol.wire.WireMessage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A master on loopback speaking port 9420 from the test thread, one connection at a time: the test accepts the
 * chunkserver, reads what it sends (NOPs, loads and space reports skipped unless asked for) and answers.
 */
public final class FakeMaster implements AutoCloseable {
    private final ServerSocket server;
    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;

    public FakeMaster() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        server.setSoTimeout(20_000);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Waits for the chunkserver to connect. */
    public void accept() throws IOException {
        socket = server.accept();
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true); // a frame is written in three parts: without this, Nagle delays its end
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Accepts with a short timeout, for "does not connect again" checks. */
    public void acceptWithin3Seconds() throws IOException {
        server.setSoTimeout(3_000);
        try {
            accept();
        } finally {
            server.setSoTimeout(20_000);
        }
    }

    public void send(WireMessage m) throws IOException {
        Frame.of(m).write(out);
    }

    /** The next packet, decoded, that is not a NOP, a CURRENT_LOAD or a SPACE. */
    public ChunkserverToMaster next() throws IOException {
        return nextMatching(m -> !(m instanceof ChunkserverToMaster.CurrentLoad)
                && !(m instanceof ChunkserverToMaster.Space));
    }

    /** The next decoded packet that matches, skipping NOPs and everything else. */
    public ChunkserverToMaster nextMatching(Predicate<ChunkserverToMaster> wanted) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Frame f = Frame.read(in);
            if (f.type() == MessageType.ANTOAN_NOP.id()) {
                continue;
            }
            try {
                ChunkserverToMaster m = ChunkserverMessages.decodeFromChunkserver(f.type(), f.content());
                if (wanted.test(m)) {
                    return m;
                }
            } catch (MalformedPacketException e) {
                throw new AssertionError("chunkserver sent a malformed packet: " + e.getMessage(), e);
            }
        }
        throw new AssertionError("nothing wanted arrived in time");
    }

    /** Ends the current connection, as a master restart does. */
    public void dropConnection() throws IOException {
        socket.close();
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
