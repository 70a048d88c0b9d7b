package io.jmfs.client.master;

import io.jmfs.client.MfsException;
import io.jmfs.client.io.FramedSocket;
import io.jmfs.client.io.RawPacket;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.client.ClientRequest;
import io.jmfs.protocol.msg.client.MasterReplies;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.MasterReply.Status;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.SessionReply.RegisterRandom;
import io.jmfs.protocol.msg.client.SessionReply.RegisterReconnected;
import io.jmfs.protocol.msg.client.SessionReply.RegisterSession;
import io.jmfs.protocol.msg.client.SessionReply.RegisterStatus;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.client.SessionRequest.RegisterCloseSession;
import io.jmfs.protocol.msg.client.SessionRequest.RegisterGetRandom;
import io.jmfs.protocol.msg.client.SessionRequest.RegisterNewSession;
import io.jmfs.protocol.msg.client.SessionRequest.RegisterReconnect;
import io.jmfs.protocol.wire.PeerLink;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client session with the master on port 9421. Requests carry a fresh msgid and wait for the reply with that
 * msgid, so any number may be in flight and replies may come in any order. A lost connection is reopened into the
 * same session (REGISTER RECONNECT, falling back to NEWSESSION with the old session id when the master answers
 * EPERM, or to a brand new session otherwise) and the requests that were waiting are sent again. While idle the
 * session sends a NOP every 2 s so that the master (which drops clients silent for 10 s) keeps it.
 *
 * <p>Unsolicited packets (msgid 0: chunk/length change notifications, cache invalidation) go to the listener given
 * at {@link #open}; the master's own NOPs and TIME_SYNC answers are dropped.
 */
public final class MasterSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterSession.class);
    public static final ProtocolVersion CLIENT_VERSION = ProtocolVersion.V3_0_117;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The master sends a NOP every second; this much silence means the connection is dead. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final long NOP_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long no request must have waited before the background reader takes the connection. */
    private static final long IDLE_READ_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final MasterOptions options;
    private final Consumer<MasterReply> notifications;
    private final AtomicInteger msgids = new AtomicInteger();
    private final Object connectLock = new Object();
    private final ScheduledExecutorService keepalive;
    private volatile Connection current;
    private volatile RegisterSession session;
    private volatile boolean closed;
    /** Set when CLOSESESSION goes out: the master then ends the connection, which is no loss to report. */
    private volatile boolean closing;

    private MasterSession(MasterOptions options, Consumer<MasterReply> notifications) {
        this.options = options;
        this.notifications = notifications;
        this.keepalive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mfs-master-keepalive");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects and registers a new session; fails fast when the master cannot be reached or refuses. */
    public static MasterSession open(MasterOptions options, Consumer<MasterReply> notifications) throws IOException {
        MasterSession s = new MasterSession(options, notifications);
        try {
            synchronized (s.connectLock) {
                s.current = s.connectAndRegister();
            }
        } catch (IOException | RuntimeException e) {
            s.keepalive.shutdownNow();
            throw e;
        }
        s.keepalive.scheduleWithFixedDelay(s::sendNopIfIdle, 500, 500, TimeUnit.MILLISECONDS);
        return s;
    }

    /** The registration answer of the current session (root mapping, goal and trashtime limits, flags). */
    public RegisterSession session() {
        return session;
    }

    public MasterOptions options() {
        return options;
    }

    /**
     * Sends the request built for a fresh msgid and decodes the reply. A {@code msgid status} reply with an error
     * status throws {@link MfsException}; an OK status is returned only when {@code replyType} is {@link Status}.
     */
    public <T extends MasterReply> T request(IntFunction<? extends ClientRequest> request, Class<T> replyType,
                                             String operation) throws IOException {
        RawPacket p = call(request);
        MasterReply reply;
        try {
            reply = p.payload().length == 5 || replyType != NamespaceReply.Readdir.class
                    ? p.decode(MasterReplies::decode)
                    : p.decodeReaddir(true);
        } catch (MalformedPacketException e) {
            throw new IOException(operation + ": malformed answer from the master: " + e.getMessage(), e);
        }
        if (reply instanceof Status s && replyType != Status.class) {
            throw new MfsException(s.status(), operation);
        }
        if (reply instanceof Status s && !s.status().isOk()) {
            throw new MfsException(s.status(), operation);
        }
        if (!replyType.isInstance(reply)) {
            throw new IOException(operation + ": the master answered " + reply.getClass().getSimpleName()
                    + " instead of " + replyType.getSimpleName());
        }
        return replyType.cast(reply);
    }

    /** Sends a packet that has no answer (SUSTAINED_INODES, AMTIME_INODES), reconnecting first when needed. */
    public void sendOneWay(ClientRequest request) throws IOException {
        Connection c = connection(System.nanoTime() + options.requestTimeout().toNanos());
        try {
            c.socket.send(request);
        } catch (IOException e) {
            c.fail(e);
            throw e;
        }
    }

    /** Sends the request and returns the raw reply with the same msgid, resending it after a reconnect. */
    public RawPacket call(IntFunction<? extends ClientRequest> request) throws IOException {
        long deadline = System.nanoTime() + options.requestTimeout().toNanos();
        IOException last = null;
        while (!closed) {
            if (deadline - System.nanoTime() <= 0) {
                break;
            }
            Connection c = connection(deadline);
            int msgid = nextMsgid();
            ReplySlot reply = new ReplySlot();
            c.pending.put(msgid, reply);
            try {
                if (!c.alive) {
                    continue; // lost between lookup and registration of the reply: take the next connection
                }
                c.socket.send(request.apply(msgid));
                return c.await(reply, deadline);
            } catch (InterruptedIOException e) {
                throw e; // the caller gave up waiting; the connection is fine
            } catch (IOException e) {
                last = e;
                if (c.alive) {
                    c.fail(e);
                }
            } catch (TimeoutException e) {
                last = new IOException("no answer from the master within " + options.requestTimeout());
                break;
            } finally {
                c.pending.remove(msgid);
            }
            LOG.debug("request to the master failed, retrying after reconnect: {}", last.getMessage());
        }
        if (closed) {
            throw new IOException("master session closed");
        }
        throw last != null ? last : new IOException("no answer from the master within " + options.requestTimeout());
    }

    private int nextMsgid() {
        int id;
        do {
            id = msgids.incrementAndGet();
        } while (id == 0);
        return id;
    }

    /** The live connection, reconnecting (with backoff) until {@code deadline} when it was lost. */
    private Connection connection(long deadline) throws IOException {
        Connection c = current;
        if (c != null && c.alive) {
            return c;
        }
        synchronized (connectLock) {
            long backoffMillis = 100;
            IOException last = null;
            while (!closed) {
                c = current;
                if (c != null && c.alive) {
                    return c;
                }
                try {
                    current = reconnect();
                    LOG.info("reconnected to master {}:{} in session {}", options.host(), options.port(),
                            session.sessionId());
                    return current;
                } catch (MfsException e) {
                    throw e;
                } catch (IOException e) {
                    last = e;
                }
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis) > deadline) {
                    break;
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reconnecting to the master");
                }
                backoffMillis = Math.min(backoffMillis * 2, 2000);
            }
            throw new IOException("cannot reach master " + options.host() + ":" + options.port()
                    + (last == null ? "" : ": " + last.getMessage()), last);
        }
    }

    /** RECONNECT into the known session; EPERM re-registers it by id, other refusals open a new one. */
    private Connection reconnect() throws IOException {
        RegisterSession old = session;
        FramedSocket socket = dial();
        try {
            socket.send(new RegisterReconnect(old.sessionId(), CLIENT_VERSION.encode(), OptionalLong.of(old.metaId())));
            MasterReply reply = registerReply(socket);
            MfsStatus status = switch (reply) {
                case RegisterReconnected r -> r.status();
                case RegisterStatus r -> r.status();
                default -> throw new IOException("unexpected answer to RECONNECT: " + reply);
            };
            if (status.isOk()) {
                return start(socket);
            }
            LOG.info("master refused to reconnect session {} ({}), registering again", old.sessionId(),
                    status.message());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        socket.close();
        FramedSocket fresh = dial();
        try {
            register(fresh, OptionalInt.of(old.sessionId()), OptionalLong.of(old.metaId()));
            return start(fresh);
        } catch (MfsException e) {
            fresh.close();
            FramedSocket third = dial();
            try {
                register(third, OptionalInt.empty(), OptionalLong.empty());
                return start(third);
            } catch (IOException | RuntimeException e2) {
                third.close();
                throw e2;
            }
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private Connection connectAndRegister() throws IOException {
        FramedSocket socket = dial();
        try {
            register(socket, OptionalInt.empty(), OptionalLong.empty());
            return start(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Connects without a socket read timeout: a timed read leaves the JDK's socket non-blocking for good, so that
     * every later read costs a poll and a failed read more. Silence is watched instead: {@link #registerReply} closes
     * a socket that does not answer, and the keepalive task a connection the master stopped talking on.
     */
    private FramedSocket dial() throws IOException {
        return FramedSocket.connect(new InetSocketAddress(options.host(), options.port()), PeerLink.MASTER_TO_CLIENT,
                CONNECT_TIMEOUT, Duration.ZERO);
    }

    private void register(FramedSocket socket, OptionalInt sessionId, OptionalLong metaId) throws IOException {
        Optional<ByteString> digest = Optional.empty();
        if (options.password().isPresent()) {
            socket.send(new RegisterGetRandom());
            if (!(registerReply(socket) instanceof RegisterRandom random)) {
                throw new IOException("master did not send the password challenge");
            }
            digest = Optional.of(passwordDigest(random.random().unsafeArray(), options.password().get()));
        }
        socket.send(new RegisterNewSession(CLIENT_VERSION.encode(), nulTerminated(options.info()),
                nulTerminated(options.subfolder()), sessionId, sessionId.isPresent() ? metaId : OptionalLong.empty(),
                digest));
        MasterReply reply = registerReply(socket);
        switch (reply) {
            case RegisterSession s -> {
                if (ProtocolVersion.decode(s.version()).before(ProtocolVersion.MIN_MASTER_FOR_CLIENT)) {
                    throw new IOException("master version " + ProtocolVersion.decode(s.version()) + " is too old");
                }
                session = s;
            }
            case RegisterStatus s -> throw new MfsException(s.status(),
                    "registering with master " + options.host() + ":" + options.port());
            default -> throw new IOException("unexpected answer to REGISTER: " + reply);
        }
    }

    /**
     * Reads until the REGISTER answer, skipping the NOPs the master sends to unregistered sockets; a master silent for
     * {@link #READ_TIMEOUT} gets the socket closed under the read.
     */
    private MasterReply registerReply(FramedSocket socket) throws IOException {
        ScheduledFuture<?> watchdog;
        try {
            watchdog = keepalive.schedule(socket::close, READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new IOException("master session closed");
        }
        try {
            return readRegisterReply(socket);
        } catch (IOException e) {
            if (watchdog.isDone()) {
                throw new IOException("no answer to REGISTER from the master within " + READ_TIMEOUT, e);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static MasterReply readRegisterReply(FramedSocket socket) throws IOException {
        while (true) {
            RawPacket p = socket.receive();
            if (p.type() == MessageType.ANTOAN_NOP.id()) {
                continue;
            }
            if (p.type() != MessageType.MATOCL_FUSE_REGISTER.id()) {
                throw new IOException("expected a REGISTER answer from the master, got " + p);
            }
            try {
                return p.decode(MasterReplies::decode);
            } catch (MalformedPacketException e) {
                throw new IOException("malformed REGISTER answer: " + e.getMessage(), e);
            }
        }
    }

    static ByteString passwordDigest(byte[] random, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] pass = md5.digest(password.getBytes(StandardCharsets.UTF_8));
            md5.update(random, 0, 16);
            md5.update(pass);
            md5.update(random, 16, 16);
            return ByteString.wrap(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static ByteString nulTerminated(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] withNul = java.util.Arrays.copyOf(b, b.length + 1);
        return ByteString.wrap(withNul);
    }

    private Connection start(FramedSocket socket) {
        Connection c = new Connection(socket);
        Thread reader = new Thread(c::idleReader, "mfs-master-reader");
        reader.setDaemon(true);
        reader.start();
        return c;
    }

    private void sendNopIfIdle() {
        Connection c = current;
        if (c == null || !c.alive) {
            return;
        }
        if (c.socket.nanosSinceLastReceive() > READ_TIMEOUT.toNanos()) {
            // the master sends a NOP every second: this much silence is a dead connection (reads have no timeout)
            c.lost(new IOException("nothing from the master for " + READ_TIMEOUT));
            return;
        }
        if (c.socket.nanosSinceLastSend() < NOP_AFTER_NANOS) {
            return;
        }
        try {
            c.socket.send(new SessionRequest.Nop(0));
        } catch (IOException e) {
            c.fail(e);
        }
    }

    /** Ends the session (CLOSESESSION) so that the master forgets it at once, then closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        Connection c = current;
        RegisterSession s = session;
        closing = true;
        if (c != null && c.alive && s != null) {
            try {
                c.socket.send(new RegisterCloseSession(s.sessionId(), OptionalLong.of(s.metaId())));
                c.closeAnswer.get(2, TimeUnit.SECONDS);
            } catch (IOException | ExecutionException | TimeoutException e) {
                LOG.debug("closing session {}: {}", s.sessionId(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        keepalive.shutdownNow();
        if (c != null) {
            c.fail(new IOException("master session closed"));
        }
    }

    /**
     * One TCP connection of the session, with the requests waiting on it. Whoever waits for an answer reads the
     * connection: the first waiter takes the read lock and reads until its own answer arrives, handing the answers of
     * others to their slots on the way, and on leaving wakes another waiter to take over. A lone request is thus
     * answered on its own thread, without a hand-off through a reader thread (two thread wake-ups per request
     * fewer, which on a busy machine is most of a request's client-side cost). A background reader takes the
     * connection only when nobody has waited for {@link #IDLE_READ_AFTER_NANOS}, for the master's NOPs and
     * notifications and to notice a lost connection.
     */
    private final class Connection {
        final FramedSocket socket;
        final Map<Integer, ReplySlot> pending = new ConcurrentHashMap<>();
        final CompletableFuture<MfsStatus> closeAnswer = new CompletableFuture<>();
        final ReentrantLock reading = new ReentrantLock();
        /** Waiters parked while another thread reads: one is woken whenever a reader lets go. */
        final Queue<ReplySlot> followers = new ConcurrentLinkedQueue<>();
        final AtomicInteger waiting = new AtomicInteger();
        volatile long lastWaitNanos = System.nanoTime();
        volatile boolean alive = true;

        Connection(FramedSocket socket) {
            this.socket = socket;
        }

        /** Waits for the answer in {@code slot}, reading the connection while no other thread does. */
        RawPacket await(ReplySlot slot, long deadline) throws IOException, TimeoutException {
            waiting.incrementAndGet();
            try {
                while (!slot.done()) {
                    if (deadline - System.nanoTime() <= 0) {
                        throw new TimeoutException();
                    }
                    if (reading.tryLock()) {
                        try {
                            readUntil(slot, deadline);
                        } finally {
                            letGo();
                        }
                    } else {
                        follow(slot, deadline);
                    }
                }
                return slot.result();
            } finally {
                lastWaitNanos = System.nanoTime();
                waiting.decrementAndGet();
            }
        }

        /** Reads and hands out answers until {@code slot}'s own arrives; the master's NOPs bound each read. */
        private void readUntil(ReplySlot slot, long deadline) throws TimeoutException {
            try {
                while (!slot.done()) {
                    if (deadline - System.nanoTime() <= 0) {
                        throw new TimeoutException();
                    }
                    dispatch(socket.receive());
                }
            } catch (IOException e) {
                lost(e); // fails every slot, this one included
            }
        }

        /** Parks until the answer comes, the reader lets go, or the deadline passes. */
        private void follow(ReplySlot slot, long deadline) throws InterruptedIOException {
            followers.add(slot);
            try {
                // the reader may have let go before this slot was queued, and then woke nobody for it
                if (!slot.done() && reading.isLocked()) {
                    LockSupport.parkNanos(this, deadline - System.nanoTime());
                }
            } finally {
                followers.remove(slot);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted while waiting for the master");
            }
        }

        private void letGo() {
            reading.unlock();
            for (ReplySlot f : followers) {
                if (!f.done()) {
                    f.wake();
                    return;
                }
            }
        }

        /** The background reader: reads only while no request has waited for a while. */
        void idleReader() {
            while (alive) {
                long quiet = System.nanoTime() - lastWaitNanos;
                if (waiting.get() > 0 || quiet < IDLE_READ_AFTER_NANOS || !reading.tryLock()) {
                    LockSupport.parkNanos(this, Math.max(IDLE_READ_AFTER_NANOS - quiet, IDLE_READ_AFTER_NANOS / 4));
                    continue;
                }
                try {
                    if (alive) {
                        dispatch(socket.receive());
                    }
                } catch (IOException e) {
                    lost(e);
                } finally {
                    letGo();
                }
            }
        }

        private void lost(IOException e) {
            if (alive && !closing) {
                LOG.warn("connection to master {} lost: {}", socket.peer(), e.getMessage());
            }
            fail(e);
        }

        private void dispatch(RawPacket p) throws IOException {
            if (p.type() == MessageType.MATOCL_FUSE_REGISTER.id()) {
                closeAnswer.complete(p.payload().length == 1 ? MfsStatus.ofCode(p.payload()[0] & 0xFF) : MfsStatus.OK);
                return;
            }
            if (p.payload().length < 4) {
                throw new IOException("master sent " + p + " without a msgid");
            }
            int msgid = p.msgid();
            if (msgid == 0) {
                unsolicited(p);
                return;
            }
            ReplySlot waiting = pending.remove(msgid);
            if (waiting != null) {
                waiting.complete(p);
            } else {
                LOG.debug("answer {} for msgid {} that nobody waits for any more", p, msgid);
            }
        }

        private void unsolicited(RawPacket p) {
            if (p.type() == MessageType.ANTOAN_NOP.id() || p.type() == MessageType.MATOCL_FUSE_TIME_SYNC.id()) {
                return;
            }
            try {
                notifications.accept(p.decode(MasterReplies::decode));
            } catch (MalformedPacketException e) {
                LOG.warn("ignoring malformed notification from the master: {}", e.getMessage());
            }
        }

        void fail(IOException cause) {
            alive = false;
            socket.close();
            IOException lost = new IOException("connection to the master lost: " + cause.getMessage(), cause);
            pending.values().forEach(f -> f.fail(lost));
            pending.clear();
            closeAnswer.complete(MfsStatus.DISCONNECTED);
        }
    }
}
