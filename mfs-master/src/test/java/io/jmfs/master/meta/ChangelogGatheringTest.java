package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In MooseFS's default (background) save mode the writer thread, woken by a line, waits a moment for more before it
 * writes: a stream of changes costs a few writes (and wake-ups) a millisecond, not one per change, and nothing is
 * lost or reordered on the way.
 */
class ChangelogGatheringTest {
    private static final int LINES = 300;

    @TempDir
    Path dir;

    @Test
    void linesArrivingOneByOneShareWritesAndKeepTheirOrder() throws Exception {
        List<String> expected = new ArrayList<>();
        try (ChangelogWriter writer = new ChangelogWriter(dir, 2, ChangelogWriter.BACKGROUND)) {
            for (int i = 1; i <= LINES; i++) {
                writer.write(i + ": " + i + "|SETMETAID(7)");
                expected.add(i + ": " + i + "|SETMETAID(7)");
                pause(100_000); // a metadata loop turning every 100 µs, each turn with one change
            }
            writer.flush().join();

            assertThat(Files.readAllLines(ChangelogFiles.file(dir, 0))).containsExactlyElementsOf(expected);
            // about 30 ms of lines: a write per gathering pause, not one per line
            assertThat(writer.writes()).isLessThan(LINES / 3);
        }
    }

    @Test
    void aStopWritesWhatIsGatheredSoFar() throws Exception {
        ChangelogWriter writer = new ChangelogWriter(dir, 2, ChangelogWriter.BACKGROUND);
        writer.write("1: 100|SETMETAID(7)");
        writer.close();

        assertThat(Files.readAllLines(ChangelogFiles.file(dir, 0))).containsExactly("1: 100|SETMETAID(7)");
    }

    private static void pause(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
