package io.jmfs.master.meta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** MooseFS's changelog file names in DATA_PATH: {@code changelog.0.mfs} is written now, higher numbers are older. */
public final class ChangelogFiles {
    private static final Pattern NAME = Pattern.compile("changelog\\.(\\d{1,9})\\.mfs");

    private ChangelogFiles() {
    }

    public static Path file(Path dir, int n) {
        return dir.resolve("changelog." + n + ".mfs");
    }

    /** The changelog files present, oldest first (highest number first). */
    public static List<Path> oldestFirst(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(out::add);
        }
        out.sort(Comparator.comparingInt(ChangelogFiles::number).reversed());
        return out;
    }

    public static int number(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a changelog file: " + file);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * Rotates: {@code changelog.N} becomes {@code N+1} for every N from the highest down to 0, and files beyond
     * {@code keep} are deleted. Afterwards no {@code changelog.0.mfs} exists.
     */
    public static void rotate(Path dir, int keep) throws IOException {
        List<Path> files = oldestFirst(dir);
        for (Path f : files) {
            int n = number(f);
            if (n + 1 > keep) {
                Files.delete(f);
            } else {
                Files.move(f, file(dir, n + 1), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
