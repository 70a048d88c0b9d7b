package io.jmfs.master.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopologyTest {
    private static int ip(String s) {
        return (int) Topology.parseIp(s);
    }

    @Test
    void distanceIsZeroForTheSameAddressOneForTheSameRackAndTwoOtherwise() {
        Topology t = Topology.parse("""
                # comment
                192.168.1.0/24   1
                192.168.2.0/255.255.255.0 2   # trailing comment
                10.0.0.1-10.0.0.9 3
                """);
        assertThat(t.distance(ip("192.168.1.5"), ip("192.168.1.5"))).isZero();
        assertThat(t.distance(ip("192.168.1.5"), ip("192.168.1.7"))).isEqualTo(1);
        assertThat(t.distance(ip("192.168.1.5"), ip("192.168.2.7"))).isEqualTo(2);
        assertThat(t.distance(ip("10.0.0.3"), ip("10.0.0.9"))).isEqualTo(1);
        assertThat(t.distance(ip("10.0.0.3"), ip("10.0.0.10"))).isEqualTo(2);
        assertThat(t.distance(ip("172.16.0.1"), ip("172.16.0.2"))).as("both in the unnamed rack").isEqualTo(1);
    }

    @Test
    void hierarchicalRackPathsAddTheLevelsBelowTheCommonPart() {
        Topology t = Topology.parse("""
                10.1.1.0/24 dc1|row1|rack1
                10.1.2.0/24 dc1|row1|rack2
                10.2.1.0/24 dc1|row2|rack1
                10.3.1.0/24 dc2|row1|rack1
                """);
        assertThat(t.distance(ip("10.1.1.1"), ip("10.1.2.1"))).isEqualTo(2);
        assertThat(t.distance(ip("10.1.1.1"), ip("10.2.1.1"))).isEqualTo(3);
        assertThat(t.distance(ip("10.1.1.1"), ip("10.3.1.1"))).isEqualTo(4);
    }

    @Test
    void aWildcardCoversEveryAddressAndLaterLinesWin() {
        Topology t = Topology.parse("* 9\n127.0.0.0/8 1\n");
        assertThat(t.rackOf(ip("8.8.8.8"))).isEqualTo("9");
        assertThat(t.rackOf(ip("127.0.0.1"))).isEqualTo("1");
    }

    @Test
    void malformedLinesAreRejectedWithTheirNumber() {
        assertThatThrownBy(() -> Topology.parse("\n10.0.0.0/33 1\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> Topology.parse("10.0.0.1\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> Topology.parse("10.0.0.256 1\n")).hasMessageContaining("line 1");
    }
}
