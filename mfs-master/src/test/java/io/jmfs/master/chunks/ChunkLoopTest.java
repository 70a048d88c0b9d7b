package io.jmfs.master.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.HealthStatus;
import io.jmfs.master.cluster.SpaceReport;
import io.jmfs.protocol.MfsStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkLoopTest {
    private final ChunkFixture f = new ChunkFixture();

    private void pass() {
        f.manager.loop().runPass(f.now);
    }

    @Test
    void anUndergoalChunkIsReplicatedFromAValidCopyToTheEmptiestServerWithoutOne() {
        ChunkserverInfo holder = f.server(9422, 40, 100);
        ChunkserverInfo fuller = f.server(9423, 60, 100);
        ChunkserverInfo emptiest = f.server(9424, 20, 100);
        Chunk chunk = f.chunk(5, 3, 2, 1);
        f.copies(chunk, holder);

        pass();

        assertThat(f.gateway.drain()).containsExactly(
                new FakeGateway.Replicate(emptiest.csid(), 5, 3, ChunkFixture.LOOPBACK, 9422));
        assertThat(chunk.isLocked(f.now)).as("locked while the replica is made").isTrue();
        assertThat(fuller.replicationsIn()).isZero();

        f.manager.onReplicateResult(emptiest.csid(), 5, 3, MfsStatus.OK);
        assertThat(chunk.regularValidCopies()).isEqualTo(2);
        assertThat(chunk.isLocked(f.now)).isFalse();
        assertThat(emptiest.replicationsIn()).isZero();
        assertThat(holder.replicationsOut()).isZero();

        pass();
        assertThat(f.gateway.drain()).as("at goal: nothing more to do").isEmpty();
    }

    @Test
    void aFailedReplicationLeavesNoCopyAndIsRetriedNextPass() {
        ChunkserverInfo holder = f.server(9422, 40, 100);
        ChunkserverInfo other = f.server(9423, 20, 100);
        Chunk chunk = f.chunk(5, 3, 2, 1);
        f.copies(chunk, holder);
        pass();
        f.gateway.drain();

        f.manager.onReplicateResult(other.csid(), 5, 0, MfsStatus.CANTCONNECT);
        assertThat(chunk.copies()).extracting(ChunkCopy::csid).containsExactly(holder.csid());

        pass();
        assertThat(f.gateway.drain()).containsExactly(
                new FakeGateway.Replicate(other.csid(), 5, 3, ChunkFixture.LOOPBACK, 9422));
    }

    @Test
    void replicationsPerServerAreLimited() {
        ChunkserverInfo holder = f.server(9422, 40, 100);
        ChunkserverInfo target = f.server(9423, 20, 100);
        for (long id = 1; id <= 5; id++) {
            f.copies(f.chunk(id, 1, 3, 1), holder); // goal 3, one copy: endangered (write limit 2 per server)
        }

        pass();

        List<FakeGateway.Replicate> reps = f.gateway.drain(FakeGateway.Replicate.class);
        assertThat(reps).hasSize(2).allMatch(r -> r.csid() == target.csid());
    }

    @Test
    void overgoalCopiesAreDeletedFromTheMostUsedServersFirst() {
        ChunkserverInfo low = f.server(9422, 10, 100);
        ChunkserverInfo high = f.server(9423, 90, 100);
        ChunkserverInfo mid = f.server(9424, 50, 100);
        Chunk chunk = f.chunk(5, 3, 1, 1);
        f.copies(chunk, low, high, mid);

        pass();

        assertThat(f.gateway.drain()).containsExactlyInAnyOrder(
                new FakeGateway.Delete(high.csid(), 5, 0), new FakeGateway.Delete(mid.csid(), 5, 0));
        f.manager.onDeleteResult(high.csid(), 5, MfsStatus.OK);
        f.manager.onDeleteResult(mid.csid(), 5, MfsStatus.OK);
        assertThat(chunk.copies()).extracting(ChunkCopy::csid).containsExactly(low.csid());
    }

    @Test
    void deletionsPerServerAreLimited() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 90, 100);
        for (long id = 1; id <= 15; id++) {
            f.copies(f.chunk(id, 1, 1, 1), a, b);
        }

        pass();

        assertThat(f.gateway.drain(FakeGateway.Delete.class))
                .hasSize(10) // CHUNKS_SOFT_DEL_LIMIT
                .allMatch(d -> d.csid() == b.csid());
        assertThat(b.deletionsInFlight()).isEqualTo(10);
    }

    @Test
    void staleAndInvalidCopiesAreDeletedOnceAValidCopyExists() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo stale = f.server(9423, 10, 100);
        ChunkserverInfo damaged = f.server(9424, 10, 100);
        Chunk chunk = f.chunk(5, 7, 1, 1);
        f.copies(chunk, a, damaged);
        f.manager.chunkReported(stale.csid(), 5, 6);
        f.manager.chunkDamaged(damaged.csid(), 5);
        assertThat(chunk.copyOn(stale.csid()).state()).isEqualTo(CopyState.WRONG_VERSION);

        pass();

        assertThat(f.gateway.drain()).containsExactlyInAnyOrder(
                new FakeGateway.Delete(stale.csid(), 5, 0), new FakeGateway.Delete(damaged.csid(), 5, 0));
    }

    @Test
    void staleCopiesOfAChunkWithoutValidCopiesAreKept() {
        ChunkserverInfo stale = f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 7, 1, 1);
        f.manager.chunkReported(stale.csid(), 5, 5); // two versions behind: not trusted

        pass();

        assertThat(f.gateway.drain()).isEmpty();
        assertThat(f.manager.counts().missing()).isEqualTo(1);
        assertThat(chunk.copies()).hasSize(1);
    }

    @Test
    void theChunksOfRemovedFilesAreDeletedWithTheirVersionAndThenForgotten() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 7, 2, 1);
        f.copies(chunk, a, b);
        f.manager.releaser().released(12, 5);

        pass();

        assertThat(f.gateway.drain()).containsExactlyInAnyOrder(
                new FakeGateway.Delete(a.csid(), 5, 7), new FakeGateway.Delete(b.csid(), 5, 7));
        f.manager.onDeleteResult(a.csid(), 5, MfsStatus.OK);
        assertThat(f.chunks.get(5)).isNotNull();
        f.manager.onDeleteResult(b.csid(), 5, MfsStatus.OK);
        assertThat(f.chunks.get(5)).isNull();
        assertThat(f.changes).containsExactly(new ChunkChange.Deleted(f.now, 5, 7));
    }

    @Test
    void copiesOnDisksMarkedForRemovalAreReplicatedAwayThenDeleted() {
        ChunkserverInfo leaving = f.server(9422, 10, 100);
        ChunkserverInfo other = f.server(9423, 50, 100);
        Chunk chunk = f.chunk(5, 7, 1, 1);
        f.manager.chunkReported(leaving.csid(), 5, 7 | 0x8000_0000);
        assertThat(chunk.copyOn(leaving.csid()).state()).isEqualTo(CopyState.TD_VALID);

        pass();
        assertThat(f.gateway.drain()).containsExactly(
                new FakeGateway.Replicate(other.csid(), 5, 7, ChunkFixture.LOOPBACK, 9422));
        f.manager.onReplicateResult(other.csid(), 5, 7, MfsStatus.OK);

        pass();
        assertThat(f.gateway.drain()).containsExactly(new FakeGateway.Delete(leaving.csid(), 5, 0));
    }

    @Test
    void serversInMaintenanceGetNoNewCopies() {
        ChunkserverInfo holder = f.server(9422, 40, 100);
        ChunkserverInfo maintained = f.server(9423, 5, 100);
        ChunkserverInfo other = f.server(9424, 30, 100);
        f.servers.setMaintenance(ChunkFixture.LOOPBACK, 9423, true, f.now);
        f.copies(f.chunk(5, 3, 2, 1), holder);

        pass();
        assertThat(f.gateway.drain()).containsExactly(
                new FakeGateway.Replicate(other.csid(), 5, 3, ChunkFixture.LOOPBACK, 9422));

        f.write(7, 0, 3);
        assertThat(f.gateway.drain(FakeGateway.Create.class)).extracting(FakeGateway.Create::csid)
                .doesNotContain(maintained.csid());
    }

    @Test
    void copiesOfADisconnectedServerInMaintenanceDoNotTriggerReplication() {
        ChunkserverInfo a = f.server(9422, 40, 100);
        ChunkserverInfo maintained = f.server(9423, 40, 100);
        f.server(9424, 10, 100);
        Chunk chunk = f.chunk(5, 3, 2, 1);
        f.copies(chunk, a, maintained);
        f.servers.setMaintenance(ChunkFixture.LOOPBACK, 9423, true, f.now);

        f.manager.serverDisconnected(maintained.csid());
        pass();
        assertThat(f.gateway.drain()).as("its copies are expected back").isEmpty();

        f.servers.setMaintenance(ChunkFixture.LOOPBACK, 9423, false, f.now);
        pass();
        assertThat(f.gateway.drain(FakeGateway.Replicate.class)).hasSize(1);
    }

    @Test
    void aDisconnectedServersCopiesLeaveAndTheChunkIsReplicatedOnTheNextPass() {
        ChunkserverInfo a = f.server(9422, 40, 100);
        ChunkserverInfo gone = f.server(9423, 40, 100);
        ChunkserverInfo spare = f.server(9424, 10, 100);
        Chunk chunk = f.chunk(5, 3, 2, 1);
        f.copies(chunk, a, gone);

        f.manager.serverDisconnected(gone.csid());
        assertThat(chunk.copies()).extracting(ChunkCopy::csid).containsExactly(a.csid());
        assertThat(f.manager.counts().endangered()).isEqualTo(1);

        pass();
        assertThat(f.gateway.drain()).containsExactly(
                new FakeGateway.Replicate(spare.csid(), 5, 3, ChunkFixture.LOOPBACK, 9422));
    }

    @Test
    void rebalancingCopiesAChunkFromTheFullestToTheEmptiestServerAndTheSurplusLeavesTheFullest() {
        ChunkserverInfo full = f.server(9422, 80, 100);
        ChunkserverInfo empty = f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 3, 1, 1);
        f.copies(chunk, full);

        pass();
        assertThat(f.gateway.drain()).containsExactly(
                new FakeGateway.Replicate(empty.csid(), 5, 3, ChunkFixture.LOOPBACK, 9422));
        assertThat(chunk.isLocked(f.now)).as("rebalancing does not block writers").isFalse();

        f.manager.onReplicateResult(empty.csid(), 5, 3, MfsStatus.OK);
        pass();
        assertThat(f.gateway.drain()).containsExactly(new FakeGateway.Delete(full.csid(), 5, 0));
    }

    @Test
    void serversWithinTheAcceptableDifferenceAreNotRebalanced() {
        ChunkserverInfo a = f.server(9422, 505, 1000);
        f.server(9423, 500, 1000); // 0.5 percentage points apart, below the default 1.0
        f.copies(f.chunk(5, 3, 1, 1), a);

        pass();
        assertThat(f.gateway.drain()).isEmpty();
    }

    @Test
    void overloadedServersAreNotReplicationTargets() {
        ChunkserverInfo holder = f.server(9422, 40, 100);
        ChunkserverInfo busy = f.server(9423, 10, 100);
        busy.setLoad(500, HealthStatus.OVERLOADED);
        f.copies(f.chunk(5, 3, 2, 1), holder);

        pass();
        assertThat(f.gateway.drain()).isEmpty();
    }

    @Test
    void nothingHappensBeforeTheInitialReplicationDelay() {
        ChunkFixture delayed = new ChunkFixture(ChunkSettings.DEFAULTS);
        ChunkserverInfo holder = delayed.server(9422, 40, 100);
        delayed.server(9423, 10, 100);
        delayed.copies(delayed.chunk(5, 3, 2, 1), holder);

        delayed.now += 59;
        delayed.manager.tick();
        assertThat(delayed.gateway.drain()).isEmpty();

        delayed.now += 1;
        delayed.manager.tick();
        assertThat(delayed.gateway.drain(FakeGateway.Replicate.class)).hasSize(1);
    }

    @Test
    void aReplicationThatNeverAnswersIsAbandonedAfterTheLockTimeout() {
        ChunkserverInfo holder = f.server(9422, 40, 100);
        ChunkserverInfo target = f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 3, 2, 1);
        f.copies(chunk, holder);
        pass();
        f.gateway.drain();

        f.now += 121;
        pass();

        assertThat(target.replicationsIn()).isZero();
        assertThat(chunk.isBusy()).isFalse();
        assertThat(f.gateway.drain()).as("the half-made copy is deleted")
                .contains(new FakeGateway.Delete(target.csid(), 5, 0));
    }

    @Test
    void theTickChecksABoundedSliceOfChunks() {
        ChunkFixture slow = new ChunkFixture(new ChunkSettings(0, 10_000, 300, 10, 25, List.of(100),
                List.of(100), 1.0, 120, 3600));
        ChunkserverInfo holder = slow.server(9422, 40, 100);
        slow.server(9423, 10, 100);
        for (long id = 1; id <= 600; id++) {
            slow.copies(slow.chunk(id, 1, 2, 1), holder);
        }

        slow.now += 1;
        slow.manager.tick();

        // 600 chunks over a 300 s minimum loop: 2 chunks per second
        assertThat(slow.gateway.drain(FakeGateway.Replicate.class)).hasSize(2);
    }

    @Test
    void monitoringCountsFollowTheGoalAndValidCopies() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 10, 100);
        f.copies(f.chunk(1, 1, 2, 1), a, b);
        f.copies(f.chunk(2, 1, 3, 1), a);
        f.chunk(3, 1, 2, 1);
        f.copies(f.chunk(4, 1, 1, 0), a);

        ChunkCounts counts = f.manager.counts();

        assertThat(counts.count(2, 2)).isEqualTo(1);
        assertThat(counts.count(3, 1)).isEqualTo(1);
        assertThat(counts.count(2, 0)).isEqualTo(1);
        assertThat(counts.count(0, 1)).as("unused chunk").isEqualTo(1);
        assertThat(counts.missing()).isEqualTo(1);
        assertThat(counts.endangered()).isEqualTo(1);
        assertThat(counts.undergoal()).isEqualTo(1);
        assertThat(new SpaceReport(0, 0, 0, 0, 0, 0)).isEqualTo(SpaceReport.EMPTY);
    }

    @Test
    void enoughCopiesOneVersionOffServeWhenNoValidCopyIsLeft() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 8, 2, 1);
        f.manager.chunkReported(a.csid(), 5, 7);
        f.manager.chunkReported(b.csid(), 5, 7);

        pass();

        assertThat(chunk.version()).isEqualTo(7);
        assertThat(chunk.regularValidCopies()).isEqualTo(2);
        assertThat(f.changes).contains(new ChunkChange.VersionSet(f.now, 5, 7));
    }

    @Test
    void aChunkLockedByADeadWriterTakesItsCopiesVersionBeforeTheLockEnds() {
        // a master rebuilt from a metalogger after a kill: the chunkservers got the version increase, the log did not
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 7, 2, 1);
        chunk.lockedTo = f.now + 100;
        f.manager.chunkReported(a.csid(), 5, 8);
        f.manager.chunkReported(b.csid(), 5, 8);

        pass();

        assertThat(chunk.version()).isEqualTo(8);
        assertThat(chunk.regularValidCopies()).isEqualTo(2);
        assertThat(chunk.isLocked(f.now)).as("still locked: readers wait for the lock as before").isTrue();
        assertThat(f.gateway.drain()).as("nothing else happens to a locked chunk").isEmpty();
    }

    @Test
    void fewerStaleCopiesThanTheGoalAreNotTrusted() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 8, 2, 1);
        f.manager.chunkReported(a.csid(), 5, 7);

        pass();

        assertThat(chunk.version()).isEqualTo(8);
        assertThat(chunk.regularValidCopies()).isZero();
    }
}
