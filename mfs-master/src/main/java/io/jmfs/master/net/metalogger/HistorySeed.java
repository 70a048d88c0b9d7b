package io.jmfs.master.net.metalogger;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a new master's history with the newest lines of the changelogs it started from. A metalogger that was
 * connected to the previous run asks, after the restart, for the version after its last line; lines the previous
 * run logged after the metalogger's connection closed (sessions closing at stop) exist only in these files, and
 * without them the metalogger would see a gap and download everything again.
 */
final class HistorySeed {
    private static final Pattern CHANGELOG = Pattern.compile("changelog\\.(\\d{1,9})\\.mfs");
    /** Only the newest files matter: a restart's missing lines are in the last one or two. */
    private static final int FILES_READ = 3;
    /** Enough for any restart; far fewer than the history may hold. */
    static final int MAX_SEED_LINES = 100_000;

    private record Line(long version, byte[] text) {
    }

    private HistorySeed() {
    }

    /** Leaves {@code history} holding the consecutive lines that end right before {@code nextVersion}. */
    static void fill(ChangeHistory history, Path dataPath, long nextVersion, long nowSecond) throws IOException {
        List<Path> newestFirst = new ArrayList<>();
        try (var s = Files.list(dataPath)) {
            s.filter(p -> CHANGELOG.matcher(p.getFileName().toString()).matches()).forEach(newestFirst::add);
        }
        newestFirst.sort(Comparator.comparingInt(HistorySeed::number));
        Deque<Line> tail = new ArrayDeque<>();
        long expected = nextVersion - 1; // walking backwards: the version the next line back must have
        collect:
        for (Path file : newestFirst.subList(0, Math.min(FILES_READ, newestFirst.size()))) {
            List<Line> lines = read(file);
            for (int i = lines.size() - 1; i >= 0; i--) {
                Line line = lines.get(i);
                if (line.version() > expected && tail.isEmpty()) {
                    continue; // past the loaded state (only after a lenient -a load): never replayed
                }
                if (line.version() != expected || tail.size() >= MAX_SEED_LINES) {
                    break collect;
                }
                tail.addFirst(line);
                expected--;
            }
        }
        history.restartAt(nextVersion - tail.size());
        for (Line line : tail) {
            // their real age is unknown here; counted from now, so the preserve time still limits them
            history.add(line.version(), line.text(), nowSecond);
        }
    }

    /** The last {@link #MAX_SEED_LINES} lines of {@code file} (streamed: a changelog can be large). */
    private static List<Line> read(Path file) throws IOException {
        Deque<Line> out = new ArrayDeque<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String text;
            while ((text = r.readLine()) != null) {
                int sep = text.indexOf(": ");
                long version;
                try {
                    version = sep > 0 ? Long.parseLong(text.substring(0, sep)) : -1;
                } catch (NumberFormatException e) {
                    version = -1;
                }
                if (version < 0) {
                    out.clear(); // nothing before a damaged line can be part of an unbroken tail
                    continue;
                }
                if (out.size() == MAX_SEED_LINES) {
                    out.removeFirst();
                }
                out.addLast(new Line(version, text.substring(sep + 2).getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return new ArrayList<>(out);
    }

    private static int number(Path file) {
        Matcher m = CHANGELOG.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
