package io.jmfs.chunkserver.storage.io;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OrderedExecutorTest {
    @Test
    void tasksWithOneKeyRunInSubmissionOrder() {
        try (OrderedExecutor ex = new OrderedExecutor("t", 4)) {
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                fs.add(ex.submit(42, () -> {
                    seen.add(n);
                    return n;
                }));
            }
            fs.forEach(CompletableFuture::join);
            assertThat(seen).isSorted().hasSize(1000);
        }
    }

    @Test
    void aBlockedKeyDoesNotBlockEveryOtherKey() throws Exception {
        try (OrderedExecutor ex = new OrderedExecutor("t", 4)) {
            CountDownLatch release = new CountDownLatch(1);
            ex.submit(1, () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            List<CompletableFuture<Integer>> others = new ArrayList<>();
            for (long key = 2; key < 10; key++) {
                others.add(ex.submit(key, () -> 1));
            }
            // some of these keys use other workers, so at least one finishes while key 1 is stuck
            Object first = CompletableFuture.anyOf(others.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(first).isEqualTo(1);
            release.countDown();
        }
    }

    @Test
    void asManyKeysAsThreadsRunAtTheSameTime() throws Exception {
        // with keys mapped onto fixed threads, two of these keys would often share one thread and wait for each other
        int threads = 4;
        try (OrderedExecutor ex = new OrderedExecutor("t", threads)) {
            for (int round = 0; round < 20; round++) {
                CountDownLatch allStarted = new CountDownLatch(threads);
                List<CompletableFuture<Boolean>> fs = new ArrayList<>();
                for (int k = 0; k < threads; k++) {
                    fs.add(ex.submit(round * 100L + k, () -> {
                        allStarted.countDown();
                        try {
                            return allStarted.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                        }
                    }));
                }
                for (CompletableFuture<Boolean> f : fs) {
                    assertThat(f.get(20, TimeUnit.SECONDS)).isTrue();
                }
            }
        }
    }

    @Test
    void aKeyWithALongQueueLetsOtherKeysRunOnASingleThread() throws Exception {
        try (OrderedExecutor ex = new OrderedExecutor("t", 1)) {
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            ex.submit(1, () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            List<CompletableFuture<Integer>> first = new ArrayList<>();
            for (int i = 0; i < 10 * OrderedExecutor.BATCH; i++) {
                int n = i;
                first.add(ex.submit(1, () -> {
                    seen.add(n);
                    return n;
                }));
            }
            CompletableFuture<Integer> other = ex.submit(2, () -> seen.size());
            release.countDown();
            // key 2 got its turn after at most one batch of key 1, not after all of key 1's queue
            assertThat(other.get(10, TimeUnit.SECONDS)).isLessThanOrEqualTo(OrderedExecutor.BATCH);
            first.forEach(CompletableFuture::join);
            assertThat(seen).isSorted().hasSize(10 * OrderedExecutor.BATCH);
            assertThat(ex.pending()).isZero();
        }
    }

    @Test
    void queuedWorkStillRunsWhenClosing() {
        OrderedExecutor ex = new OrderedExecutor("t", 1);
        List<CompletableFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 3 * OrderedExecutor.BATCH; i++) {
            int n = i;
            fs.add(ex.submit(i % 3, () -> n));
        }
        ex.close();
        assertThat(fs).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
    }

    @Test
    void aFailingTaskFailsOnlyItsOwnFuture() {
        try (OrderedExecutor ex = new OrderedExecutor("t", 2)) {
            CompletableFuture<Integer> bad = ex.submit(1, () -> {
                throw new IllegalStateException("boom");
            });
            CompletableFuture<Integer> next = ex.submit(1, () -> 7);
            assertThat(next.join()).isEqualTo(7);
            assertThat(bad).isCompletedExceptionally();
            assertThat(ex.pending()).isZero();
            assertThat(ex.running()).isZero();
        }
    }

    @Test
    void workRunsOffTheCallersThread() {
        try (OrderedExecutor ex = new OrderedExecutor("disk", 1)) {
            assertThat(ex.submit(1, () -> Thread.currentThread().getName()).join()).startsWith("disk-");
        }
    }

    @Test
    void afterCloseSubmissionsFail() {
        OrderedExecutor ex = new OrderedExecutor("t", 1);
        ex.close();
        assertThat(ex.submit(1, () -> 1)).isCompletedExceptionally();
    }
}
