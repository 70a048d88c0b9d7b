package io.jmfs.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.MfsStatus;
import org.junit.jupiter.api.Test;

class MfsExceptionTest {

    @Test
    void aRefusalNamesTheOperationAndMapsToItsErrnoWithoutCapturingAStack() {
        MfsException e = new MfsException(MfsStatus.ENOENT, "lookup Foo.java");
        assertThat(e.getMessage()).startsWith("lookup Foo.java: ");
        assertThat(e.status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(e.errno()).isEqualTo(MfsStatus.ENOENT.errno());
        assertThat(e.getStackTrace()).isEmpty();
    }
}
