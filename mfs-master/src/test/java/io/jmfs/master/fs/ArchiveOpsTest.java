package io.jmfs.master.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.sclass.ClassDraft;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.protocol.MfsStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ARCHCTL's counts and changes, ARCHCHG's replay and the archive-delay sweep, as 3.0.117 decides them. */
class ArchiveOpsTest {
    private static final int USER = 1000;

    /** Chunk flags as a map: absent = unknown chunk. */
    static final class MapFlags implements ChunkArchiveFlags {
        final Map<Long, Boolean> flags = new HashMap<>();

        MapFlags known(long... ids) {
            for (long id : ids) {
                flags.put(id, false);
            }
            return this;
        }

        @Override
        public int flag(long chunkId) {
            Boolean f = flags.get(chunkId);
            return f == null ? UNKNOWN : f ? 1 : 0;
        }

        @Override
        public boolean set(long chunkId, boolean archived) {
            Boolean f = flags.get(chunkId);
            if (f == null || f == archived) {
                return false;
            }
            flags.put(chunkId, archived);
            return true;
        }
    }

    private final FsFixture f = new FsFixture();
    private final MapFlags flags = new MapFlags().known(11, 12, 21, 31);
    private final int dir;
    private final int mine;
    private final int theirs;
    private final int empty;

    ArchiveOpsTest() {
        f.ns.useArchiveFlags(flags);
        dir = f.mkdir(1, "d");
        mine = f.file(dir, "mine");
        theirs = f.file(dir, "theirs");
        empty = f.file(dir, "empty");
        chunks(mine, 11, 12);
        chunks(theirs, 21);
        f.ns.setattr(FsFixture.ROOT, theirs, SetAttr.chown(USER, 0)).orThrow();
        f.changes.clear();
    }

    private void chunks(int inode, long... ids) {
        f.ns.setLength(inode, ids.length * (64L << 20), true);
        for (int i = 0; i < ids.length; i++) {
            assertThat(f.ns.setChunk(inode, i, ids[i])).isEqualTo(MfsStatus.OK);
        }
    }

