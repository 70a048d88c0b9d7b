package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.master.fs.change.Change;
import org.junit.jupiter.api.Test;

/** APPEND changelog lines as MooseFS 3.0.117 writes them, and the whole-file form older masters wrote. */
class AppendChangelogLineTest {
    private static Change.Append parse(String line) {
        return (Change.Append) ((LoggedChange.Fs) ChangelogParser.parse(line).change()).change();
    }

    @Test
    void aSliceLineParsesAndIsWrittenBackUnchanged() {
        String line = "57: 1700000000|APPEND(9,7,0,4294967295)";

        Change.Append a = parse(line);

        assertThat(a.inode()).isEqualTo(9);
        assertThat(a.srcInode()).isEqualTo(7);
        assertThat(a.sliceFrom()).isZero();
        assertThat(a.sliceTo()).isEqualTo(-1);
        assertThat(a.wholeFile()).isFalse();
        assertThat("57: " + a).isEqualTo(line);
    }

    @Test
    void theTwoArgumentFormMeansTheWholeSourceFile() {
        Change.Append a = parse("3: 1700000000|APPEND(9,7)");

        assertThat(a.wholeFile()).isTrue();
        assertThat(a.ts()).isEqualTo(1_700_000_000);
    }

    @Test
    void otherArgumentCountsAndResultsAreRefused() {
        assertThatThrownBy(() -> parse("3: 1700000000|APPEND(9,7,1)")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("APPEND: missing argument 4");
        assertThatThrownBy(() -> parse("3: 1700000000|APPEND(9,7,0,1):5")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("APPEND takes 4 arguments and 0 results");
    }
}
