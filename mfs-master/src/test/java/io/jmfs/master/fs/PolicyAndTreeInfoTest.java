package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.b;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.MfsStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Storage classes, trash time and eattr over subtrees; PATHS and GETDIRSTATS. */
class PolicyAndTreeInfoTest {
    private static final int SET = 0;
    private static final int INCREASE = 1;
    private static final int DECREASE = 2;
    private static final int EXCHANGE = 3;
    private static final int RECURSIVE = 4;

    private final List<long[]> goalChanges = new ArrayList<>();
    private final FsFixture fx = new FsFixture();
    private final Namespace ns = fx.ns;

    @Test
    void aNewFileSystemsRootHasClassTwoAndNewNodesInheritTheirDirectorysClass() {
        assertThat(ns.sclass(Namespace.ROOT)).isEqualTo(2);
        int d = fx.mkdir(1, "d");
        ns.setSclass(d, 0, 3, 3, SET, false).orThrow();
        int f = fx.file(d, "f");
        int sub = fx.mkdir(d, "sub");
        assertThat(ns.sclass(f)).isEqualTo(3);
        assertThat(ns.sclass(sub)).isEqualTo(3);
        assertThat(ns.placementClass(f)).isEqualTo(3);
    }

    @Test
    void recursiveSetCountsChangedUnchangedAndNotPermittedAndIsRecordedAsMooseFsLogsIt() {
        int d = ns.mkdir(ROOT, 1, b("d"), 0777, 0, false).orThrow().inode();
        int mine = ns.mknod(Credentials.of(1000, 1000), d, b("mine"), NodeType.FILE, 0644, 0, 0).orThrow().inode();
        fx.file(d, "roots");
        fx.mkdir(d, "sub");
        ns.setSclass(mine, 0, 5, 5, SET, false).orThrow();

        Results.SetCounts c = ns.setSclass(d, 1000, 5, 5, SET | RECURSIVE, false).orThrow();

        // d, roots and sub belong to root (not permitted for uid 1000); mine already has class 5
        assertThat(c).isEqualTo(new Results.SetCounts(0, 1, 3));
        c = ns.setSclass(d, 0, 5, 5, SET | RECURSIVE, false).orThrow();
        assertThat(c).isEqualTo(new Results.SetCounts(3, 1, 0));
        assertThat(fx.changes.getLast()).hasToString(fx.now + "|SETSCLASS(" + d + ",0,5,5,4):3,1,0");
        assertThat(fx.replayed().canonicalListing()).isEqualTo(ns.canonicalListing());
    }

    @Test
    void increaseDecreaseAndExchangeOnlyTouchTheMatchingNodes() {
        int d = fx.mkdir(1, "d");
        int one = fx.file(d, "one");
        int four = fx.file(d, "four");
        ns.setSclass(one, 0, 1, 1, SET, false).orThrow();
        ns.setSclass(four, 0, 4, 4, SET, false).orThrow();

        assertThat(ns.setSclass(d, 0, 3, 3, INCREASE | RECURSIVE, false).orThrow().changed()).isEqualTo(2);
        assertThat(ns.sclass(one)).isEqualTo(3);
        assertThat(ns.sclass(four)).isEqualTo(4);
        assertThat(ns.setSclass(d, 0, 3, 3, DECREASE | RECURSIVE, false).orThrow().changed()).isEqualTo(1);
        assertThat(ns.sclass(four)).isEqualTo(3);
        assertThat(ns.setSclass(d, 0, 3, 7, EXCHANGE | RECURSIVE, false).orThrow())
                .isEqualTo(new Results.SetCounts(3, 0, 0));
    }

    @Test
    void aRefusedSingleNodeIsEpermAndNothingIsRecorded() {
        int f = fx.file(1, "f");
        int before = fx.changes.size();
        assertThat(ns.setSclass(f, 1000, 3, 3, SET, false).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.setSclass(f, 0, 3, 10, SET, false).status()).isEqualTo(MfsStatus.EINVAL);
        assertThat(fx.changes).hasSize(before);
    }

    @Test
    void aFilesChunksLearnTheirNewGoal() {
        Namespace withChunks = new Namespace(() -> fx.now, c -> { }, new ChunkReleaser() {
            @Override
            public void released(int inode, long chunkId) {
            }

            @Override
            public void goalChanged(int inode, long chunkId, int goal) {
                goalChanges.add(new long[] {inode, chunkId, goal});
            }
        }, NamespaceSettings.DEFAULTS);
        int f = withChunks.mknod(ROOT, 1, b("f"), NodeType.FILE, 0644, 0, 0).orThrow().inode();
        withChunks.setChunk(f, 0, 77);
        withChunks.setChunk(f, 2, 78);

        withChunks.setSclass(f, 0, 2, 2, SET, false).orThrow(); // unchanged: nothing to tell
        withChunks.setSclass(f, 0, 3, 3, SET, false).orThrow();

        assertThat(goalChanges).containsExactly(new long[] {f, 77, 3}, new long[] {f, 78, 3});
    }

