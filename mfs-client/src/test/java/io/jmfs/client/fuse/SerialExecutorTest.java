package io.jmfs.client.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    /** A thread whose task on {@code serial} has started and runs until {@code release} opens. */
    private static Thread runningUntil(SerialExecutor serial, CountDownLatch release) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> serial.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return t;
    }

    @Test
    void aTaskSubmittedToAnIdleQueueRunsAtOnceOnTheSubmittingThread() {
        SerialExecutor serial = new SerialExecutor();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        serial.execute(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(serial.idle()).isTrue();
    }

    @Test
    void tasksFromManyThreadsRunOneAtATimeAndEachThreadsTasksInItsOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            SerialExecutor serial = new SerialExecutor();
            List<List<Integer>> seen = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                seen.add(Collections.synchronizedList(new ArrayList<>()));
            }
            int[] running = {0};
            boolean[] overlapped = {false};
            CountDownLatch done = new CountDownLatch(8 * 200);
            for (int t = 0; t < 8; t++) {
                int thread = t;
                pool.execute(() -> {
                    for (int i = 0; i < 200; i++) {
                        int n = i;
                        serial.execute(() -> {
                            synchronized (running) {
                                overlapped[0] |= ++running[0] > 1;
                            }
                            seen.get(thread).add(n);
                            synchronized (running) {
                                running[0]--;
                            }
                            done.countDown();
                        });
                    }
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            for (List<Integer> s : seen) {
                assertThat(s).containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
            }
            assertThat(overlapped[0]).isFalse();
            // the last task counts down before its runner has left the executor: idle follows a moment later
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!serial.idle() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(serial.idle()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSubmitterDoesNotWaitForTheRunningTaskItsTaskRunsAfterItOnTheRunningThread() throws Exception {
        SerialExecutor serial = new SerialExecutor();
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicReference<Thread> secondRanOn = new AtomicReference<>();
        Thread runner = runningUntil(serial, releaseFirst);
        serial.execute(() -> secondRanOn.set(Thread.currentThread())); // returns while the first still runs
        assertThat(secondRanOn.get()).isNull();
        releaseFirst.countDown();
        runner.join(10_000);
        assertThat(secondRanOn.get()).isSameAs(runner);
    }

    @Test
    void tryRunNowRunsOnlyWhenTheQueueIsIdleAndOtherwiseLeavesTheTaskToTheCaller() throws Exception {
        SerialExecutor serial = new SerialExecutor();
        boolean[] ran = {false, false};
        assertThat(serial.tryRunNow(() -> ran[0] = true)).isTrue();
        assertThat(ran[0]).isTrue();

        CountDownLatch release = new CountDownLatch(1);
        Thread busy = runningUntil(serial, release);
        assertThat(serial.tryRunNow(() -> ran[1] = true)).isFalse();
        release.countDown();
        busy.join(10_000);
        assertThat(ran[1]).as("a refused task is not run later either").isFalse();
        assertThat(serial.idle()).isTrue();
    }

    @Test
    void aTaskThatThrowsDoesNotStallTheTasksBehindIt() {
        SerialExecutor serial = new SerialExecutor();
        Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
        List<Throwable> reported = new ArrayList<>();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            boolean[] ran = {false};
            serial.execute(() -> {
                throw new IllegalStateException("boom");
            });
            serial.execute(() -> ran[0] = true);
            assertThat(ran[0]).isTrue();
            assertThat(reported).singleElement().isInstanceOf(IllegalStateException.class);
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(before);
        }
    }
}
