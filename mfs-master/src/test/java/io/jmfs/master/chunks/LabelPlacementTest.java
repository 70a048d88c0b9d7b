package io.jmfs.master.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.master.sclass.StorageClassTable;
import io.jmfs.protocol.MfsStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunk placement for storage classes with labels: creation, the loop's keep placement, the modes' fallbacks. */
class LabelPlacementTest {
    private static final int A = 1;
    private static final int B = 1 << 1;
    private static final int TWO_SITES = 10;

    private final ChunkFixture f = new ChunkFixture();
    private final StorageClassTable classes = new StorageClassTable();

    LabelPlacementTest() {
        f.chunks.useClasses(classes);
    }

    private void define(int id, int mode, LabelExpression... keep) {
        List<LabelExpression> k = List.of(keep);
        assertThat(classes.set(true, new StorageClass(id, "c" + id, false, mode, 0, k, k, k))).isEqualTo(MfsStatus.OK);
    }

    private ChunkserverInfo labelled(int port, long usedGib, int labels) {
        ChunkserverInfo cs = f.server(port, usedGib, 100);
        cs.setLabelMask(labels);
        return cs;
    }

    private void pass() {
        f.manager.loop().runPass(f.now);
    }

    @Test
    void aNewChunkIsCreatedOnServersMatchingEachCreateExpressionEvenWhenOthersAreEmptier() {
        define(TWO_SITES, StorageClass.MODE_STD, LabelExpression.of(A), LabelExpression.of(B));
        ChunkserverInfo a = labelled(9422, 50, A);
        labelled(9423, 5, 0);
        ChunkserverInfo b = labelled(9424, 60, B);

        f.write(1, 0, TWO_SITES);

        assertThat(f.gateway.drain(FakeGateway.Create.class)).extracting(FakeGateway.Create::csid)
                .containsExactlyInAnyOrder(a.csid(), b.csid());
    }

    @Test
    void standardModeCreatesOnOtherServersWhenNoMatchingServerHasRoomButStrictModeRefuses() {
        define(TWO_SITES, StorageClass.MODE_STD, LabelExpression.of(A), LabelExpression.of(B));
        define(11, StorageClass.MODE_STRICT, LabelExpression.of(A), LabelExpression.of(B));
        ChunkserverInfo a = labelled(9422, 50, A);
        ChunkserverInfo other = labelled(9423, 5, 0);

        f.write(1, 0, TWO_SITES);
        assertThat(f.gateway.drain(FakeGateway.Create.class)).extracting(FakeGateway.Create::csid)
                .containsExactlyInAnyOrder(a.csid(), other.csid());

        f.write(2, 0, 11);
        assertThat(f.gateway.drain(FakeGateway.Create.class)).as("strict: only the A copy")
                .extracting(FakeGateway.Create::csid).containsExactly(a.csid());
    }

    @Test
    void strictModeWithNoMatchingServerAtAllAnswersNoSpace() {
        define(TWO_SITES, StorageClass.MODE_STRICT, LabelExpression.of(B));
        labelled(9422, 50, A);

        ChunkFixture.Answer answer = f.write(1, 0, TWO_SITES);

        assertThat(answer.grant().status()).isEqualTo(MfsStatus.NOSPACE);
        assertThat(f.gateway.drain()).isEmpty();
    }

    @Test
    void aCopyOnAWronglyLabelledServerIsReplicatedToAMatchingOneAndThenDeleted() {
        define(TWO_SITES, StorageClass.MODE_STD, LabelExpression.of(A), LabelExpression.of(B));
        ChunkserverInfo a = labelled(9422, 50, A);
        ChunkserverInfo wrong = labelled(9423, 10, 0);
        ChunkserverInfo b = labelled(9424, 60, B);
        Chunk chunk = f.chunk(5, 3, TWO_SITES, 1);
        f.copies(chunk, a, wrong);
        assertThat(chunk.goal()).isEqualTo(2);

        pass();
        assertThat(f.gateway.drain()).as("at goal but misplaced: a copy goes to the B server").containsExactly(
                new FakeGateway.Replicate(b.csid(), 5, 3, ChunkFixture.LOOPBACK, 9422));
        f.manager.onReplicateResult(b.csid(), 5, 3, MfsStatus.OK);

        pass();
        assertThat(f.gateway.drain()).as("the misplaced copy goes, even though its server is the emptiest")
                .containsExactly(new FakeGateway.Delete(wrong.csid(), 5, 0));
        f.manager.onDeleteResult(wrong.csid(), 5, MfsStatus.OK);

        pass();
        assertThat(f.gateway.drain()).as("placed: nothing more to do").isEmpty();
        assertThat(chunk.copies()).extracting(ChunkCopy::csid).containsExactlyInAnyOrder(a.csid(), b.csid());
    }

