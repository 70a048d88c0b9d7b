package io.jmfs.master.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What statfs reports as the cluster's space: MooseFS's sums over the chunkservers, less RESERVE_SPACE. */
class ClusterSpaceTest {
    private static final long GIB = 1L << 30;
    private final ChunkserverRegistry registry = new ChunkserverRegistry(c -> { });

    private ChunkserverInfo server(int port, long usedGib, long totalGib) {
        ChunkserverInfo cs = registry.connect(0x7F00_0001, port, 0, 1, 0);
        cs.setSpace(new SpaceReport(usedGib * GIB, totalGib * GIB, 0, 0, 0, 0));
        return cs;
    }

    @Test
    void theConnectedServersSpaceAddsUpAndFreeIsWhatTheyDoNotUse() {
        server(1, 10, 100);
        server(2, 30, 50);

        assertThat(registry.space(ReserveSpace.NONE)).isEqualTo(new ClusterSpace(150 * GIB, 110 * GIB, 110 * GIB));
    }

    @Test
    void aDisconnectedServerNoLongerCounts() {
        server(1, 10, 100);
        ChunkserverInfo gone = server(2, 30, 50);
        registry.disconnect(gone.csid(), 1);

        assertThat(registry.space(ReserveSpace.NONE).total()).isEqualTo(100 * GIB);
    }

    @Test
    void noServersMeansNoSpace() {
        assertThat(registry.space(ReserveSpace.parse("10%"))).isEqualTo(ClusterSpace.NONE);
    }

    @Test
    void theReserveComesOffTheAvailableSpaceOnlyAndNeverBelowZero() {
        server(1, 10, 100);
        server(2, 30, 50);

        assertThat(registry.space(ReserveSpace.parse("10GiB"))).isEqualTo(new ClusterSpace(150 * GIB, 100 * GIB, 110 * GIB));
        assertThat(registry.space(ReserveSpace.parse("10%")).available()).isEqualTo(95 * GIB);
        assertThat(registry.space(ReserveSpace.parse("2U")).available()).isEqualTo(50 * GIB); // fullest server: 30
        assertThat(registry.space(ReserveSpace.parse("0.5C")).available()).isEqualTo(60 * GIB); // largest: 100
        assertThat(registry.space(ReserveSpace.parse("1T")).available()).isZero();
    }

    @Test
    void reserveSpaceTakesMooseFsSyntaxAndRefusesAnythingElse() {
        assertThat(ReserveSpace.parse("0")).isEqualTo(ReserveSpace.NONE);
        assertThat(ReserveSpace.parse("1.5GB")).isEqualTo(new ReserveSpace(ReserveSpace.Mode.BYTES, 1.5e9));
        assertThat(ReserveSpace.parse("2.5%")).isEqualTo(new ReserveSpace(ReserveSpace.Mode.PERCENT, 2.5));
        for (String bad : new String[] {"", "%", "x%", "5X", "-1", "1.2.3C", "10KB"}) {
            assertThatThrownBy(() -> ReserveSpace.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
