package io.jmfs.client.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;
import org.junit.jupiter.api.Test;

class StatValuesTest {

    private static Attr attr(NodeType type, int mode, long size) {
        return new Attr(0, type, mode, 1000, 100, 1_700_000_001, 1_700_000_002, 1_700_000_003, 3, size, 0);
    }

    @Test
    void aRegularFileKeepsItsInodeOwnerTimesAndLengthIn512ByteBlocks() {
        StatValues v = StatValues.of(42, attr(NodeType.FILE, 0640, 1025));
        assertThat(v.ino()).isEqualTo(42);
        assertThat(v.mode()).isEqualTo(0100640);
        assertThat(v.nlink()).isEqualTo(3);
        assertThat(v.uid()).isEqualTo(1000);
        assertThat(v.gid()).isEqualTo(100);
        assertThat(v.size()).isEqualTo(1025);
        assertThat(v.blocks()).isEqualTo(3);
        assertThat(v.blksize()).isEqualTo(65536);
        assertThat(v.atime()).isEqualTo(1_700_000_001L);
        assertThat(v.mtime()).isEqualTo(1_700_000_002L);
        assertThat(v.ctime()).isEqualTo(1_700_000_003L);
        assertThat(v.rdev()).isZero();
    }

    @Test
    void eachNodeTypeGetsItsStatTypeBitsAndBack() {
        for (NodeType t : NodeType.values()) {
            int mode = StatValues.of(5, attr(t, 0755, 0)).mode();
            assertThat(StatValues.nodeType(mode)).isEqualTo(t);
        }
        assertThat(StatValues.of(5, attr(NodeType.DIRECTORY, 0755, 0)).mode()).isEqualTo(040755);
        assertThat(StatValues.of(5, attr(NodeType.SYMLINK, 0777, 7)).mode()).isEqualTo(0120777);
        assertThat(StatValues.nodeType(0)).isEqualTo(NodeType.FILE);
    }

    @Test
    void aDeviceNodeCarriesItsDeviceNumberNotALength() {
        StatValues v = StatValues.of(9, attr(NodeType.CHARDEV, 0600, Attr.deviceSize(0x0103)));
        assertThat(v.rdev()).isEqualTo(0x0103);
        assertThat(v.size()).isZero();
        assertThat(v.blocks()).isZero();
    }

    @Test
    void unsignedFieldsStayUnsigned() {
        Attr a = new Attr(0, NodeType.FILE, 0644, 0, 0, 0xF0000000, 0, 0, 1, 0, 0);
        StatValues v = StatValues.of(0x80000001, a);
        assertThat(v.ino()).isEqualTo(0x80000001L);
        assertThat(v.atime()).isEqualTo(0xF0000000L);
    }

    @Test
    void aLengthKnownLocallyWinsOverTheMastersForTheStatOnly() {
        StatValues v = StatValues.of(42, attr(NodeType.FILE, 0644, 10), 5000);
        assertThat(v.size()).isEqualTo(5000);
        assertThat(v.blocks()).isEqualTo(10);
    }
}
