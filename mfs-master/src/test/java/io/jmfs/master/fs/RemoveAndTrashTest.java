package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.b;
import static io.jmfs.master.fs.FsFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import org.junit.jupiter.api.Test;

class RemoveAndTrashTest {
    private final FsFixture fx = new FsFixture();
    private final Namespace ns = fx.ns;

    private int fileWithChunks(int parent, String name, long length, long... chunks) {
        int f = fx.file(parent, name);
        for (int i = 0; i < chunks.length; i++) {
            ns.setChunk(f, i, chunks[i]);
        }
        ns.setLength(f, length, true);
        return f;
    }

    /** Maintenance passes until every trash and sustained bucket was visited once; the counts summed. */
    private Results.Maintenance fullCycle() {
        int purged = 0, toSustained = 0, closed = 0, freed = 0;
        for (int pass = 0; pass < TrashOps.TRASH_ALL_BUCKETS; pass++) {
            Results.Maintenance m = ns.maintain();
            purged += m.trashPurged();
            toSustained += m.trashToSustained();
            closed += m.sustainedPurged();
            freed += m.inodesFreed();
        }
        return new Results.Maintenance(purged, toSustained, closed, freed);
    }

    @Test
    void unlinkAnswersTheRemovedInodeAndTheNameIsGone() {
        int f = fx.file(1, "a");
        assertThat(ns.unlink(ROOT, 1, b("a")).orThrow()).isEqualTo(f);
        assertThat(ns.lookup(ROOT, 1, b("a")).status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(fx.changes.getLast()).hasToString(FsFixture.T0 + "|UNLINK(1,a):" + f);
    }

    @Test
    void aFileWithTrashTimeGoesToTheTrashUnderItsPathAndStillCountsInStatfs() {
        int d = fx.mkdir(1, "dir");
        int f = fileWithChunks(d, "f", 1000, 77L);
        ns.unlink(ROOT, d, b("f")).orThrow();

        assertThat(ns.trashInodes()).containsExactly(f);
        NodeAttr a = fx.attr(f);
        assertThat(a.type()).isEqualTo(NodeType.TRASH);
        assertThat(a.wireType()).isEqualTo(NodeType.FILE);
        assertThat(a.nlink()).isZero();
        assertThat(ns.statfs().trashNodes()).isEqualTo(1);
        assertThat(ns.statfs().trashSpace()).isEqualTo(1000);
        assertThat(fx.releasedChunks).isEmpty();
        assertThat(ns.canonicalListing()).contains("<- 0 dir/f ");
    }

    @Test
    void expiredTrashIsPurgedAndItsChunksReleased() {
        int f = fileWithChunks(1, "f", 100L << 20, 11L, 12L);
        ns.unlink(ROOT, 1, b("f")).orThrow();

        fx.now += 86400;
        assertThat(fullCycle().trashPurged()).as("not yet: the trash time must be exceeded").isZero();
        fx.now += 1;
        assertThat(fullCycle().trashPurged()).isEqualTo(1);

        assertThat(fx.releasedChunks).containsExactlyInAnyOrder(11L, 12L);
        assertThat(ns.getattr(f).status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(ns.statfs().trashNodes()).isZero();
        assertThat(ns.statfs().trashSpace()).isZero();
        assertThat(fx.changes).anyMatch(c -> c instanceof Change.EmptyTrash e && e.freed() == 1);
    }

    @Test
    void withTrashTimeZeroAFileIsRemovedAtOnceAndItsChunksReleased() {
        int f = fileWithChunks(1, "f", 10, 42L);
        ns.setTrashTime(ROOT, f, 0, 0).orThrow();
        ns.unlink(ROOT, 1, b("f")).orThrow();
        assertThat(fx.releasedChunks).containsExactly(42L);
        assertThat(ns.getattr(f).status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(ns.trashInodes()).isEmpty();
    }

    @Test
    void anOpenFileWithoutTrashTimeIsSustainedUntilReleased() {
        int f = fileWithChunks(1, "f", 10, 42L);
        ns.setTrashTime(ROOT, f, 0, 0).orThrow();
        ns.acquire(7, f);
        ns.unlink(ROOT, 1, b("f")).orThrow();

        assertThat(ns.sustainedInodes()).containsExactly(f);
        assertThat(fx.attr(f).type()).isEqualTo(NodeType.SUSTAINED);
        assertThat(ns.statfs().sustainedNodes()).isEqualTo(1);
        assertThat(fullCycle().sustainedPurged()).isZero();

        ns.release(7, f);
        assertThat(fullCycle().sustainedPurged()).isEqualTo(1);
        assertThat(fx.releasedChunks).containsExactly(42L);
        assertThat(ns.getattr(f).status()).isEqualTo(MfsStatus.ENOENT);
    }

    @Test
    void expiredTrashThatIsStillOpenMovesToSustained() {
        int f = fx.file(1, "f");
        ns.acquire(3, f);
        ns.unlink(ROOT, 1, b("f")).orThrow();
        fx.now += 86401;
        Results.Maintenance m = fullCycle();
        assertThat(m.trashToSustained()).isEqualTo(1);
        assertThat(ns.sustainedInodes()).containsExactly(f);
        assertThat(ns.trashInodes()).isEmpty();
    }

    @Test
    void eachPassVisitsOneTrashBucketInTurnAndItsLineNamesTheBucket() {
        int f = fx.file(1, "f");
        ns.unlink(ROOT, 1, b("f")).orThrow();
        fx.now += 86401;
        int bucket = f % TrashOps.TRASH_ALL_BUCKETS;
        for (int pass = 0; pass < bucket; pass++) {
            assertThat(ns.maintain().trashPurged()).as("pass %d visits bucket %d", pass, pass).isZero();
        }
        assertThat(ns.maintain().trashPurged()).as("the pass over the file's own bucket").isEqualTo(1);
        assertThat(fx.changes.getLast().toString()).endsWith("|EMPTYTRASH(" + bucket + "):1,0," + f);
    }

    @Test
    void removedInodeNumbersAreReusedOnlyAfterTheReuseDelay() {
        int a = fx.file(1, "a");
        ns.setTrashTime(ROOT, a, 0, 0).orThrow();
        ns.unlink(ROOT, 1, b("a")).orThrow();
        assertThat(fx.file(1, "b")).as("the freed number is held back").isEqualTo(a + 1);

        fx.now += 86400;
        ns.maintain();
        assertThat(fx.file(1, "c")).isEqualTo(a + 2);

        fx.now += 1;
        assertThat(ns.maintain().inodesFreed()).isEqualTo(1);
        assertThat(fx.file(1, "d")).as("lowest free number again").isEqualTo(a);
        assertThat(fx.changes).anyMatch(c -> c.toString().contains("|FREEINODES(86400):1,0," + a));
    }

    @Test
    void unlinkOfADirectoryIsEpermAndRmdirOfAFileIsEnotdir() {
        int d = fx.mkdir(1, "d");
        fx.file(1, "f");
        assertThat(ns.unlink(ROOT, 1, b("d")).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.rmdir(ROOT, 1, b("f")).status()).isEqualTo(MfsStatus.ENOTDIR);
        assertThat(ns.rmdir(ROOT, 1, b("d")).orThrow()).isEqualTo(d);
        assertThat(fx.attr(1).nlink()).isEqualTo(2);
    }

    @Test
    void rmdirOfANonEmptyDirectoryIsEnotempty() {
        int d = fx.mkdir(1, "d");
        fx.file(d, "f");
        assertThat(ns.rmdir(ROOT, 1, b("d")).status()).isEqualTo(MfsStatus.ENOTEMPTY);
    }

    @Test
    void removingMissingOrInvalidNamesFails() {
        assertThat(ns.unlink(ROOT, 1, b("nope")).status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(ns.unlink(ROOT, 1, b("..")).status()).isEqualTo(MfsStatus.EINVAL);
        assertThat(ns.unlink(ROOT, 99, b("x")).status()).isEqualTo(MfsStatus.ENOENT);
        int f = fx.file(1, "f");
        assertThat(ns.unlink(ROOT, f, b("x")).status()).isEqualTo(MfsStatus.ENOTDIR);
    }

    @Test
    void removingNeedsWriteAccessToTheDirectory() {
        int d = ns.mkdir(ROOT, 1, b("d"), 0755, 0, false).orThrow().inode();
        fx.file(d, "f");
        assertThat(ns.unlink(user(1000, 1000), d, b("f")).status()).isEqualTo(MfsStatus.EACCES);
    }

    @Test
    void inAStickyDirectoryOnlyOwnersMayRemoveEntries() {
        int tmp = ns.mkdir(ROOT, 1, b("tmp"), 01777, 0, false).orThrow().inode();
        Credentials alice = user(1000, 1000);
        Credentials bob = user(1001, 1001);
        ns.mknod(alice, tmp, b("a"), NodeType.FILE, 0666, 0, 0).orThrow();

        assertThat(ns.unlink(bob, tmp, b("a")).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.rename(bob, tmp, b("a"), tmp, b("b")).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.unlink(alice, tmp, b("a")).isOk()).isTrue();
    }

    @Test
    void replayOfAMooseFsEmptyTrashPurgesOnlyTheNamedBucket() {
        int a = fx.file(1, "a");
        int b = fx.file(1, "b");
        ns.unlink(ROOT, 1, b("a")).orThrow();
        ns.unlink(ROOT, 1, b("b")).orThrow();
        int later = fx.now + 86401;
        assertThat(ns.replay(new Change.EmptyTrash(later, a % 4096, 1, 0, a))).isEqualTo(MfsStatus.OK);
        assertThat(ns.trashInodes()).containsExactly(b);
        assertThat(ns.replay(new Change.EmptyTrash(later, b % 4096, 2, 0, 0))).as("wrong count")
                .isEqualTo(MfsStatus.MISMATCH);
        assertThat(ns.trashInodes()).containsExactly(b);
    }
}
