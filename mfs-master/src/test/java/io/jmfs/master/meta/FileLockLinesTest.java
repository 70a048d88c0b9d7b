package io.jmfs.master.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The real master logs every flock and fcntl lock; a changelog taken over from it holds such lines. Locks are not
 * restored here (nor from a dump), so they replay as no change, but they must parse, keep their text and their
 * version, and a malformed one is still an error.
 */
class FileLockLinesTest {
    private static final String[] REAL_LINES = {
        "17: 1795260100|FLOCK(5,1,8589934593,W)",
        "18: 1795260101|FLOCK(5,1,8589934593,U)",
        "19: 1795260102|POSIXLOCK(6,2,140737488355328,R,0,18446744073709551615,4242)",
        "20: 1795260103|POSIXLOCK(6,2,140737488355328,U,0,100,4242)",
    };

    @Test
    void lockLinesParseAndRenderBackToTheRealMastersText() {
        for (String line : REAL_LINES) {
            ChangelogParser.Line parsed = ChangelogParser.parse(line);
            assertThat(parsed.change()).isInstanceOf(LoggedChange.FileLock.class);
            assertThat(parsed.version() + ": " + parsed.change().text()).isEqualTo(line);
        }
    }

    @Test
    void replayingThemChangesNothing() throws Exception {
        MetaState state = MetaState.standalone(7);
        byte[] before = dump(state);
        for (String line : REAL_LINES) {
            Replayer.apply(state, ChangelogParser.parse(line).change());
        }
        assertThat(dump(state)).isEqualTo(before);
    }

    @Test
    void malformedLockLinesAreRefused() {
        for (String bad : new String[] {"1: 5|FLOCK(5,1,2)", "1: 5|FLOCK(5,1,2,X)", "1: 5|FLOCK(5,x,2,R)",
                "1: 5|POSIXLOCK(6,2,3,R,0,1)", "1: 5|POSIXLOCK(6,2,3,W,0,z,9)"}) {
            assertThatThrownBy(() -> ChangelogParser.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static byte[] dump(MetaState state) throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("locks", ".mfs");
        try {
            DumpWriter.write(state, f);
            return java.nio.file.Files.readAllBytes(f);
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }
}