    @Test
    void getCountsChunksByFlagAndFilesByHowManyOfTheirChunksAreArchived() {
        flags.set(11, true);

        ArchiveResults.Counts c = f.ns.archiveCounts(dir).orThrow();

        assertThat(c).isEqualTo(new ArchiveResults.Counts(1, 2, 0, 1, 1)); // "empty" counts nowhere
        assertThat(f.ns.archiveCounts(theirs).orThrow()).isEqualTo(new ArchiveResults.Counts(0, 1, 0, 0, 1));
        assertThat(f.ns.archiveCounts(999).status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(f.changes).as("GET records nothing").isEmpty();
    }

    @Test
    void aUserSetsTheFlagsOfHisOwnFilesOnlyAndTheOthersCountAsNotPermitted() {
        ArchiveResults.Changed c = f.ns.changeArchive(dir, USER, true).orThrow();

        assertThat(c).isEqualTo(new ArchiveResults.Changed(1, 0, 2)); // "mine" and "empty" belong to root
        assertThat(flags.flags).containsEntry(21L, true).containsEntry(11L, false);
        assertThat(f.changes).singleElement().hasToString(FsFixture.T0 + "|ARCHCHG(" + dir + ",1000,1):1,0,2");
    }

    @Test
    void rootSetsEveryFileAndAlreadySetChunksCountAsNotChanged() {
        flags.set(12, true);

        assertThat(f.ns.changeArchive(dir, 0, true).orThrow()).isEqualTo(new ArchiveResults.Changed(2, 1, 0));
        assertThat(f.ns.archiveCounts(dir).orThrow()).isEqualTo(new ArchiveResults.Counts(3, 0, 2, 0, 0));
    }

    @Test
    void aSingleFileTheUserMayNotChangeIsRefusedWithEpermAndNothingIsRecorded() {
        assertThat(f.ns.changeArchive(mine, USER, true).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(f.changes).isEmpty();
        assertThat(f.ns.changeArchive(dir + 100, 0, true).status()).isEqualTo(MfsStatus.ENOENT);
    }

    @Test
    void immutableFilesAreRefusedEvenToRoot() {
        f.ns.setEattr(mine, 0, NodeAttr.EATTR_IMMUTABLE, 0, true).orThrow();

        assertThat(f.ns.changeArchive(dir, 0, true).orThrow()).isEqualTo(new ArchiveResults.Changed(1, 0, 1));
        assertThat(flags.flags).containsEntry(11L, false);
    }

    @Test
    void clearingTouchesTheCtimeOfEveryPermittedFileButSettingDoesNot() {
        int before = f.attr(mine).ctime();
        f.now += 100;
        f.ns.changeArchive(dir, 0, true).orThrow();
        assertThat(f.attr(mine).ctime()).isEqualTo(before);

        f.now += 100;
        assertThat(f.ns.changeArchive(dir, USER, false).orThrow()).isEqualTo(new ArchiveResults.Changed(1, 0, 2));

        assertThat(f.attr(theirs).ctime()).isEqualTo(f.now);
        assertThat(f.attr(mine).ctime()).as("not permitted: untouched").isEqualTo(before);
        assertThat(f.attr(dir).ctime()).as("directories keep theirs").isNotEqualTo(f.now);
    }

    @Test
    void aChunkSharedByTwoFilesChangesOnceAndCountsOnceAsNotChanged() {
        int copy = f.file(dir, "copy");
        chunks(copy, 21);
        f.changes.clear();

        assertThat(f.ns.changeArchive(dir, 0, true).orThrow()).isEqualTo(new ArchiveResults.Changed(3, 1, 0));
    }

    @Test
    void replayAppliesTheSameRecordAndRefusesOneWhoseCountsDoNotFit() {
        f.now += 50;
        f.ns.changeArchive(dir, USER, false).orThrow();
        f.ns.changeArchive(dir, 0, true).orThrow();
        Change.ArchChg set = (Change.ArchChg) f.changes.getLast();

        MapFlags other = new MapFlags().known(11, 12, 21, 31);
        Namespace copy = replica(other);
        for (Change c : f.changes) {
            assertThat(copy.replay(c)).as(c.toString()).isEqualTo(MfsStatus.OK);
        }
        assertThat(other.flags).isEqualTo(flags.flags);
        assertThat(copy.getattr(theirs).orThrow().ctime()).isEqualTo(f.attr(theirs).ctime());

        MapFlags stale = new MapFlags().known(11, 12, 21, 31);
        stale.set(11, true);
        Namespace mismatched = replica(stale);
        assertThat(mismatched.replay(set)).isEqualTo(MfsStatus.MISMATCH);
        assertThat(stale.flags).as("nothing changed").containsEntry(12L, false).containsEntry(21L, false);
    }

    /** A namespace holding the fixture's tree (replayed from the full history), flags from {@code flags}. */
    private Namespace replica(MapFlags flags) {
        FsFixture g = new FsFixture();
        g.ns.useArchiveFlags(flags);
        int d = g.mkdir(1, "d");
        int m = g.file(d, "mine");
        int t = g.file(d, "theirs");
        g.file(d, "empty");
        assertThat(List.of(d, m, t)).containsExactly(dir, mine, theirs);
        g.ns.setLength(m, 2 * (64L << 20), true);
        g.ns.setChunk(m, 0, 11);
        g.ns.setChunk(m, 1, 12);
        g.ns.setLength(t, 64L << 20, true);
        g.ns.setChunk(t, 0, 21);
        g.ns.setattr(FsFixture.ROOT, t, SetAttr.chown(USER, 0)).orThrow();
        return g.ns;
    }

    @Test
    void theSweepArchivesFilesWhoseCtimeIsOlderThanTheirClassesArchiveDelay() {
        List<LabelExpression> one = List.of(LabelExpression.ANY);
        StorageClass cls = f.ns.createClass("arch", new ClassDraft(false, StorageClass.MODE_STD, 1, one, one, one))
                .orThrow();
        f.ns.setSclass(mine, 0, cls.id(), cls.id(), 0, true).orThrow();
        int ctime = f.attr(mine).ctime();
        f.changes.clear();

        f.now = ctime + 86400;
        f.ns.maintain();
        assertThat(f.changes).as("not yet older than one day").noneMatch(c -> c instanceof Change.ArchChg);

        f.now = ctime + 86401;
        f.ns.maintain();
        assertThat(f.changes).filteredOn(c -> c instanceof Change.ArchChg).singleElement()
                .hasToString(f.now + "|ARCHCHG(" + mine + ",0,1):2,0,0");
        assertThat(flags.flags).containsEntry(11L, true).containsEntry(12L, true).containsEntry(21L, false);

        f.changes.clear();
        f.ns.maintain();
        assertThat(f.changes).as("nothing left to flip: no record").noneMatch(c -> c instanceof Change.ArchChg);
    }

    @Test
    void anArchiveDelayIsDueOnlyWhenSetWithinRangeAndWithoutOverflow() {
        assertThat(ArchiveOps.due(0, 0, Integer.MAX_VALUE)).isFalse();
        assertThat(ArchiveOps.due(1, 100, 100 + 86401)).isTrue();
        assertThat(ArchiveOps.due(ArchiveOps.MAX_DELAY_DAYS + 1, 0, -1)).isFalse();
        assertThat(ArchiveOps.due(2, -86400, -1)).as("ctime + delay passes 2^32").isFalse();
        assertThat(ArchiveOps.due(1, 0, -1)).as("unsigned times").isTrue();
    }
}
