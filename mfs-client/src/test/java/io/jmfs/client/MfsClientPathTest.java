package io.jmfs.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MfsClientPathTest {
    @Test
    void pathsSplitIntoComponentsIgnoringEmptyAndDotPartsAndResolvingDotDotLexically() {
        assertThat(MfsClient.components("/")).isEmpty();
        assertThat(MfsClient.components("a//b/./c/")).containsExactly("a", "b", "c");
        assertThat(MfsClient.components("/a/b/../c")).containsExactly("a", "c");
        assertThat(MfsClient.components("/../a")).containsExactly("a");
    }
}
