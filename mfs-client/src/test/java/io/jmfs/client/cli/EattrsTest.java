package io.jmfs.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EattrsTest {
    @Test
    void namesMapToMooseFsBitsBothWays() {
        assertThat(Eattrs.parse(List.of("noowner", "immutable"))).isEqualTo(0x81);
        assertThat(Eattrs.describe(0x81)).isEqualTo("noowner,immutable");
        assertThat(Eattrs.describe(0)).isEqualTo("-");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Eattrs.parse(List.of("sticky"))).hasMessageContaining("noowner");
    }
}
