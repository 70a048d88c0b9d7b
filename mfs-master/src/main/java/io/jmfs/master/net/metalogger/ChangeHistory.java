package io.jmfs.master.net.metalogger;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent changelog lines, in memory, so a metalogger that reconnects can get what it missed. The lines have
 * consecutive versions {@code [firstVersion, nextVersion)}; lines older than {@code preserveSeconds} (MooseFS's
 * CHANGELOG_PRESERVE_SECONDS), lines beyond {@code maxLines} and texts beyond {@link #MAX_TEXT_BYTES} are dropped
 * from the old end. A line whose version does not follow the last one starts the history afresh: a replay never
 * crosses a gap. Metadata loop only.
 *
 * <p>Memory: while a namespace is being filled the history holds as many lines as there are new files, so it costs
 * about what its texts weigh plus 8 bytes a line. The texts sit back to back in a {@link ByteWindow}; per line one
 * long, in a second {@link ByteWindow} (at 8 bytes times the line's place since the last restart), holds its second
 * (high half) and the low 32 bits of where its text starts, which is enough because the texts held never span
 * 4 GiB. Both live in small fixed pages that go as the old end moves on. {@link Line} objects exist only while a
 * replay batch is being sent.
 */
final class ChangeHistory {

    /** One line: its version, when it was logged (seconds), and its text without the version prefix. */
    record Line(long version, long second, byte[] text) {
    }

    /** A ceiling on the texts held, whatever the line count and age (and far below the 4 GiB that starts allow). */
    static final long MAX_TEXT_BYTES = 1L << 30;

    private static final long LOW_32 = 0xFFFF_FFFFL;

    private final long preserveSeconds;
    private final int maxLines;
    private final long maxTextBytes;
    private final ByteWindow entries = new ByteWindow();
    private final ByteWindow texts = new ByteWindow();
    /** The version of the line at entries' position 0: the one expected when the history last restarted. */
    private long baseVersion;
    private long firstVersion;
    private long firstTextStart;

    ChangeHistory(long preserveSeconds, int maxLines) {
        this(preserveSeconds, maxLines, MAX_TEXT_BYTES);
    }

    ChangeHistory(long preserveSeconds, int maxLines, long maxTextBytes) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be positive");
        }
        if (maxTextBytes < 1 || maxTextBytes > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("maxTextBytes must be in [1, " + MAX_TEXT_BYTES + "]");
        }
        this.preserveSeconds = preserveSeconds;
        this.maxLines = maxLines;
        this.maxTextBytes = maxTextBytes;
        restartAt(0);
    }

    /** Forgets everything; the next line expected is {@code nextVersion}. */
    void restartAt(long nextVersion) {
        baseVersion = nextVersion;
        firstVersion = nextVersion;
        entries.restartAt(0);
        texts.restartAt(0);
        firstTextStart = 0;
    }

    long firstVersion() {
        return firstVersion;
    }

    /** The version the next line will have. */
    long nextVersion() {
        return baseVersion + entries.end() / Long.BYTES;
    }

    int size() {
        return (int) (nextVersion() - firstVersion);
    }

    /** Whether a replay from {@code version} on is possible (the end counts: nothing to replay then). */
    boolean covers(long version) {
        return version >= firstVersion && version <= nextVersion();
    }

    void add(long version, byte[] text, long nowSecond) {
        if (version != nextVersion()) {
            restartAt(version);
        }
        entries.appendLong((nowSecond & LOW_32) << 32 | (texts.end() & LOW_32));
        texts.append(text);
        // the newest line always stays, so the history keeps knowing which version comes next
        while (size() > 1 && (size() > maxLines || texts.end() - firstTextStart > maxTextBytes
                || secondOf(firstVersion) < nowSecond - preserveSeconds)) {
            dropOldest();
        }
    }

    /** At most {@code max} lines from {@code version} on; empty when {@code version} is the next one. */
    List<Line> from(long version, int max) {
        if (!covers(version)) {
            throw new IllegalArgumentException("version " + version + " is not in the history [" + firstVersion + ", "
                    + nextVersion() + ")");
        }
        int n = (int) Math.min(max, nextVersion() - version);
        List<Line> out = new ArrayList<>(n);
        for (long v = version; v < version + n; v++) {
            out.add(new Line(v, secondOf(v), texts.read(textStart(v), textEnd(v))));
        }
        return out;
    }

    /** Bytes of pages the history holds now (texts and per-line entries). */
    long bytesHeld() {
        return (long) (texts.pagesHeld() + entries.pagesHeld()) * ByteWindow.PAGE_SIZE;
    }

    private long secondOf(long version) {
        return entry(version) >>> 32;
    }

    private long textStart(long version) {
        long low = entry(version) & LOW_32;
        return firstTextStart + ((low - firstTextStart) & LOW_32);
    }

    private long textEnd(long version) {
        return version + 1 < nextVersion() ? textStart(version + 1) : texts.end();
    }

    private long entry(long version) {
        return entries.getLong((version - baseVersion) * Long.BYTES);
    }

    private void dropOldest() {
        firstVersion++;
        firstTextStart = textStart(firstVersion);
        entries.dropBefore((firstVersion - baseVersion) * Long.BYTES);
        texts.dropBefore(firstTextStart);
    }
}
