package io.jmfs.client.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.NodeType;
import org.junit.jupiter.api.Test;

class SpecialFilesTest {
    private static final byte[] INFO = {127, 0, 0, 1, 0x23, 0x28, 0, 0, 0, 7, 0, 3, 0, (byte) 0xEA};

    @Test
    void masterinfoIsAReadOnly14ByteFileInTheRootWithMfsmountsInode() {
        SpecialFiles s = new SpecialFiles(() -> INFO.clone());
        var e = s.lookup(".masterinfo").orElseThrow();
        assertThat(e.inode()).isEqualTo(0x7FFFFFFF);
        assertThat(e.attr().type()).isEqualTo(NodeType.FILE);
        assertThat(e.attr().mode()).isEqualTo(0444);
        assertThat(e.attr().size()).isEqualTo(14);
        assertThat(s.attr(0x7FFFFFFF)).isPresent();
        assertThat(s.entries()).extracting(x -> x.name()).containsExactly(".masterinfo");
        assertThat(s.lookup("other")).isEmpty();
        assertThat(s.attr(5)).isEmpty();
    }

    @Test
    void readsSliceTheContentTakenAtOpen() {
        SpecialFiles s = new SpecialFiles(() -> INFO.clone());
        long fh = s.open(0x7FFFFFFF, 9);
        assertThat(s.read(fh, 0, 4096).orElseThrow()).isEqualTo(INFO);
        assertThat(s.read(fh, 4, 2).orElseThrow()).containsExactly(0x23, 0x28);
        assertThat(s.read(fh, 14, 10).orElseThrow()).isEmpty();
        assertThat(s.read(fh, 100, 10).orElseThrow()).isEmpty();
        s.release(fh);
        assertThat(s.read(fh, 0, 10)).isEmpty();
    }

    @Test
    void withoutAToolProxyThereIsNoMasterinfo() {
        SpecialFiles s = new SpecialFiles(null);
        assertThat(s.lookup(".masterinfo")).isEmpty();
        assertThat(s.entries()).isEmpty();
        assertThat(s.attr(0x7FFFFFFF)).isEmpty();
    }
}
