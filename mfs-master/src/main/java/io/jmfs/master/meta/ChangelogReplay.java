package io.jmfs.master.meta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the changelog files of a data folder onto a state loaded from a dump: every line whose version is at
 * least the state's version, in order, without gaps. Lines already in the dump are skipped. A malformed line, a gap,
 * versions going back, or a change that does not apply stops the replay with a {@link MetadataException} naming
 * the file and line; in lenient mode ({@code -a}) the state stays at the last change that applied and the problem
 * is reported in the result instead. The only tolerated defect is an incomplete last line of the newest file, which
 * a kill during a write leaves behind: it was never completely written, so it is ignored.
 */
public final class ChangelogReplay {
    private static final Logger log = LoggerFactory.getLogger(ChangelogReplay.class);

    /** What a replay did; {@code stoppedBy} is set when a lenient replay stopped at a problem. */
    public record Result(long applied, long nextVersion, String stoppedBy) {
    }

    private ChangelogReplay() {
    }

    /** Replays every changelog in {@code dir}, up to (not including) {@code untilVersion} (0 = all). */
    public static Result replay(MetaState state, Path dir, boolean lenient, long untilVersion) throws IOException {
        return replay(state, ChangelogFiles.oldestFirst(dir), lenient, untilVersion);
    }

    public static Result replay(MetaState state, List<Path> oldestFirst, boolean lenient, long untilVersion)
            throws IOException {
        long applied = 0;
        long previous = -1;
        for (int f = 0; f < oldestFirst.size(); f++) {
            Path file = oldestFirst.get(f);
            boolean newest = f == oldestFirst.size() - 1;
            byte[] bytes = readAll(file);
            int lineNo = 0;
            int pos = 0;
            while (pos < bytes.length) {
                int nl = indexOf(bytes, (byte) '\n', pos);
                lineNo++;
                if (nl < 0) {
                    if (newest) {
                        log.warn("{}: ignoring the incomplete last line {} (the master stopped while writing it)", file,
                                lineNo);
                        break;
                    }
                    MetadataException e = new MetadataException(file, "line " + lineNo + " is incomplete (truncated file)");
                    if (lenient) {
                        return stop(applied, state, e);
                    }
                    throw e;
                }
                String line = new String(bytes, pos, nl - pos, StandardCharsets.ISO_8859_1);
                pos = nl + 1;
                try {
                    long version = versionOf(line);
                    if (version <= previous) {
                        throw new IllegalArgumentException("version " + version + " after " + previous
                                + " (versions must increase)");
                    }
                    previous = version;
                    if (untilVersion != 0 && version >= untilVersion) {
                        return new Result(applied, state.version(), null);
                    }
                    if (version < state.version()) {
                        continue;
                    }
                    if (version > state.version()) {
                        throw new IllegalArgumentException("version " + version + " but " + state.version()
                                + " expected: changes " + state.version() + ".." + (version - 1) + " are missing");
                    }
                    ChangelogParser.Line parsed = ChangelogParser.parse(line);
                    Replayer.apply(state, parsed.change());
                    state.setVersion(version + 1);
                    applied++;
                } catch (IllegalArgumentException | IllegalStateException e) {
                    MetadataException problem = new MetadataException(file, "line " + lineNo + " ('"
                            + abbreviate(line) + "'): " + e.getMessage(), e);
                    if (lenient) {
                        return stop(applied, state, problem);
                    }
                    throw problem;
                }
            }
        }
        if (untilVersion != 0 && state.version() != untilVersion) {
            throw new MetadataException(oldestFirst.isEmpty() ? Path.of("changelog.0.mfs")
                    : oldestFirst.get(oldestFirst.size() - 1), "changelogs end at version " + state.version()
                    + " but the dump needs them up to " + untilVersion);
        }
        return new Result(applied, state.version(), null);
    }

    private static Result stop(long applied, MetaState state, MetadataException e) {
        log.warn("auto-recovery: stopping the replay at version {}: {}", state.version(), e.getMessage());
        return new Result(applied, state.version(), e.getMessage());
    }

    static long versionOf(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("no '<version>:' prefix");
        }
        try {
            return Long.parseLong(line.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad version '" + line.substring(0, colon) + "'");
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    private static byte[] readAll(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
