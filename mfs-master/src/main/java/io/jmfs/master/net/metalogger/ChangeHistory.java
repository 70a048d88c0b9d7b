package io.jmfs.master.net.metalogger;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent changelog lines, in memory, so a metalogger that reconnects can get what it missed. The lines have
 * consecutive versions {@code [firstVersion, nextVersion)}; lines older than {@code preserveSeconds} (MooseFS's
 * CHANGELOG_PRESERVE_SECONDS) and lines beyond {@code maxLines} are dropped from the old end. A line whose version
 * does not follow the last one starts the history afresh: a replay never crosses a gap. Metadata loop only.
 *
 * <p>Memory: the history can hold a million lines while a namespace is being filled, so it must not cost an object
 * per line. The texts sit back to back in one circular byte arena; per line only its arena offset and its second
 * are kept, in primitive rings; the version is implied by the position. {@link Line} objects exist only while a
 * replay batch is being sent.
 */
final class ChangeHistory {

    /** One line: its version, when it was logged (seconds), and its text without the version prefix. */
    record Line(long version, long second, byte[] text) {
    }

    private static final int INITIAL_LINES = 1024;
    private static final int INITIAL_ARENA = 64 * 1024;

    private final long preserveSeconds;
    private final int maxLines;

    // per line, ring-indexed from `head`: where its text starts in the arena (as a running byte count) and its second
    private long[] starts;
    private long[] seconds;
    private int head;
    private int size;
    private long firstVersion;

    // the texts: bytes [arenaFirst, arenaEnd) of an unbounded stream, stored modulo arena.length
    private byte[] arena;
    private long arenaFirst;
    private long arenaEnd;

    ChangeHistory(long preserveSeconds, int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive");
        }
        this.preserveSeconds = preserveSeconds;
        this.maxLines = maxLines;
        restartAt(0);
    }

    /** Forgets everything; the next line expected is {@code nextVersion}. */
    void restartAt(long nextVersion) {
        starts = new long[INITIAL_LINES];
        seconds = new long[INITIAL_LINES];
        head = 0;
        size = 0;
        firstVersion = nextVersion;
        arena = new byte[INITIAL_ARENA];
        arenaFirst = 0;
        arenaEnd = 0;
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
        } else if (size == starts.length) {
            growLines();
        }
        ensureArenaRoom(text.length);
        int slot = slot(size);
        starts[slot] = arenaEnd;
        seconds[slot] = nowSecond;
        copyIn(text);
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
            int index = skip + i;
            out.add(new Line(firstVersion + index, seconds[slot(index)], textAt(index)));
        }
        return out;
    }

    private int slot(int index) {
        return (head + index) % starts.length;
    }

    private byte[] textAt(int index) {
        long start = starts[slot(index)];
        long end = index + 1 < size ? starts[slot(index + 1)] : arenaEnd;
        byte[] text = new byte[(int) (end - start)];
        int from = (int) (start % arena.length);
        int firstPart = Math.min(text.length, arena.length - from);
        System.arraycopy(arena, from, text, 0, firstPart);
        System.arraycopy(arena, 0, text, firstPart, text.length - firstPart);
        return text;
    }

    private void copyIn(byte[] text) {
        int to = (int) (arenaEnd % arena.length);
        int firstPart = Math.min(text.length, arena.length - to);
        System.arraycopy(text, 0, arena, to, firstPart);
        System.arraycopy(text, firstPart, arena, 0, text.length - firstPart);
        arenaEnd += text.length;
    }

    private void ensureArenaRoom(int bytes) {
        long used = arenaEnd - arenaFirst;
        if (used + bytes <= arena.length) {
            return;
        }
        long wanted = Math.max((long) arena.length * 2, used + bytes);
        if (wanted > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("changelog history over 2 GiB");
        }
        byte[] bigger = new byte[(int) wanted];
        // keep stream positions: byte p of the stream moves to p % bigger.length
        for (long p = arenaFirst; p < arenaEnd; ) {
            int from = (int) (p % arena.length);
            int to = (int) (p % bigger.length);
            int run = (int) Math.min(arenaEnd - p, Math.min(arena.length - from, bigger.length - to));
            System.arraycopy(arena, from, bigger, to, run);
            p += run;
        }
        arena = bigger;
    }

    private void forgetOlderThan(long second) {
        // the newest line always stays, so the history keeps knowing which version comes next
        while (size > 1 && seconds[head] < second) {
            dropOldest();
        }
    }

    private void dropOldest() {
        head = (head + 1) % starts.length;
        size--;
        firstVersion++;
        arenaFirst = size > 0 ? starts[head] : arenaEnd;
    }

    private void growLines() {
        int length = (int) Math.min((long) starts.length * 2, maxLines);
        long[] biggerStarts = new long[length];
        long[] biggerSeconds = new long[length];
        for (int i = 0; i < size; i++) {
            biggerStarts[i] = starts[slot(i)];
            biggerSeconds[i] = seconds[slot(i)];
        }
        starts = biggerStarts;
        seconds = biggerSeconds;
        head = 0;
    }
}
