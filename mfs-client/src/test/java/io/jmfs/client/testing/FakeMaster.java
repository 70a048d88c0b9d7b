package io.jmfs.client.testing;

import io.jmfs.client.io.FramedSocket;
import io.jmfs.client.io.RawPacket;
import io.jmfs.protocol.Attr;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.NodeType;
import io.jmfs.protocol.msg.client.ClientRequest;
import io.jmfs.protocol.msg.client.ClientRequests;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.wire.PeerLink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A master client port on loopback that answers registration, GETATTR and STATFS with our codecs, records what it
 * received, and can misbehave: answer pairs of requests in reverse order, drop the connection on a request, or
 * refuse RECONNECT.
 */
public final class FakeMaster implements AutoCloseable {
    public static final int SESSION_ID = 77;
    public static final long META_ID = 0x1234_5678L;
    public static final Attr ROOT_ATTR = new Attr(0, NodeType.DIRECTORY, 0755, 0, 0, 1, 2, 3, 2, 1, 0);

    private final ServerSocket server;
    private final List<ClientRequest> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger nops = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    /** Answer every two requests in reverse order. */
    public volatile boolean reverseOrder;
    /** Close the connection instead of answering the next GETATTR. */
    public volatile boolean dropNextGetattr;
    /** GETATTR answers held back this many milliseconds, by inode (sent in the meantime: later ones may overtake). */
    public final Map<Integer, Integer> getattrDelayMillis = new ConcurrentHashMap<>();
    /** Status for RECONNECT. */
    public volatile MfsStatus reconnectStatus = MfsStatus.OK;

    public FakeMaster() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<ClientRequest> received() {
        return List.copyOf(received);
    }

    public <T extends ClientRequest> List<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public int nops() {
        return nops.get();
    }

    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Drops every connection, as a master restart or a network cut would. */
    public void dropConnections() throws IOException {
        for (Socket s : connections) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                connections.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        List<ClientRequest> held = new ArrayList<>();
        try (FramedSocket conn = FramedSocket.wrap(s, PeerLink.CLIENT_TO_MASTER)) {
            while (true) {
                RawPacket p = conn.receive();
                ClientRequest r = p.decode(ClientRequests::decode);
                received.add(r);
                switch (r) {
                    case SessionRequest.Nop n -> nops.incrementAndGet();
                    case SessionRequest.RegisterNewSession n -> conn.send(new SessionReply.RegisterSession(0x000300EA,
                            n.sessionId().orElse(SESSION_ID), META_ID, 0, 0, 0, 0, 999, 999, 1, 9, 0, -1, 0));
                    case SessionRequest.RegisterReconnect rc ->
                            conn.send(new SessionReply.RegisterReconnected(0x000300EA, reconnectStatus));
                    case SessionRequest.RegisterCloseSession c -> {
                        conn.send(new SessionReply.RegisterStatus(MfsStatus.OK));
                        return;
                    }
                    case NamespaceRequest.GetAttr g when dropNextGetattr -> {
                        dropNextGetattr = false;
                        return;
                    }
                    case NamespaceRequest.GetAttr g when getattrDelayMillis.containsKey(g.inode()) -> {
                        int delay = getattrDelayMillis.get(g.inode());
                        Thread.ofVirtual().start(() -> {
                            try {
                                Thread.sleep(delay);
                                conn.send(answer(g));
                            } catch (Exception e) {
                                // client gone or test over
                            }
                        });
                    }
                    default -> {
                        if (reverseOrder) {
                            held.add(r);
                            if (held.size() == 2) {
                                conn.send(answer(held.get(1)));
                                conn.send(answer(held.get(0)));
                                held.clear();
                            }
                        } else {
                            conn.send(answer(r));
                        }
                    }
                }
            }
        } catch (Exception e) {
            // client gone or test over
        }
    }

    private static MasterReply answer(ClientRequest r) {
        return switch (r) {
            case NamespaceRequest.GetAttr g -> new NamespaceReply.AttrReply(MessageType.MATOCL_FUSE_GETATTR.id(), g.msgid(),
                    new Attr(0, NodeType.DIRECTORY, 0755, 0, 0, 1, 2, 3, 2, g.inode(), 0));
            case NamespaceRequest.Statfs st -> new NamespaceReply.Statfs(st.msgid(), 1000, 500, 400, 0, 0, 5);
            default -> new MasterReply.Status(r.type() + 1, r.msgid(), MfsStatus.EINVAL);
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
