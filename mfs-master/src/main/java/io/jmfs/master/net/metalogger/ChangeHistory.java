package io.jmfs.master.net.metalogger;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent changelog lines, in memory, so a metalogger that reconnects can get what it missed. The lines have
 * consecutive versions {@code [firstVersion, nextVersion)}; lines older than {@code preserveSeconds} (MooseFS's
 * CHANGELOG_PRESERVE_SECONDS) and lines beyond {@code maxLines} are dropped from the old end. A line whose version
 * does not follow the last one starts the history afresh: a replay never crosses a gap. Metadata loop only.
 */
final class ChangeHistory {

    /** One line: its version, when it was logged (seconds), and its text without the version prefix. */
    record Line(long version, long second, byte[] text) {
    }

    private final long preserveSeconds;
    private final int maxLines;
    private Line[] ring = new Line[1024];
    private int head;
    private int size;
    private long firstVersion;

    ChangeHistory(long preserveSeconds, int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive");
        }
        this.preserveSeconds = preserveSeconds;
        this.maxLines = maxLines;
    }

    /** Forgets everything; the next line expected is {@code nextVersion}. */
    void restartAt(long nextVersion) {
        ring = new Line[1024];
        head = 0;
        size = 0;
        firstVersion = nextVersion;
    }

    long firstVersion() {
        return firstVersion;
    }

    /** The version the next line will have. */
    long nextVersion() {
        return firstVersion + size;
    }

    int size() {
        return size;
    }

    /** Whether a replay from {@code version} on is possible (the end counts: nothing to replay then). */
    boolean covers(long version) {
        return version >= firstVersion && version <= nextVersion();
    }

    void add(long version, byte[] text, long nowSecond) {
        if (version != nextVersion()) {
            restartAt(version);
        }
        if (size >= maxLines) {
            dropOldest();
        } else if (size == ring.length) {
            grow();
        }
        ring[(head + size) % ring.length] = new Line(version, nowSecond, text);
        size++;
        forgetOlderThan(nowSecond - preserveSeconds);
    }

    /** At most {@code max} lines from {@code version} on; empty when {@code version} is the next one. */
    List<Line> from(long version, int max) {
        if (!covers(version)) {
            throw new IllegalArgumentException("version " + version + " is not in the history [" + firstVersion + ", "
                    + nextVersion() + ")");
        }
        int skip = (int) (version - firstVersion);
        int n = Math.min(max, size - skip);
        List<Line> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(ring[(head + skip + i) % ring.length]);
        }
        return out;
    }

    private void forgetOlderThan(long second) {
        // the newest line always stays, so the history keeps knowing which version comes next
        while (size > 1 && ring[head].second() < second) {
            dropOldest();
        }
    }

    private void dropOldest() {
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        firstVersion++;
    }

    private void grow() {
        Line[] bigger = new Line[(int) Math.min((long) ring.length * 2, maxLines)];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }
}
