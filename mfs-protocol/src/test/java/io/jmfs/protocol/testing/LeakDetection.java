package io.jmfs.protocol.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records Netty's leak reports so that tests can fail on them instead of leaving a log line. Installed before any
 * buffer class loads by {@link LeakDetectionSessionListener}; surefire runs with
 * {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked.
 */
public final class LeakDetection {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private LeakDetection() {
    }

    /** Installs the recording detector factory (idempotent); must run before ByteBuf classes initialise. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation") // abstract in Netty, must be implemented
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                       long maxActive) {
                return new Recording<>(resource, samplingInterval);
            }

            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
                return new Recording<>(resource, samplingInterval);
            }
        });
        installed = true;
    }

    /** Whether leak reports reach this class (false if buffers were created before {@link #install()}). */
    public static boolean active() {
        return installed && ResourceLeakDetector.isEnabled();
    }

    /**
     * Collects garbage a few times and allocates tracked buffers (which is when Netty reports collected leaks), then
     * returns and clears every leak reported so far.
     */
    public static List<String> collectLeaks(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        do {
            System.gc();
            for (int i = 0; i < 32; i++) {
                ByteBuf a = UnpooledByteBufAllocator.DEFAULT.buffer(8);
                a.release();
                ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(8);
                b.release();
            }
        } while (LEAKS.isEmpty() && System.nanoTime() < deadline);
        List<String> found = new ArrayList<>(LEAKS);
        LEAKS.removeAll(found);
        return found;
    }

    private static final class Recording<T> extends ResourceLeakDetector<T> {
        Recording(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add("LEAK " + resourceType + records);
            super.reportTracedLeak(resourceType, records); // keep Netty's own log line for modules that only log
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add("LEAK " + resourceType + " (untraced)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