    @Test
    void subtreeSummariesCountFilesAndDirectoriesPerValue() {
        int d = fx.mkdir(1, "d");
        int f1 = fx.file(d, "f1");
        fx.file(d, "f2");
        int sub = fx.mkdir(d, "sub");
        ns.setSclass(f1, 0, 1, 1, SET, false).orThrow();
        ns.setTrashTime(ROOT, sub, 7200, SET).orThrow();

        Results.ValueCounts classes = ns.sclassCounts(d, 1).orThrow();
        assertThat(classes.files()).isEqualTo(Map.of(1, 1, 2, 1));
        assertThat(classes.dirs()).isEqualTo(Map.of(2, 2));
        assertThat(ns.sclassCounts(d, 0).orThrow().dirs()).isEqualTo(Map.of(2, 1));
        assertThat(ns.sclassCounts(d, 0).orThrow().files()).isEmpty();
        Results.ValueCounts trash = ns.trashTimeCounts(d, 1).orThrow();
        assertThat(trash.dirs()).isEqualTo(Map.of(86400, 1, 7200, 1));
        assertThat(trash.files()).isEqualTo(Map.of(86400, 2));
    }

    @Test
    void eattrSetNeedsAdminForProtectiveFlagsAndImmutableRefusesChanges() {
        int f = fx.file(1, "f");
        assertThat(ns.setEattr(f, 0, NodeAttr.EATTR_IMMUTABLE, INCREASE, false).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.setEattr(f, 0, NodeAttr.EATTR_IMMUTABLE, INCREASE, true).orThrow().changed()).isEqualTo(1);
        assertThat(fx.changes.getLast()).hasToString(fx.now + "|SETEATTR(" + f + ",0,128,1):1,0,0");

        assertThat(ns.unlink(ROOT, 1, b("f")).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.setattr(ROOT, f, SetAttr.chmod(0600)).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.setTrashTime(ROOT, f, 0, SET).status()).isEqualTo(MfsStatus.EPERM);

        ns.setEattr(f, 0, NodeAttr.EATTR_IMMUTABLE, DECREASE, true).orThrow();
        assertThat(ns.unlink(ROOT, 1, b("f")).isOk()).isTrue();
        assertThat(fx.replayed().canonicalListing()).isEqualTo(ns.canonicalListing());
    }

    @Test
    void noEntryCacheIsADirectoryFlagAndFilesNeverReportIt() {
        int d = fx.mkdir(1, "d");
        int f = fx.file(d, "f");
        Results.SetCounts c = ns.setEattr(d, 0, NodeAttr.EATTR_NOECACHE | NodeAttr.EATTR_NOOWNER, SET | RECURSIVE,
                false).orThrow();
        assertThat(c).isEqualTo(new Results.SetCounts(2, 0, 0));
        assertThat(ns.eattrCounts(f, 0).orThrow().files()).isEqualTo(Map.of(NodeAttr.EATTR_NOOWNER, 1));
        assertThat(ns.eattrCounts(d, 0).orThrow().dirs())
                .isEqualTo(Map.of(NodeAttr.EATTR_NOECACHE | NodeAttr.EATTR_NOOWNER, 1));
    }

    @Test
    void pathsListEveryHardLinkBelowTheViewersRoot() {
        int a = fx.mkdir(1, "a");
        int b = fx.mkdir(a, "b");
        int f = fx.file(b, "f");
        ns.link(ROOT, f, 1, b("top")).orThrow();

        assertThat(strings(ns.paths(1, f).orThrow())).containsExactlyInAnyOrder("a/b/f", "top");
        assertThat(strings(ns.paths(a, f).orThrow())).containsExactly("b/f");
        assertThat(strings(ns.paths(1, 1).orThrow())).containsExactly("/");

        ns.unlink(ROOT, 1, b("top")).orThrow();
        ns.unlink(ROOT, b, b("f")).orThrow();
        assertThat(strings(ns.paths(1, f).orThrow())).containsExactly("./TRASH (a/b/f)");
        assertThat(ns.paths(1, 999).status()).isEqualTo(MfsStatus.ENOENT);
    }

    @Test
    void dirStatsSumTheSubtreeWithChunkFileSizesAndGoalTimesSizeAsRealSize() {
        int d = fx.mkdir(1, "d");
        int f = fx.file(d, "f");
        fx.mkdir(d, "sub");
        fx.file(d, "empty");
        ns.setChunk(f, 0, 5);
        ns.setChunk(f, 1, 6);
        long length = (1L << 26) + 1000; // a full first chunk, 1000 bytes in the second
        ns.setLength(f, length, true);

        Results.DirStats st = ns.dirStats(d).orThrow();

        long size = ((1L << 26) + 0x2000) + (0x10000 + 0x2000);
        assertThat(st).isEqualTo(new Results.DirStats(4, 2, 2, 2, length, size, 2 * size));
        assertThat(ns.dirStats(f).orThrow().files()).isEqualTo(1);
    }

    private static List<String> strings(List<byte[]> paths) {
        return paths.stream().map(p -> new String(p, StandardCharsets.UTF_8)).toList();
    }
}
