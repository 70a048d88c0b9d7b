package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata thread gathers the lines of one turn of its loop and hands them to the writer thread together: the
 * batch goes out when the queued hand-over task runs, and before anything that must see every line so far (flush,
 * rotation).
 */
class ChangelogBatchingTest {
    @TempDir
    Path dir;

    private final Queue<Runnable> turnEnd = new ArrayDeque<>();
    private final Executor afterTurn = turnEnd::add;
    private ChangelogWriter writer;
    private Changelog changelog;

    @BeforeEach
    void start() throws Exception {
        writer = new ChangelogWriter(dir, 2, ChangelogWriter.BACKGROUND);
        changelog = new Changelog(MetaState.standalone(7), writer);
        changelog.batchOn(afterTurn);
    }

    @AfterEach
    void stop() {
        writer.close();
    }

    @Test
    void linesOfOneTurnReachTheFileWhenTheTurnEnds() throws Exception {
        changelog.append(new LoggedChange.MetaId(100, 7));
        changelog.append(new LoggedChange.MetaId(101, 7));

        writer.flush().join();
        assertThat(fileLines(0)).isEmpty();
        assertThat(turnEnd).hasSize(1); // one hand-over for the whole turn, not one per line

        turnEnd.poll().run();
        writer.flush().join();
        assertThat(fileLines(0)).containsExactly("1: 100|SETMETAID(7)", "2: 101|SETMETAID(7)");
    }

    @Test
    void aFlushThroughTheChangelogIncludesTheCurrentTurn() throws Exception {
        changelog.append(new LoggedChange.MetaId(100, 7));

        changelog.flush().join();

        assertThat(fileLines(0)).containsExactly("1: 100|SETMETAID(7)");
        turnEnd.poll().run(); // the queued hand-over finds nothing left and writes nothing twice
        changelog.flush().join();
        assertThat(fileLines(0)).containsExactly("1: 100|SETMETAID(7)");
    }

    @Test
    void aRotationKeepsEveryEarlierLineInTheOlderFile() throws Exception {
        changelog.append(new LoggedChange.MetaId(100, 7));
        changelog.rotate().join();
        changelog.append(new LoggedChange.MetaId(101, 7));
        turnEnd.forEach(Runnable::run);

        changelog.flush().join();

        assertThat(fileLines(1)).containsExactly("1: 100|SETMETAID(7)");
        assertThat(fileLines(0)).containsExactly("2: 101|SETMETAID(7)");
    }

    @Test
    void aNewTurnQueuesANewHandOver() {
        changelog.append(new LoggedChange.MetaId(100, 7));
        turnEnd.poll().run();
        changelog.append(new LoggedChange.MetaId(101, 7));

        assertThat(turnEnd).hasSize(1);
    }

    private List<String> fileLines(int n) throws Exception {
        Path f = ChangelogFiles.file(dir, n);
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }
}
