package io.jmfs.master.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerSelectorTest {
    private static final long GIB = 1L << 30;
    private final ChunkserverRegistry registry = new ChunkserverRegistry(c -> { });
    private final ServerSelector selector = new ServerSelector(registry);

    private ChunkserverInfo server(int port, long usedGib, long totalGib) {
        ChunkserverInfo cs = registry.connect(0x7F00_0001, port, 0, 1, 0);
        cs.setSpace(new SpaceReport(usedGib * GIB, totalGib * GIB, 0, 0, 0, 0));
        return cs;
    }

    @Test
    void newChunksGoToTheServersWithTheLowestUsage() {
        server(1, 70, 100);
        ChunkserverInfo b = server(2, 10, 1000);
        ChunkserverInfo c = server(3, 30, 100);
        assertThat(selector.forNewChunk(2).servers()).containsExactly(b, c);
        assertThat(selector.forNewChunk(9).servers()).hasSize(3);
    }

    @Test
    void serversBeingWrittenToNeedMoreRoomAndComeLast() {
        ChunkserverInfo a = server(1, 10, 100);
        ChunkserverInfo b = server(2, 50, 100);
        a.writeStarted();
        assertThat(selector.forNewChunk(2).servers()).containsExactly(b, a);
    }

    @Test
    void maintenanceOverloadedAndFullServersAreSkipped() {
        server(1, 10, 100);
        server(2, 10, 100).setLoad(1, HealthStatus.OVERLOADED);
        server(3, 100, 100);
        registry.setMaintenance(0x7F00_0001, 1, true, 0);
        ServerSelector.Choice choice = selector.forNewChunk(1);
        assertThat(choice.found()).isFalse();
        assertThat(choice.shortage()).as("the overloaded one may recover").isEqualTo(ServerSelector.Shortage.OVERLOADED);
    }

    @Test
    void serversThatAreAllFullMeanNoSpace() {
        server(1, 100, 100);
        server(2, 99_990, 100_000).writeStarted(); // 10 GiB free, but one write in progress demands more
        assertThat(selector.forNewChunk(1).found()).isTrue();
        server(3, 100, 100);
        registry.setMaintenance(0x7F00_0001, 2, true, 0);
        assertThat(selector.forNewChunk(1).shortage()).isEqualTo(ServerSelector.Shortage.NO_SPACE);
    }

    @Test
    void withoutDisksThereAreNoServersToSpeakOf() {
        registry.connect(0x7F00_0001, 1, 0, 1, 0);
        assertThat(selector.forNewChunk(1).shortage()).isEqualTo(ServerSelector.Shortage.NO_SERVERS);
    }
}
