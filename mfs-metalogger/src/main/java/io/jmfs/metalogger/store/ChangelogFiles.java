package io.jmfs.metalogger.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The live change log: {@code changelog_ml.0.mfs} receives {@code "<version>: <line>\n"} records, and a rotation
 * shifts {@code .N} to {@code .N+1}, keeping {@code backLogs} older files. A record is written only when its
 * version follows the last one written, so the files never hold a gap or a duplicate; recovery on open finds the
 * last version again and cuts off a half-written last line.
 */
public final class ChangelogFiles implements AutoCloseable {

    /** What {@link #append} did with a record. */
    public enum Append {
        APPENDED,
        /** The version is above {@code last + 1}: changes in between were never received. */
        GAP,
        /** The version is at or below the last one written: the stream went back in time. */
        NOT_NEWER
    }

    private static final int TAIL_SCAN = 1 << 20;

    private final Path dir;
    private final int backLogs;
    private OutputStream out;
    private long lastVersion;

    private ChangelogFiles(Path dir, int backLogs, long lastVersion) {
        this.dir = dir;
        this.backLogs = backLogs;
        this.lastVersion = lastVersion;
    }

    /** Opens the change logs in {@code dir}, finding the last version already written (0 when there is none). */
    public static ChangelogFiles open(Path dir, int backLogs) throws IOException {
        if (backLogs < 0) {
            throw new IllegalArgumentException("backLogs must not be negative: " + backLogs);
        }
        long last = 0;
        for (int i = 0; i <= Math.min(backLogs, 1) && last == 0; i++) {
            last = recoverLastVersion(logFile(dir, i), i == 0).orElse(0);
        }
        return new ChangelogFiles(dir, backLogs, last);
    }

    /** The change log file {@code changelog_ml.N.mfs}. */
    public static Path logFile(Path dir, int index) {
        return dir.resolve("changelog_ml." + index + ".mfs");
    }

    /** The last version written; 0 when the logs are empty (then any version is accepted next). */
    public long lastVersion() {
        return lastVersion;
    }

    public Path current() {
        return logFile(dir, 0);
    }

    /** Appends {@code "<version>: <line>"} when {@code version} is {@code last + 1} (or the logs are empty). */
    public Append append(long version, byte[] line) throws IOException {
        if (version <= 0) {
            throw new IllegalArgumentException("changelog versions start at 1: " + Long.toUnsignedString(version));
        }
        if (lastVersion > 0 && version != lastVersion + 1) {
            return Long.compareUnsigned(version, lastVersion) <= 0 ? Append.NOT_NEWER : Append.GAP;
        }
        for (byte b : line) {
            if (b == '\n' || b == 0) {
                throw new IllegalArgumentException("a changelog line must not contain a newline or NUL");
            }
        }
        if (out == null) {
            out = Files.newOutputStream(current(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        out.write((Long.toUnsignedString(version) + ": ").getBytes(StandardCharsets.US_ASCII));
        out.write(line);
        out.write('\n');
        lastVersion = version;
        return Append.APPENDED;
    }

    /** Pushes written records to the operating system. */
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /** The master's rotate command: {@code .N} becomes {@code .N+1}, the oldest beyond {@code backLogs} goes. */
    public void rotate() throws IOException {
        closeCurrent();
        if (backLogs == 0) {
            Files.deleteIfExists(current());
            return;
        }
        Files.deleteIfExists(logFile(dir, backLogs));
        for (int i = backLogs; i > 0; i--) {
            Path older = logFile(dir, i - 1);
            if (Files.exists(older)) {
                Files.move(older, logFile(dir, i));
            }
        }
    }

    /** Deletes every change log: after a gap they cannot be replayed onto any metadata we will hold. */
    public void dropAll() throws IOException {
        closeCurrent();
        for (int i = 0; i <= backLogs; i++) {
            Files.deleteIfExists(logFile(dir, i));
        }
        lastVersion = 0;
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }

    private void closeCurrent() throws IOException {
        if (out != null) {
            OutputStream o = out;
            out = null;
            o.close();
        }
    }

    /**
     * The version of the last complete line of {@code file}. A trailing fragment without newline is a record cut by
     * a crash; it is removed from the current log ({@code truncate}) so that the next record starts a line.
     */
    static OptionalLong recoverLastVersion(Path file, boolean truncate) throws IOException {
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), truncate ? "rw" : "r")) {
            long size = f.length();
            int scan = (int) Math.min(size, TAIL_SCAN);
            byte[] tail = new byte[scan];
            f.seek(size - scan);
            f.readFully(tail);
            int end = scan - 1;
            while (end >= 0 && tail[end] != '\n') {
                end--;
            }
            if (end < 0) {
                if (truncate && size <= TAIL_SCAN) {
                    f.setLength(0);
                }
                return OptionalLong.empty();
            }
            if (truncate && end != scan - 1) {
                f.setLength(size - scan + end + 1);
            }
            int start = end - 1;
            while (start >= 0 && tail[start] != '\n') {
                start--;
            }
            return parseVersion(tail, start + 1, end);
        }
    }

    private static OptionalLong parseVersion(byte[] bytes, int from, int to) {
        long version = 0;
        int i = from;
        while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
            version = version * 10 + (bytes[i] - '0');
            i++;
        }
        return i > from && i < to && bytes[i] == ':' ? OptionalLong.of(version) : OptionalLong.empty();
    }
}
