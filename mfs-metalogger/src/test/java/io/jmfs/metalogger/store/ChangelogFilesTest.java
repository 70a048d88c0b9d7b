package io.jmfs.metalogger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.metalogger.store.ChangelogFiles.Append;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangelogFilesTest {
    @TempDir
    Path dir;

    private static byte[] line(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyLogsAcceptAnyFirstVersionThenOnlyTheNextOne() throws IOException {
        try (ChangelogFiles logs = ChangelogFiles.open(dir, 5)) {
            assertThat(logs.lastVersion()).isZero();
            assertThat(logs.append(41, line("1|ACCESS(1)"))).isEqualTo(Append.APPENDED);
            assertThat(logs.append(42, line("1|ACCESS(2)"))).isEqualTo(Append.APPENDED);
            assertThat(logs.append(44, line("1|ACCESS(4)"))).isEqualTo(Append.GAP);
            assertThat(logs.append(42, line("1|ACCESS(2)"))).isEqualTo(Append.NOT_NEWER);
            assertThat(logs.append(40, line("1|ACCESS(0)"))).isEqualTo(Append.NOT_NEWER);
            logs.flush();
            assertThat(logs.lastVersion()).isEqualTo(42);
        }
        assertThat(ChangelogFiles.logFile(dir, 0)).hasContent("41: 1|ACCESS(1)\n42: 1|ACCESS(2)\n");
    }

    @Test
    void aLineWithANewlineIsRefusedBeforeAnythingIsWritten() throws IOException {
        try (ChangelogFiles logs = ChangelogFiles.open(dir, 5)) {
            assertThatThrownBy(() -> logs.append(1, line("a\nb"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(logs.lastVersion()).isZero();
        }
        assertThat(ChangelogFiles.logFile(dir, 0)).doesNotExist();
    }

    @Test
    void rotationShiftsTheFilesAndKeepsBackLogsOlderOnes() throws IOException {
        try (ChangelogFiles logs = ChangelogFiles.open(dir, 2)) {
            for (int v = 1; v <= 4; v++) {
                logs.append(v, line("x"));
                logs.rotate();
            }
            logs.append(5, line("x"));
            logs.flush();
        }
        assertThat(ChangelogFiles.logFile(dir, 0)).hasContent("5: x\n");
        assertThat(ChangelogFiles.logFile(dir, 1)).hasContent("4: x\n");
        assertThat(ChangelogFiles.logFile(dir, 2)).hasContent("3: x\n");
        assertThat(ChangelogFiles.logFile(dir, 3)).doesNotExist();
    }

    @Test
    void reopeningFindsTheLastVersionAndCutsAHalfWrittenLine() throws IOException {
        Files.writeString(ChangelogFiles.logFile(dir, 0), "7: a\n8: b\n9: c|HALF");
        try (ChangelogFiles logs = ChangelogFiles.open(dir, 5)) {
            assertThat(logs.lastVersion()).isEqualTo(8);
            logs.append(9, line("c"));
            logs.flush();
        }
        assertThat(ChangelogFiles.logFile(dir, 0)).hasContent("7: a\n8: b\n9: c\n");
    }

    @Test
    void justAfterARotationTheLastVersionComesFromTheFirstBackLog() throws IOException {
        Files.writeString(ChangelogFiles.logFile(dir, 1), "7: a\n8: b\n");
        try (ChangelogFiles logs = ChangelogFiles.open(dir, 5)) {
            assertThat(logs.lastVersion()).isEqualTo(8);
        }
    }

    @Test
    void droppingDeletesEveryLogAndForgetsTheVersion() throws IOException {
        try (ChangelogFiles logs = ChangelogFiles.open(dir, 3)) {
            logs.append(1, line("x"));
            logs.rotate();
            logs.append(2, line("x"));
            logs.dropAll();
            assertThat(logs.lastVersion()).isZero();
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
