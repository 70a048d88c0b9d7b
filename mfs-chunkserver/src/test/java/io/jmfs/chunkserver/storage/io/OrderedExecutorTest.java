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