    @Test
    void overgoalDeletionKeepsTheCopiesThatSatisfyTheLabels() {
        define(TWO_SITES, StorageClass.MODE_STD, LabelExpression.of(A), LabelExpression.of(B));
        ChunkserverInfo a = labelled(9422, 90, A);
        ChunkserverInfo b = labelled(9423, 80, B);
        ChunkserverInfo b2 = labelled(9424, 10, B);
        Chunk chunk = f.chunk(5, 3, TWO_SITES, 1);
        f.copies(chunk, a, b, b2);

        pass();

        // the fullest servers hold the A copy and a B copy; only the second B copy is surplus
        assertThat(f.gateway.drain()).containsExactly(new FakeGateway.Delete(b.csid(), 5, 0));
        assertThat(chunk.copyOn(b2.csid())).isNotNull();
    }

    @Test
    void anUndergoalChunkWithoutAMatchingServerIsCopiedElsewhereInStandardModeButNotInStrictMode() {
        define(TWO_SITES, StorageClass.MODE_STD, LabelExpression.of(A), LabelExpression.of(B));
        define(11, StorageClass.MODE_STRICT, LabelExpression.of(A), LabelExpression.of(B));
        ChunkserverInfo a = labelled(9422, 50, A);
        ChunkserverInfo other = labelled(9423, 10, 0);
        Chunk standard = f.chunk(5, 3, TWO_SITES, 1);
        Chunk strict = f.chunk(6, 3, 11, 1);
        f.copies(standard, a);
        f.copies(strict, a);

        pass();

        assertThat(f.gateway.drain()).containsExactly(
                new FakeGateway.Replicate(other.csid(), 5, 3, ChunkFixture.LOOPBACK, 9422));
        assertThat(strict.copies()).hasSize(1);
    }

    @Test
    void aMisplacedButFullChunkIsNotCopiedToAnotherWrongServer() {
        define(TWO_SITES, StorageClass.MODE_LOOSE, LabelExpression.of(A), LabelExpression.of(B));
        ChunkserverInfo a = labelled(9422, 50, A);
        ChunkserverInfo wrong = labelled(9423, 10, 0);
        labelled(9424, 5, 0);
        Chunk chunk = f.chunk(5, 3, TWO_SITES, 1);
        f.copies(chunk, a, wrong);

        pass();

        assertThat(f.gateway.drain()).as("no B server: the two copies stay as they are").isEmpty();
    }

    @Test
    void classesWithoutLabelsKeepTheClassicBehaviour() {
        define(TWO_SITES, StorageClass.MODE_STD, LabelExpression.ANY, LabelExpression.ANY);
        ChunkserverInfo holder = labelled(9422, 50, A);
        ChunkserverInfo emptiest = labelled(9423, 10, 0);
        Chunk chunk = f.chunk(5, 3, TWO_SITES, 1);
        f.copies(chunk, holder);

        pass();

        assertThat(f.gateway.drain()).containsExactly(
                new FakeGateway.Replicate(emptiest.csid(), 5, 3, ChunkFixture.LOOPBACK, 9422));
    }

    @Test
    void changingAClassDefinitionChangesTheGoalTheLoopWorksTowards() {
        define(TWO_SITES, StorageClass.MODE_STD, LabelExpression.ANY, LabelExpression.ANY);
        ChunkserverInfo one = labelled(9422, 50, 0);
        ChunkserverInfo two = labelled(9423, 10, 0);
        Chunk chunk = f.chunk(5, 3, TWO_SITES, 1);
        f.copies(chunk, one, two);
        pass();
        assertThat(f.gateway.drain()).isEmpty();

        List<LabelExpression> oneCopy = List.of(LabelExpression.ANY);
        classes.set(false, new StorageClass(TWO_SITES, "c10", false, StorageClass.MODE_STD, 0, oneCopy, oneCopy,
                oneCopy));
        pass();

        assertThat(chunk.goal()).isEqualTo(1);
        assertThat(f.gateway.drain()).containsExactly(new FakeGateway.Delete(one.csid(), 5, 0));
    }
}
