package io.jmfs.master.meta;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The dump files of a data folder: {@code metadata.mfs} (the newest complete dump), its older generations
 * {@code metadata.mfs.back.1..N}, and MooseFS's {@code metadata.mfs.back} (what a real master left after a crash).
 * A new dump is written to {@code metadata.mfs.tmp}, forced to disk, and renamed over {@code metadata.mfs} after
 * the older ones moved down one generation, so a crash at any moment leaves a complete dump behind.
 */
public final class DumpFiles {
    public static final String CURRENT = "metadata.mfs";

    private DumpFiles() {
    }

    public static Path current(Path dir) {
        return dir.resolve(CURRENT);
    }

    /** Writes {@code state} as the new {@code metadata.mfs}, keeping {@code keepPrevious} older dumps. */
    public static void install(MetaState state, Path dir, int keepPrevious) throws IOException {
        Path tmp = dir.resolve(CURRENT + ".tmp");
        DumpWriter.write(state, tmp);
        Path current = current(dir);
        if (Files.exists(current)) {
            if (keepPrevious > 0) {
                Files.deleteIfExists(back(dir, keepPrevious));
                for (int n = keepPrevious - 1; n >= 1; n--) {
                    if (Files.exists(back(dir, n))) {
                        Files.move(back(dir, n), back(dir, n + 1), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.move(current, back(dir, 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(tmp, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir);
    }

    public static Path back(Path dir, int n) {
        return dir.resolve(CURRENT + ".back." + n);
    }

    /** Every dump candidate present, newest generation first: metadata.mfs, .back, .back.1, .back.2, ... */
    public static List<Path> candidates(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.exists(current(dir))) {
            out.add(current(dir));
        }
        if (Files.exists(dir.resolve(CURRENT + ".back"))) {
            out.add(dir.resolve(CURRENT + ".back"));
        }
        for (int n = 1; n < 1000 && Files.exists(back(dir, n)); n++) {
            out.add(back(dir, n));
        }
        return out;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }
}
