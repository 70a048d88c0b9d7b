package io.jmfs.master.chunks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.fs.ChunkArchiveFlags;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.master.sclass.StorageClassTable;
import io.jmfs.protocol.MfsStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An archived chunk is placed by its class's archive expressions and count, any other by the keep ones. */
class ArchivePlacementTest {
    private static final int HOT = 1;
    private static final int COLD = 1 << 1;
    private static final int CLS = 10;

    private final ChunkFixture f = new ChunkFixture();
    private final StorageClassTable classes = new StorageClassTable();
    private final ChunkArchiveFlags flags = f.chunks.archiveFlags();

    ArchivePlacementTest() {
        f.chunks.useClasses(classes);
    }

    private void define(List<LabelExpression> keep, List<LabelExpression> archive) {
        assertThat(classes.set(true, new StorageClass(CLS, "tiered", false, StorageClass.MODE_STD, 0, keep, keep,
                archive))).isEqualTo(MfsStatus.OK);
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
    void aChunkKeptOnHotServersMovesToAColdServerOnceArchivedAndBackWhenCleared() {
        define(List.of(LabelExpression.of(HOT)), List.of(LabelExpression.of(COLD)));
        ChunkserverInfo hot = labelled(9422, 50, HOT);
        ChunkserverInfo cold = labelled(9423, 60, COLD);
        Chunk chunk = f.chunk(5, 3, CLS, 1);
        f.copies(chunk, hot);
        pass();
        assertThat(f.gateway.drain()).as("placed by the keep labels").isEmpty();

        assertThat(flags.set(5, true)).isTrue();
        assertThat(flags.flag(5)).isEqualTo(1);
        pass();
        assertThat(f.gateway.drain()).containsExactly(
                new FakeGateway.Replicate(cold.csid(), 5, 3, ChunkFixture.LOOPBACK, 9422));
        f.manager.onReplicateResult(cold.csid(), 5, 3, MfsStatus.OK);
        pass();
        assertThat(f.gateway.drain()).as("the hot copy is now misplaced")
                .containsExactly(new FakeGateway.Delete(hot.csid(), 5, 0));
        f.manager.onDeleteResult(hot.csid(), 5, MfsStatus.OK);
        pass();
        assertThat(f.gateway.drain()).isEmpty();

        assertThat(flags.set(5, false)).isTrue();
        pass();
        assertThat(f.gateway.drain()).as("cleared: back to the keep labels").containsExactly(
                new FakeGateway.Replicate(hot.csid(), 5, 3, ChunkFixture.LOOPBACK, 9423));
    }

    @Test
    void theArchiveListsLengthIsTheGoalOfAnArchivedChunk() {
        define(List.of(LabelExpression.ANY, LabelExpression.ANY), List.of(LabelExpression.ANY));
        ChunkserverInfo one = labelled(9422, 50, 0);
        ChunkserverInfo two = labelled(9423, 10, 0);
        Chunk chunk = f.chunk(5, 3, CLS, 1);
        f.copies(chunk, one, two);
        pass();
        assertThat(f.gateway.drain()).isEmpty();
        assertThat(chunk.goal()).isEqualTo(2);

        flags.set(5, true);

        assertThat(chunk.goal()).isEqualTo(1);
        pass();
        assertThat(f.gateway.drain()).containsExactly(new FakeGateway.Delete(one.csid(), 5, 0));
    }

    @Test
    void flagsOfUnknownChunksAreUnknownAndSettingAFlagTwiceChangesNothing() {
        define(List.of(LabelExpression.ANY), List.of(LabelExpression.ANY));
        f.chunk(5, 3, CLS, 1);

        assertThat(flags.flag(6)).isEqualTo(ChunkArchiveFlags.UNKNOWN);
        assertThat(flags.set(6, true)).isFalse();
        assertThat(flags.flag(5)).isZero();
        assertThat(flags.set(5, true)).isTrue();
        assertThat(flags.set(5, true)).isFalse();
        assertThat(f.chunks.get(5).isArchived()).isTrue();
    }
}
