package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.master.fs.change.Change;
import org.junit.jupiter.api.Test;

/** SNAPSHOT changelog lines as MooseFS 3.0.117 writes them (a bracketed gid list), and the older single-gid form. */
class SnapshotChangelogLineTest {
    private static Change.Snapshot parse(String line) {
        return (Change.Snapshot) ((LoggedChange.Fs) ChangelogParser.parse(line).change()).change();
    }

    @Test
    void aLineWithAGidListParsesAndIsWrittenBackUnchanged() {
        String line = "42: 1700000000|SNAPSHOT(7,1,snap%2C1,9,64,1000,[1000,27,4294967294],18):123,1,2,3,4,5";

        Change.Snapshot s = parse(line);

        assertThat(s.srcInode()).isEqualTo(7);
        assertThat(s.dstParent()).isEqualTo(1);
        assertThat(s.name()).isEqualTo("snap,1".getBytes());
        assertThat(s.smode()).isEqualTo(9);
        assertThat(s.sesflags()).isEqualTo(64);
        assertThat(s.uid()).isEqualTo(1000);
        assertThat(s.gids()).containsExactly(1000, 27, -2);
        assertThat(s.umask()).isEqualTo(18);
        assertThat(new int[] {s.inodeChecksum(), s.removed(), s.same(), s.existing(), s.hardlinks(), s.created()})
                .containsExactly(123, 1, 2, 3, 4, 5);
        assertThat("42: " + s).isEqualTo(line);
    }

    @Test
    void theOlderSingleGidFormWithoutResultsIsReplayedUnchecked() {
        Change.Snapshot s = parse("3: 1700000000|SNAPSHOT(7,1,s,0,0,0,100,18)");

        assertThat(s.gids()).containsExactly(100);
        assertThat(s.umask()).isEqualTo(18);
        assertThat(s.hasResults()).isFalse();
    }

    @Test
    void aBrokenGidListOrAMissingResultIsRefused() {
        assertThatThrownBy(() -> parse("3: 1|SNAPSHOT(7,1,s,0,0,0,[1,2,18):1,0,0,0,0,1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("3: 1|SNAPSHOT(7,1,s,0,0,0,[1],18):1,0,0,0,0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("3: 1|SNAPSHOT(7,1,s,0,0,0,[1],18,5):1,0,0,0,0,1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
