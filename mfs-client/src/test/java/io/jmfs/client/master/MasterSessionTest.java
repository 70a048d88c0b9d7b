package io.jmfs.client.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.client.MfsException;
import io.jmfs.client.testing.FakeMaster;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceReply.AttrReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MasterSessionTest {
    private FakeMaster master;

    @BeforeEach
    void start() throws IOException {
        master = new FakeMaster();
    }

    @AfterEach
    void stop() throws IOException {
        master.close();
    }

    private MasterSession open() throws IOException {
        return MasterSession.open(MasterOptions.of("127.0.0.1").withPort(master.port()).withSubfolder("/sub")
                .withInfo("test-client").withRequestTimeout(Duration.ofSeconds(10)), n -> { });
    }

    private static long getattr(MasterSession s, int inode) throws IOException {
        return s.request(id -> new NamespaceRequest.GetAttr(id, inode, 0, 0, 0), AttrReply.class, "getattr")
                .attr().size();
    }

    @Test
    void registersANewSessionAnnouncing3_0_117WithInfoAndSubfolderNulTerminated() throws IOException {
        try (MasterSession s = open()) {
            assertThat(s.session().sessionId()).isEqualTo(FakeMaster.SESSION_ID);
            SessionRequest.RegisterNewSession reg = master.received(SessionRequest.RegisterNewSession.class).getFirst();
            assertThat(reg.version()).isEqualTo(0x000300EA);
            assertThat(reg.info().utf8()).isEqualTo("test-client\0");
            assertThat(reg.path().utf8()).isEqualTo("/sub\0");
            assertThat(reg.sessionId()).isEmpty();
        }
        assertThat(master.received(SessionRequest.RegisterCloseSession.class)).singleElement()
                .satisfies(c -> assertThat(c.sessionId()).isEqualTo(FakeMaster.SESSION_ID));
    }

    @Test
    void repliesThatArriveOutOfOrderReachTheRequestsWithTheirMsgid() throws Exception {
        master.reverseOrder = true;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (MasterSession s = open()) {
            CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> call(s, 11), pool);
            CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> call(s, 22), pool);
            assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(11);
            assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(22);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenAnswersComeInReverseOrderEachWaiterReadsTheOthersAnswerAndWakesIt() throws Exception {
        // two threads, one request each in flight: every pair is answered in reverse, so the thread reading the
        // connection always gets the other's answer first and must hand it over, then read on for its own
        master.reverseOrder = true;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (MasterSession s = open()) {
            List<CompletableFuture<Void>> workers = List.of(
                    CompletableFuture.runAsync(() -> getattrs(s, 1_000, 500), pool),
                    CompletableFuture.runAsync(() -> getattrs(s, 2_000, 500), pool));
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThreadThatReadItsOwnAnswerLeavesTheConnectionToAnotherWaiter() throws Exception {
        // the first request is answered after 200 ms, the second, sent meanwhile, after 600 ms: the first thread
        // reads the connection until its answer and leaves; the second must then read for itself
        master.getattrDelayMillis.put(1, 200);
        master.getattrDelayMillis.put(2, 600);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (MasterSession s = open()) {
            CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> call(s, 1), pool);
            Thread.sleep(50);
            CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> call(s, 2), pool);
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(second.get(3, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyThreadsSharingTheConnectionEachGetTheAnswerToTheirOwnRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (MasterSession s = open()) {
            List<CompletableFuture<Void>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = 10_000 * (t + 1);
                workers.add(CompletableFuture.runAsync(() -> getattrs(s, base, 300), pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(master.received(NamespaceRequest.GetAttr.class)).hasSize(8 * 300);
        } finally {
            pool.shutdownNow();
        }
    }

    /** GETATTRs of inodes {@code base, base+1, ...}; the fake master answers each with its inode as the size. */
    private static void getattrs(MasterSession s, int base, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(call(s, base + i)).isEqualTo(base + i);
        }
    }

    private static long call(MasterSession s, int inode) {
        try {
            return getattr(s, inode);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aLostConnectionIsReopenedIntoTheSameSessionAndTheWaitingRequestIsSentAgain() throws IOException {
        try (MasterSession s = open()) {
            master.dropNextGetattr = true;
            assertThat(getattr(s, 5)).isEqualTo(5);
            assertThat(master.received(SessionRequest.RegisterReconnect.class)).singleElement().satisfies(r -> {
                assertThat(r.sessionId()).isEqualTo(FakeMaster.SESSION_ID);
                assertThat(r.metaId()).hasValue(FakeMaster.META_ID);
            });
            assertThat(master.received(NamespaceRequest.GetAttr.class)).hasSize(2);
        }
    }

    @Test
    void whenTheMasterRefusesToReconnectTheSessionIsRegisteredAgainUnderItsOldId() throws IOException {
        try (MasterSession s = open()) {
            master.reconnectStatus = MfsStatus.EPERM;
            master.dropConnections();
            assertThat(getattr(s, 6)).isEqualTo(6);
            List<SessionRequest.RegisterNewSession> regs = master.received(SessionRequest.RegisterNewSession.class);
            assertThat(regs).hasSize(2);
            assertThat(regs.get(1).sessionId()).hasValue(FakeMaster.SESSION_ID);
            assertThat(regs.get(1).metaId()).hasValue(FakeMaster.META_ID);
        }
    }

    @Test
    void anIdleSessionSendsKeepaliveNopsWithMsgidZero() throws IOException {
        try (MasterSession s = open()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (master.nops() == 0 && System.nanoTime() < deadline) {
                sleepAWhile();
            }
            assertThat(master.nops()).isPositive();
            assertThat(master.received(SessionRequest.Nop.class)).allSatisfy(n -> assertThat(n.msgid()).isZero());
        }
    }

    private static void sleepAWhile() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anErrorStatusBecomesAnExceptionCarryingIt() throws IOException {
        try (MasterSession s = open()) {
            assertThatThrownBy(() -> s.request(id -> new NamespaceRequest.ReadLink(id, 3), NamespaceReply.ReadLink.class,
                    "readlink")).isInstanceOfSatisfying(MfsException.class,
                    e -> assertThat(e.status()).isEqualTo(MfsStatus.EINVAL));
        }
    }
}
