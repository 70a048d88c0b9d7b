package io.jmfs.client.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void tasksOfOneQueueRunInSubmissionOrderOneAtATimeOnAParallelPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            int[] running = {0};
            boolean[] overlapped = {false};
            CountDownLatch done = new CountDownLatch(500);
            for (int i = 0; i < 500; i++) {
                int n = i;
                serial.execute(() -> {
                    synchronized (running) {
                        overlapped[0] |= ++running[0] > 1;
                    }
                    order.add(n);
                    synchronized (running) {
                        running[0]--;
                    }
                    done.countDown();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactlyElementsOf(IntStream.range(0, 500).boxed().toList());
            assertThat(overlapped[0]).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }
}
