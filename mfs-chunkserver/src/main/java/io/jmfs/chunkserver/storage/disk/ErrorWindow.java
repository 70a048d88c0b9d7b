package io.jmfs.chunkserver.storage.disk;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts I/O errors in a sliding time window ({@code HDD_ERROR_TOLERANCE_COUNT} errors per
 * {@code HDD_ERROR_TOLERANCE_PERIOD} seconds): one error more than tolerated means the disk is damaged.
 */
final class ErrorWindow {
    private final int tolerated;
    private final long periodMillis;
    private final Deque<Long> times = new ArrayDeque<>();

    ErrorWindow(int tolerated, long periodMillis) {
        this.tolerated = tolerated;
        this.periodMillis = periodMillis;
    }

    /** Records an error at {@code nowMillis}; true when the tolerance is now exceeded. */
    synchronized boolean record(long nowMillis) {
        times.addLast(nowMillis);
        while (!times.isEmpty() && times.peekFirst() < nowMillis - periodMillis) {
            times.removeFirst();
        }
        return times.size() > tolerated;
    }
}
