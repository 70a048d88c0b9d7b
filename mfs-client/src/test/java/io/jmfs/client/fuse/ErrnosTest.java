package io.jmfs.client.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.client.MfsException;
import io.jmfs.protocol.MfsStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

class ErrnosTest {

    @Test
    void masterRefusalsBecomeTheirLinuxErrno() {
        assertThat(Errnos.of(new MfsException(MfsStatus.ENOENT, "lookup"))).isEqualTo(Errnos.ENOENT);
        assertThat(Errnos.of(new MfsException(MfsStatus.EACCES, "mkdir"))).isEqualTo(Errnos.EACCES);
        assertThat(Errnos.of(new MfsException(MfsStatus.EEXIST, "create"))).isEqualTo(Errnos.EEXIST);
        assertThat(Errnos.of(new MfsException(MfsStatus.ENOATTR, "getxattr"))).isEqualTo(Errnos.ENODATA);
        assertThat(Errnos.of(new MfsException(MfsStatus.EPERM, "chown"))).isEqualTo(Errnos.EPERM);
    }

    @Test
    void aStatusWithoutErrnoIsAnIoError() {
        assertThat(Errnos.of(new MfsException(MfsStatus.OK, "odd"))).isEqualTo(Errnos.EIO);
    }

    @Test
    void localFailuresMapToWhatTheyMean() {
        assertThat(Errnos.of(new Errnos.NameTooLongException("x".repeat(300)))).isEqualTo(Errnos.ENAMETOOLONG);
        assertThat(Errnos.of(new InterruptedIOException())).isEqualTo(Errnos.EINTR);
        assertThat(Errnos.of(new IOException("chunkserver gone"))).isEqualTo(Errnos.EIO);
        assertThat(Errnos.of(new IllegalArgumentException("not a plain name"))).isEqualTo(Errnos.EINVAL);
        assertThat(Errnos.of(new IllegalStateException("bug"))).isEqualTo(Errnos.EIO);
    }
}
