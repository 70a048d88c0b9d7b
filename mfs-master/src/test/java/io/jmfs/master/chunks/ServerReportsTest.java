package io.jmfs.master.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.Topology;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.chunkserver.ChunkVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerReportsTest {
    private final ChunkFixture f = new ChunkFixture();

    @Test
    void aServerComingBackWithStaleVersionsHasThoseCopiesMarkedAndCleanedUp() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 3, 2, 1);
        f.copies(chunk, a, b);
        f.manager.serverDisconnected(b.csid());
        chunk.version = 4; // written while b was away
        chunk.copyOn(a.csid()).set(CopyState.VALID, 4);

        ChunkserverInfo back = f.manager.registerChunkserver(ChunkFixture.LOOPBACK, 9423, b.csid(), 0x0003_00EA,
                b.space());
        f.manager.chunksReported(back.csid(), List.of(new ChunkVersion(5, 3)));

        assertThat(back.csid()).isEqualTo(b.csid());
        assertThat(chunk.copyOn(b.csid()).state()).isEqualTo(CopyState.WRONG_VERSION);
        assertThat(f.manager.locate(5, ChunkFixture.LOOPBACK).locations()).extracting(ChunkLocation::port)
                .containsExactly(9422);
        f.manager.loop().runPass(f.now);
        List<FakeGateway.Command> sent = f.gateway.drain();
        assertThat(sent).contains(new FakeGateway.Delete(b.csid(), 5, 0));
    }

    @Test
    void anUnknownChunkOnAServerIsAdoptedAndDeletedAfterTheUnusedTimeout() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        f.manager.chunkReported(a.csid(), 77, 2);

        assertThat(f.changes).containsExactly(new ChunkChange.Adopted(f.now, 77, 2, f.now + 7 * 86_400));
        assertThat(f.chunks.nextChunkId()).as("ids are never reused").isEqualTo(78);
        f.manager.loop().runPass(f.now);
        assertThat(f.gateway.drain()).as("kept while its lock lasts").isEmpty();

        f.now += 7 * 86_400 + 1;
        f.manager.loop().runPass(f.now);
        assertThat(f.gateway.drain()).containsExactly(new FakeGateway.Delete(a.csid(), 77, 2));
    }

    @Test
    void absurdChunkIdsAreIgnored() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        f.manager.chunkReported(a.csid(), 0, 1);
        f.manager.chunkReported(a.csid(), 5_000_000_000L, 1);
        assertThat(f.chunks.size()).isZero();
    }

    @Test
    void aCopyReportedAgainOnlyUpdatesItsDiskStatus() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        Chunk chunk = f.chunk(5, 3, 1, 1);
        f.copies(chunk, a);
        f.manager.chunkReported(a.csid(), 5, 3 | ChunkVersion.MARKED_FOR_REMOVAL);
        assertThat(chunk.copies()).hasSize(1);
        assertThat(chunk.copyOn(a.csid()).state()).isEqualTo(CopyState.TD_VALID);
    }

    @Test
    void lookupsOrderCopiesByTopologyDistanceThenLoad() {
        int client = (int) Topology.parseIp("10.1.0.5");
        ChunkserverInfo sameIp = f.serverAt(client, 9422, 10, 100);
        ChunkserverInfo sameRackBusy = f.serverAt((int) Topology.parseIp("10.1.0.6"), 9422, 10, 100);
        ChunkserverInfo sameRackIdle = f.serverAt((int) Topology.parseIp("10.1.0.7"), 9422, 10, 100);
        ChunkserverInfo otherRack = f.serverAt((int) Topology.parseIp("10.2.0.1"), 9422, 10, 100);
        sameIp.setLoad(900, io.jmfs.master.cluster.HealthStatus.OK);
        sameRackBusy.setLoad(50, io.jmfs.master.cluster.HealthStatus.OK);
        sameRackIdle.setLoad(5, io.jmfs.master.cluster.HealthStatus.OK);
        f.manager.setTopology(Topology.parse("10.1.0.0/16 rack1\n10.2.0.0/16 rack2\n"));
        Chunk chunk = f.chunk(5, 3, 4, 1);
        f.copies(chunk, otherRack, sameRackBusy, sameIp, sameRackIdle);

        ChunkLookup lookup = f.manager.locate(5, client);

        assertThat(lookup.status()).isEqualTo(MfsStatus.OK);
        assertThat(lookup.version()).isEqualTo(3);
        assertThat(lookup.locations()).extracting(ChunkLocation::ip).containsExactly(
                sameIp.ip(), sameRackIdle.ip(), sameRackBusy.ip(), otherRack.ip());
    }

    @Test
    void aChunkWithoutCopiesIsLostOnlyWhenNoServerIsMissing() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 3, 1, 1);
        f.copies(chunk, a);
        f.manager.serverDisconnected(a.csid());

        assertThat(f.manager.locate(5, 0).status()).as("its server may come back").isEqualTo(MfsStatus.OK);
        assertThat(f.manager.locate(5, 0).locations()).isEmpty();

        f.servers.remove(ChunkFixture.LOOPBACK, 9422, f.now);
        assertThat(f.manager.locate(5, 0).status()).isEqualTo(MfsStatus.CHUNKLOST);
        assertThat(f.manager.locate(6, 0).status()).isEqualTo(MfsStatus.NOCHUNK);
        assertThat(b.connected()).isTrue();
    }

    @Test
    void aSecondSessionForAConnectedServerIsRefused() {
        f.server(9422, 10, 100);
        assertThat(f.manager.registerChunkserver(ChunkFixture.LOOPBACK, 9422, 0, 0, f.server(9423, 1, 2).space()))
                .isNull();
    }

    @Test
    void readsContinueWhileTheVersionIsBeingIncreased() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        Chunk chunk = f.chunk(5, 3, 1, 1);
        f.copies(chunk, a);
        f.place(7, 0, 5);
        f.write(7, 0, 1);
        assertThat(chunk.copyOn(a.csid()).state()).isEqualTo(CopyState.BUSY);

        ChunkLookup lookup = f.manager.locate(5, 0);
        assertThat(lookup.status()).isEqualTo(MfsStatus.OK);
        assertThat(lookup.locations()).hasSize(1);
    }

    @Test
    void aGracefullyStoppedServersChunksAreNotReplicatedUntilItsTemporaryMaintenanceEnds() {
        ChunkserverInfo a = f.server(9422, 40, 100);
        ChunkserverInfo stopping = f.server(9423, 40, 100);
        ChunkserverInfo spare = f.server(9424, 10, 100);
        f.copies(f.chunk(5, 3, 2, 1), a, stopping);

        f.manager.gracefulStop(stopping.csid());
        f.manager.serverDisconnected(stopping.csid());
        f.manager.loop().runPass(f.now);
        assertThat(f.gateway.drain()).isEmpty();

        f.now += 1801; // CS_TEMP_MAINTENANCE_MODE_TIMEOUT
        f.manager.tick();
        f.manager.loop().runPass(f.now);
        assertThat(f.gateway.drain(FakeGateway.Replicate.class)).extracting(FakeGateway.Replicate::csid)
                .containsExactly(spare.csid());
    }
}
