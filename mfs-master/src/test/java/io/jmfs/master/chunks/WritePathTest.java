package io.jmfs.master.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MfsStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritePathTest {
    private final ChunkFixture f = new ChunkFixture();

    @Test
    void aNewChunkIsCreatedOnGoalServersWithTheMostFreeSpaceAndAnsweredAfterAllConfirm() {
        ChunkserverInfo half = f.server(9422, 50, 100);
        ChunkserverInfo emptiest = f.server(9423, 10, 100);
        ChunkserverInfo third = f.server(9424, 30, 100);

        var answer = f.write(7, 0, 2);

        var creates = f.gateway.drain(FakeGateway.Create.class);
        assertThat(creates).containsExactlyInAnyOrder(
                new FakeGateway.Create(emptiest.csid(), 1, 1), new FakeGateway.Create(third.csid(), 1, 1));
        assertThat(f.chunkAt(7, 0)).isEqualTo(1);
        assertThat(answer.answered()).as("no answer before the chunkservers confirm").isFalse();

        f.manager.onCreateResult(emptiest.csid(), 1, MfsStatus.OK);
        assertThat(answer.answered()).isFalse();
        f.manager.onCreateResult(third.csid(), 1, MfsStatus.OK);

        WriteGrant grant = answer.grant();
        assertThat(grant.status()).isEqualTo(MfsStatus.OK);
        assertThat(grant.chunkId()).isEqualTo(1);
        assertThat(grant.version()).isEqualTo(1);
        assertThat(grant.locations()).extracting(ChunkLocation::port).containsExactlyInAnyOrder(9423, 9424);
        assertThat(f.changes).containsExactly(new ChunkChange.Write(f.now, 7, 0, 1, false, 1));
        assertThat(f.chunks.get(1).isLocked(f.now)).isTrue();
        assertThat(half.writesInProgress()).isZero();
        assertThat(emptiest.writesInProgress()).isEqualTo(1);
    }

    @Test
    void withoutChunkserversTheClientIsToldSo() {
        assertThat(f.write(7, 0, 1).grant().status()).isEqualTo(MfsStatus.NOCHUNKSERVERS);
        assertThat(f.gateway.drain()).isEmpty();
        assertThat(f.chunkAt(7, 0)).isZero();
    }

    @Test
    void withOnlyFullChunkserversTheClientGetsNoSpace() {
        f.server(9422, 100, 100);
        assertThat(f.write(7, 0, 1).grant().status()).isEqualTo(MfsStatus.NOSPACE);
    }

    @Test
    void whileAServerIsMissingOrOverloadedTheClientIsAskedToTryAgain() {
        ChunkserverInfo busy = f.server(9422, 10, 100);
        busy.setLoad(1000, io.jmfs.master.cluster.HealthStatus.OVERLOADED);
        assertThat(f.write(7, 0, 1).grant().status()).isEqualTo(MfsStatus.EAGAIN);

        busy.setLoad(10, io.jmfs.master.cluster.HealthStatus.OK);
        ChunkserverInfo full = f.server(9423, 100, 100);
        f.manager.serverDisconnected(busy.csid());
        assertThat(f.write(7, 0, 1).grant().status()).isEqualTo(MfsStatus.EAGAIN);
        assertThat(full.connected()).isTrue();
    }

    @Test
    void writingAChunkWhoseOnlyServerIsAwayAsksToTryAgain() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        Chunk chunk = f.chunk(5, 8, 1, 1);
        f.copies(chunk, a);
        f.place(7, 0, 5);
        f.manager.serverDisconnected(a.csid());

        assertThat(f.write(7, 0, 1).grant().status()).isEqualTo(MfsStatus.CSNOTPRESENT);
    }

    @Test
    void whenEveryCreateFailsForLackOfSpaceTheClientGetsNoSpace() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        var answer = f.write(7, 0, 1);
        f.manager.onCreateResult(a.csid(), 1, MfsStatus.NOSPACE);
        assertThat(answer.grant().status()).isEqualTo(MfsStatus.NOSPACE);
        assertThat(f.chunks.get(1).isLocked(f.now)).isFalse();
    }

    @Test
    void chunkIdsAreNeverReused() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        f.chunk(41, 3, 1, 0); // unreferenced, no copies: the loop drops it
        f.manager.loop().runPass(f.now);
        assertThat(f.chunks.get(41)).isNull();

        f.write(7, 0, 1);
        assertThat(f.gateway.drain(FakeGateway.Create.class)).containsExactly(new FakeGateway.Create(a.csid(), 42, 1));
    }

    @Test
    void aChunkSharedWithASnapshotIsDuplicatedBeforeItIsWritten() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 10, 100);
        Chunk shared = f.chunk(5, 8, 2, 2);
        f.copies(shared, a, b);
        f.place(7, 0, 5);

        var answer = f.write(7, 0, 2);

        assertThat(f.gateway.drain()).containsExactlyInAnyOrder(
                new FakeGateway.Duplicate(a.csid(), 6, 1, 5, 8), new FakeGateway.Duplicate(b.csid(), 6, 1, 5, 8));
        assertThat(f.chunkAt(7, 0)).isEqualTo(6);
        assertThat(shared.fileCount()).isEqualTo(1);
        f.manager.onDuplicateResult(a.csid(), 6, MfsStatus.OK);
        f.manager.onDuplicateResult(b.csid(), 6, MfsStatus.OK);
        assertThat(answer.grant().chunkId()).isEqualTo(6);
        assertThat(answer.grant().version()).isEqualTo(1);
        assertThat(shared.isLocked(f.now)).as("the snapshot's chunk is untouched").isFalse();
    }

    @Test
    void theVersionIsIncreasedOnlyWhenCopiesMayHaveDiverged() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 8, 2, 1);
        f.copies(chunk, a, b); // freshly (re)registered copies: may have diverged
        f.place(7, 0, 5);

        var first = f.write(7, 0, 2);
        assertThat(f.gateway.drain()).containsExactlyInAnyOrder(
                new FakeGateway.SetVersion(a.csid(), 5, 9, 8), new FakeGateway.SetVersion(b.csid(), 5, 9, 8));
        f.manager.onSetVersionResult(a.csid(), 5, MfsStatus.OK);
        f.manager.onSetVersionResult(b.csid(), 5, MfsStatus.OK);
        assertThat(first.grant().version()).isEqualTo(9);
        assertThat(f.manager.writeEnd(5)).isEqualTo(MfsStatus.OK);

        var second = f.write(7, 0, 2);
        assertThat(f.gateway.drain()).as("a plain rewrite keeps the version").isEmpty();
        assertThat(second.grant().version()).isEqualTo(9);
        assertThat(f.changes).as("as MooseFS logs them: opflag 1 = version increased").containsSubsequence(
                new ChunkChange.Write(f.now, 7, 0, 1, false, 5), new ChunkChange.Unlocked(f.now, 5),
                new ChunkChange.Write(f.now, 7, 0, 0, false, 5));
    }

    @Test
    void aCopyThatFailsTheVersionIncreaseBecomesInvalidAndTheOthersServe() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 10, 100);
        Chunk chunk = f.chunk(5, 8, 2, 1);
        f.copies(chunk, a, b);
        f.place(7, 0, 5);

        var answer = f.write(7, 0, 2);
        f.manager.onSetVersionResult(a.csid(), 5, MfsStatus.IO);
        f.manager.onSetVersionResult(b.csid(), 5, MfsStatus.OK);

        assertThat(answer.grant().locations()).extracting(ChunkLocation::port).containsExactly(9423);
        assertThat(chunk.copyOn(a.csid()).state()).isEqualTo(CopyState.INVALID);
        assertThat(chunk.needsVersionIncrease()).as("interrupted: diverged copies possible").isTrue();
    }

    @Test
    void aSecondWriterWaitsForTheLockAndIsAnsweredAtWriteEnd() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        var first = f.write(7, 0, 1);
        f.answerAll(f.gateway.drain(), MfsStatus.OK);
        assertThat(first.grant().isOk()).isTrue();

        var second = f.write(7, 0, 1);
        assertThat(second.answered()).as("locked chunk: the request waits, it is not refused").isFalse();

        f.manager.writeEnd(1);
        assertThat(second.grant().status()).isEqualTo(MfsStatus.OK);
        assertThat(second.grant().chunkId()).isEqualTo(1);
        assertThat(a.writesInProgress()).isEqualTo(1);
    }

    @Test
    void aWriterThatNeverEndsLosesTheLockAfterTheTimeout() {
        f.server(9422, 10, 100);
        f.write(7, 0, 1);
        f.answerAll(f.gateway.drain(), MfsStatus.OK);
        var second = f.write(7, 0, 1);

        f.now += 120;
        f.manager.tick();
        assertThat(second.answered()).as("still within the 120 s lock").isFalse();

        f.now += 1;
        f.manager.tick();
        assertThat(second.grant().isOk()).isTrue();
    }

    @Test
    void continueOpPassesTheWritersOwnLock() {
        f.server(9422, 10, 100);
        f.write(7, 0, 1);
        f.answerAll(f.gateway.drain(), MfsStatus.OK);

        var resumed = f.write(7, 0, 1, WritePath.CONTINUE_OP);
        assertThat(resumed.grant().isOk()).isTrue();
    }

    @Test
    void writingAChunkWhoseCopiesAreAllLostFailsWithChunkLost() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        Chunk chunk = f.chunk(5, 8, 1, 1);
        f.copies(chunk, a);
        f.place(7, 0, 5);
        f.manager.chunkLost(a.csid(), 5);

        assertThat(f.write(7, 0, 1).grant().status()).isEqualTo(MfsStatus.CHUNKLOST);
    }

    @Test
    void truncatingAPrivateChunkIncreasesItsVersion() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        Chunk chunk = f.chunk(5, 8, 1, 1);
        f.copies(chunk, a);
        f.place(7, 0, 5);

        var answer = f.truncate(7, 0, 1000);
        assertThat(f.gateway.drain()).containsExactly(new FakeGateway.Truncate(a.csid(), 5, 1000, 9, 8));
        f.manager.onTruncateResult(a.csid(), 5, MfsStatus.OK);

        assertThat(answer.grant().chunkId()).isEqualTo(5);
        assertThat(answer.grant().version()).isEqualTo(9);
        assertThat(chunk.isLocked(f.now)).isFalse();
    }

    @Test
    void truncatingASharedChunkDuplicatesAndTruncatesIt() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        Chunk chunk = f.chunk(5, 8, 1, 2);
        f.copies(chunk, a);
        f.place(7, 0, 5);

        var answer = f.truncate(7, 0, 1000);
        assertThat(f.gateway.drain()).containsExactly(new FakeGateway.DuplicateTruncate(a.csid(), 6, 1, 5, 8, 1000));
        f.manager.onDuplicateTruncateResult(a.csid(), 6, MfsStatus.OK);

        assertThat(answer.grant().chunkId()).isEqualTo(6);
        assertThat(f.chunkAt(7, 0)).isEqualTo(6);
        assertThat(chunk.fileCount()).isEqualTo(1);
    }

    @Test
    void aServerDisconnectingDuringCreationCountsAsAFailedCopy() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        ChunkserverInfo b = f.server(9423, 10, 100);
        var answer = f.write(7, 0, 2);
        f.manager.onCreateResult(a.csid(), 1, MfsStatus.OK);
        f.manager.serverDisconnected(b.csid());

        assertThat(answer.grant().locations()).extracting(ChunkLocation::port).containsExactly(9422);
        assertThat(f.chunks.get(1).copies()).extracting(ChunkCopy::csid).containsExactly(a.csid());
    }

    @Test
    void replayOfTheRecordedChangesRebuildsTheSamePersistentState() {
        ChunkserverInfo a = f.server(9422, 10, 100);
        f.write(7, 0, 1);
        f.answerAll(f.gateway.drain(), MfsStatus.OK);
        f.manager.writeEnd(1);
        Chunk shared = f.chunks.get(1);
        f.chunks.addFileReference(1, 1);
        f.write(7, 0, 1);
        f.answerAll(f.gateway.drain(), MfsStatus.OK);

        assertThat(f.changes).hasSize(3); // WRITE (new chunk), UNLOCK, WRITE (copy-on-write)
        ChunkFixture other = new ChunkFixture();
        ChunkRegistry replayed = other.chunks;
        replayed.apply(f.changes.get(0), other);
        replayed.apply(f.changes.get(1), other);
        replayed.addFileReference(1, 1); // the snapshot's reference is the namespace's to replay
        replayed.apply(f.changes.get(2), other);
        assertThat(other.files).isEqualTo(f.files);
        assertThat(replayed.nextChunkId()).isEqualTo(f.chunks.nextChunkId());
        for (long id : List.of(1L, 2L)) {
            Chunk live = f.chunks.get(id);
            Chunk again = replayed.get(id);
            assertThat(again.version()).isEqualTo(live.version());
            assertThat(again.lockedTo()).isEqualTo(live.lockedTo());
            assertThat(again.fileCount()).isEqualTo(live.fileCount());
        }
        assertThat(shared.fileCount()).isEqualTo(1);
        assertThat(a.csid()).isEqualTo(1);
    }
}
