package io.jmfs.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class InteropPrerequisitesTest {
    @Test
    void nothingMissingLetsTheTestRun() {
        assertThatCode(() -> InteropPrerequisites.check(List.of(), true)).doesNotThrowAnyException();
        assertThatCode(() -> InteropPrerequisites.check(List.of(), false)).doesNotThrowAnyException();
    }

    @Test
    void aMissingPrerequisiteSkipsTheTestAndSaysWhat() {
        assertThatThrownBy(() -> InteropPrerequisites.check(List.of("root"), false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("root")
                .hasMessageContaining("MFS_INTEROP=required");
    }

    @Test
    void whenInteropIsRequiredAMissingPrerequisiteFailsTheTest() {
        assertThatThrownBy(() -> InteropPrerequisites.check(List.of("/dev/fuse", "root"), true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("/dev/fuse; root");
    }

    @Test
    void binariesAreFoundOnThePath() {
        assertThat(Prerequisites.find("sh")).isPresent();
        assertThat(Prerequisites.find("no-such-binary-jmfs")).isEmpty();
    }
}
