package io.jmfs.master.net.metalogger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeHistoryTest {

    private static byte[] text(long v) {
        return ("t|X(" + v + ")").getBytes();
    }

    @Test
    void holdsConsecutiveLinesAndAnswersFromAnyOfThem() {
        ChangeHistory h = new ChangeHistory(1800, 1000);
        h.restartAt(10);
        for (long v = 10; v < 20; v++) {
            h.add(v, text(v), 0);
        }
        assertThat(h.covers(9)).isFalse();
        assertThat(h.covers(20)).as("the end: nothing to replay").isTrue();
        assertThat(h.covers(21)).isFalse();
        assertThat(h.from(15, 3)).extracting(ChangeHistory.Line::version).containsExactly(15L, 16L, 17L);
        assertThat(h.from(20, 3)).isEmpty();
        assertThatThrownBy(() -> h.from(5, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropsTheOldestLinesBeyondItsSizeOrAge() {
        ChangeHistory bySize = new ChangeHistory(1800, 3000);
        bySize.restartAt(0);
        for (long v = 0; v < 10_000; v++) {
            bySize.add(v, text(v), 0);
        }
        assertThat(bySize.firstVersion()).isEqualTo(7000);
        assertThat(bySize.from(7000, 5000)).hasSize(3000).first().extracting(ChangeHistory.Line::version).isEqualTo(7000L);

        ChangeHistory byAge = new ChangeHistory(60, 1000);
        byAge.restartAt(0);
        byAge.add(0, text(0), 100);
        byAge.add(1, text(1), 130);
        byAge.add(2, text(2), 170);
        assertThat(byAge.firstVersion()).as("line 0 is older than 60 s at second 170").isEqualTo(1);
    }

    @Test
    void aGapStartsTheHistoryAfresh() {
        ChangeHistory h = new ChangeHistory(1800, 100);
        h.restartAt(1);
        h.add(1, text(1), 0);
        h.add(5, text(5), 0);
        assertThat(h.firstVersion()).isEqualTo(5);
        assertThat(h.covers(2)).isFalse();
    }

    @Test
    void aRestartedMasterSeedsItWithTheUnbrokenTailOfItsChangelogs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("changelog.3.mfs"), "1: t|A\n2: t|A\n");
        Files.writeString(dir.resolve("changelog.2.mfs"), "4: t|A\n5: t|A\n"); // 3 is missing
        Files.writeString(dir.resolve("changelog.1.mfs"), "6: t|A\n7: t|A\n");
        Files.writeString(dir.resolve("changelog.0.mfs"), "8: t|B\n");
        ChangeHistory h = new ChangeHistory(1800, 100);

        HistorySeed.fill(h, dir, 9, 0);

        assertThat(h.firstVersion()).isEqualTo(4);
        assertThat(h.nextVersion()).isEqualTo(9);
        assertThat(new String(h.from(8, 1).get(0).text())).isEqualTo("t|B");
    }

    @Test
    void keepsEveryTextIntactWhileTheArenaWrapsAndGrows() {
        java.util.Random random = new java.util.Random(7);
        ChangeHistory h = new ChangeHistory(1800, 5000);
        h.restartAt(1);
        java.util.Map<Long, byte[]> sent = new java.util.HashMap<>();
        for (long v = 1; v <= 40_000; v++) {
            byte[] t = new byte[1 + random.nextInt(random.nextInt(10) == 0 ? 3000 : 80)];
            random.nextBytes(t);
            sent.put(v, t);
            h.add(v, t, 0);
        }
        assertThat(h.firstVersion()).isEqualTo(35_001);
        for (ChangeHistory.Line line : h.from(35_001, 10_000)) {
            assertThat(line.text()).as("text of version %d", line.version()).isEqualTo(sent.get(line.version()));
        }
    }
    @Test
    void dropsTheOldestLinesWhenItsTextsOutgrowTheByteCeilingAndKeepsALineLargerThanThat() {
        ChangeHistory h = new ChangeHistory(1800, 1_000_000, 10_000);
        h.restartAt(0);
        for (long v = 0; v < 1000; v++) {
            h.add(v, new byte[100], 0);
        }
        assertThat(h.size()).as("100 lines of 100 bytes fit in 10,000").isEqualTo(100);
        byte[] huge = new byte[3 * ByteWindow.PAGE_SIZE + 5];
        new java.util.Random(3).nextBytes(huge);
        h.add(1000, huge, 0);
        assertThat(h.firstVersion()).as("only the newest line is left").isEqualTo(1000);
        assertThat(h.from(1000, 1).get(0).text()).as("a text spanning four pages").isEqualTo(huge);
    }

    @Test
    void letsGoOfThePagesOfLinesItDropped() {
        ChangeHistory h = new ChangeHistory(1800, 10_000);
        h.restartAt(0);
        for (long v = 0; v < 1_000_000; v++) {
            h.add(v, text(v), 0);
        }
        // 10,000 lines of at most 14 bytes plus 8 per line: one or two text pages and one or two entry pages, whatever
        // went before
        assertThat(h.bytesHeld()).isLessThanOrEqualTo(4L * ByteWindow.PAGE_SIZE);
        assertThat(h.from(990_000, 1).get(0).text()).isEqualTo(text(990_000));
    }

    @Test
    void keepsTheSecondEachLineWasLoggedAt() {
        ChangeHistory h = new ChangeHistory(2_000_000_000L, 100);
        h.restartAt(1);
        h.add(1, text(1), 1_795_000_000L);
        h.add(2, text(2), 3_000_000_000L); // past 2038: seconds are kept as unsigned 32-bit values
        assertThat(h.from(1, 2)).extracting(ChangeHistory.Line::second).containsExactly(1_795_000_000L, 3_000_000_000L);
    }
}
