package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.master.chunks.ChunkChange;
import io.jmfs.master.fs.change.Change;
import org.junit.jupiter.api.Test;

/**
 * Shorter forms of some operations that MooseFS's replay still accepts (changelogs of older masters, and
 * metaloggers' copies of them) parse to the values MooseFS assumes for the missing arguments.
 */
class OlderChangelogFormsTest {
    private static LoggedChange parse(String line) {
        return ChangelogParser.parse(line).change();
    }

    @Test
    void lengthWithoutCanModMtimeChangesTheTimes() {
        assertThat(parse("5: 100|LENGTH(7,4096)")).isEqualTo(new LoggedChange.Fs(new Change.Length(100, 7, 4096, true)));
    }

    @Test
    void writeWithoutFlagsIncreasesTheVersionAndChangesTheTimes() {
        assertThat(parse("5: 100|WRITE(7,2):9")).isEqualTo(
                new LoggedChange.Chunks(new ChunkChange.Write(100, 7, 2, 1, true, 9)));
        assertThat(parse("5: 100|WRITE(7,2,0):9")).isEqualTo(
                new LoggedChange.Chunks(new ChunkChange.Write(100, 7, 2, 0, true, 9)));
    }

    @Test
    void attrWithSixOrSevenArgumentsHasNoWindowsAttributes() {
        Change.Attr expected = new Change.Attr(100, 7, 0644, 1, 2, 50, 60, 0);
        assertThat(parse("5: 100|ATTR(7,420,1,2,50,60)")).isEqualTo(new LoggedChange.Fs(expected));
        assertThat(parse("5: 100|ATTR(7,420,1,2,50,60,420)")).isEqualTo(new LoggedChange.Fs(expected));
    }

    @Test
    void anAttrSettingAPosixAclIsRefusedNotDropped() {
        assertThatThrownBy(() -> parse("5: 100|ATTR(7,420,1,2,50,60,0,4516)"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ACL");
    }

    @Test
    void chunkRecordsTakeExactlyTheirArguments() {
        assertThatThrownBy(() -> parse("5: 100|TRUNC(7,0)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("5: 100|SETVERSION(7,2,3)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("5: 100|WRITE(7,0,1,0,9):3")).isInstanceOf(IllegalArgumentException.class);
        assertThat(parse("5: 100|ROLLBACK(7,0,0,3)")).isEqualTo(
                new LoggedChange.Chunks(new ChunkChange.Rollback(100, 7, 0, 0, 3)));
    }
}
