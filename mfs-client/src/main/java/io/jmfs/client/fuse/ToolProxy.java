package io.jmfs.client.fuse;

import io.jmfs.client.io.RawPacket;
import io.jmfs.client.master.MasterSession;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.msg.client.ClientRequest;
import io.jmfs.protocol.msg.client.ClientRequests;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local proxy MooseFS's tools use instead of a master session of their own: they find it through .masterinfo
 * (127.0.0.1 and a free port), register with REGISTER rcode TOOLS, and each query they send goes to the master over
 * the mount's session under a fresh msgid; the answer goes back under theirs. Queries are decoded and re-encoded
 * with our protocol codecs, so only requests we know pass (a tool sending anything else is disconnected).
 */
final class ToolProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ToolProxy.class);
    private static final int REGISTER_SIZE = 73;
    private static final int MAX_QUERY = 0x10000;

    private final MasterSession master;
    private final ServerSocket listener;
    private final Thread acceptor;

    private ToolProxy(MasterSession master, ServerSocket listener) {
        this.master = master;
        this.listener = listener;
        this.acceptor = Thread.ofPlatform().daemon().name("mfs-tool-proxy").unstarted(this::accept);
    }

    static ToolProxy start(MasterSession master) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ToolProxy p = new ToolProxy(master, s);
        p.acceptor.start();
        return p;
    }

    /** The 14 bytes of .masterinfo: {@code ip:32 port:16 sessionid:32 version:32}. */
    byte[] masterInfo() {
        ByteBuffer b = ByteBuffer.allocate(14);
        b.put(listener.getInetAddress().getAddress());
        b.putShort((short) listener.getLocalPort());
        b.putInt(master.session().sessionId());
        b.putInt(master.session().version());
        return b.array();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket tool = listener.accept();
                tool.setTcpNoDelay(true);
                Thread.ofVirtual().name("mfs-tool").start(() -> serve(tool));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.debug("tool proxy accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket tool) {
        try (tool; DataInputStream in = new DataInputStream(tool.getInputStream());
             DataOutputStream out = new DataOutputStream(tool.getOutputStream())) {
            while (true) {
                int type = in.readInt();
                int size = in.readInt();
                if (type == MessageType.CLTOMA_FUSE_REGISTER.id()) {
                    byte[] body = readBody(in, size, REGISTER_SIZE, REGISTER_SIZE);
                    if (!Arrays.equals(body, 0, 64, SessionRequest.REGISTER_BLOB.toByteArray(), 0, 64)
                            || body[64] != SessionRequest.REGISTER_TOOLS) {
                        return;
                    }
                    out.writeInt(MessageType.MATOCL_FUSE_REGISTER.id());
                    out.writeInt(1);
                    out.writeByte(0);
                    out.flush();
                    continue;
                }
                byte[] body = readBody(in, size, 4, MAX_QUERY);
                int toolMsgid = ByteBuffer.wrap(body).getInt();
                ClientRequest query = ClientRequests.decode(type, Unpooled.wrappedBuffer(body));
                RawPacket answer = master.call(msgid -> withMsgid(query, msgid));
                byte[] payload = answer.payload().clone();
                ByteBuffer.wrap(payload).putInt(toolMsgid);
                out.writeInt(answer.type());
                out.writeInt(payload.length);
                out.write(payload);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("tool connection ended: {}", e.getMessage());
        } catch (io.jmfs.protocol.codec.MalformedPacketException | RuntimeException e) {
            LOG.debug("tool query refused: {}", e.toString());
        }
    }

    private static byte[] readBody(DataInputStream in, int size, int min, int max) throws IOException {
        if (size < min || size > max) {
            throw new IOException("tool packet of " + size + " bytes");
        }
        byte[] body = new byte[size];
        in.readFully(body);
        return body;
    }

    /** The same request under another msgid (requests are records whose first component is the msgid). */
    static ClientRequest withMsgid(ClientRequest request, int msgid) {
        RecordComponent[] parts = request.getClass().getRecordComponents();
        if (parts == null || parts.length == 0 || !parts[0].getName().equals("msgid")) {
            throw new IllegalArgumentException("not a msgid request: " + request.getClass().getSimpleName());
        }
        try {
            Object[] values = new Object[parts.length];
            Class<?>[] types = new Class<?>[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = parts[i].getAccessor().invoke(request);
                types[i] = parts[i].getType();
            }
            values[0] = msgid;
            Constructor<?> c = request.getClass().getDeclaredConstructor(types);
            return (ClientRequest) c.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + request.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
