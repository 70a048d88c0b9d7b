package io.jmfs.master.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jmfs.daemon.net.Transport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyMetadataLoopTest {
    private final NettyMetadataLoop loop = new NettyMetadataLoop("test-meta");

    @AfterEach
    void stop() {
        loop.close();
    }

    @Test
    void everyTaskRunsOnTheOneMetadataThreadInSubmissionOrder() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            int n = i;
            loop.execute(() -> {
                threads.add(Thread.currentThread().getName());
                order.add(n);
                assertThat(loop.inLoop()).isTrue();
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).allMatch(t -> t.startsWith("test-meta")).hasSize(100);
        assertThat(threads.stream().distinct()).hasSize(1);
        assertThat(order).isSorted();
        assertThat(loop.inLoop()).isFalse();
        assertThat(loop.group().iterator()).toIterable().hasSize(1);
    }

    @Test
    void onLinuxX86TheLoopRunsOnNativeEpoll() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"));
        assertThat(loop.transport()).as("the native library loads from the classpath").isEqualTo(Transport.EPOLL);
    }

    @Test
    void aPeriodicTaskThatFailsKeepsItsSchedule() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        MetadataLoop.Timer timer = loop.every(Duration.ofMillis(10), () -> {
            runs.incrementAndGet();
            three.countDown();
            throw new IllegalStateException("one bad step");
        });
        assertThat(three.await(10, TimeUnit.SECONDS)).as("ran again after failing").isTrue();
        timer.cancel();
        int afterCancel = runs.get();
        CountDownLatch barrier = new CountDownLatch(1);
        loop.schedule(Duration.ofMillis(50), barrier::countDown);
        assertThat(barrier.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runs.get()).as("no runs after cancel (one may have been in flight)").isBetween(afterCancel,
                afterCancel + 1);
    }

    @Test
    void runAndWaitRefusesToDeadlockOnTheLoopItself() throws Exception {
        CountDownLatch checked = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                loop.runAndWait(() -> { });
            } catch (IllegalStateException expected) {
                checked.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
