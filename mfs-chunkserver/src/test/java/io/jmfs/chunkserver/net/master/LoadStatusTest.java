package io.jmfs.chunkserver.net.master;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The heavy-load status of CURRENT_LOAD: overloaded above 187 busy workers, OK again below 125. */
class LoadStatusTest {
    @Test
    void overloadIsEnteredAboveTheHighMarkAndLeftOnlyBelowTheLowMark() {
        LoadStatus status = new LoadStatus();
        assertThat(status.update(0)).isEqualTo(LoadStatus.OK);
        assertThat(status.update(187)).isEqualTo(LoadStatus.OK);
        assertThat(status.update(188)).isEqualTo(LoadStatus.OVERLOADED);
        assertThat(status.update(125)).as("between the marks: unchanged").isEqualTo(LoadStatus.OVERLOADED);
        assertThat(status.update(124)).isEqualTo(LoadStatus.OK);
        assertThat(status.update(150)).as("between the marks: unchanged").isEqualTo(LoadStatus.OK);
    }
}
