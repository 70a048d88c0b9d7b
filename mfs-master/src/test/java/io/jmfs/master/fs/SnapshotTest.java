package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.T0;
import static io.jmfs.master.fs.FsFixture.b;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SNAPSHOT as mfsmakesnapshot and mfsrmsnapshot use it: what is copied, shared, refused and removed. */
class SnapshotTest {
    private static final int OVERWRITE = 0x01;
    private static final int CPLIKE = 0x02;
    private static final int FORCE = 0x04;
    private static final int HARDLINKS = 0x08;
    private static final int REMOVE = 0x80;

    private int now = T0;
    private final List<Change> changes = new ArrayList<>();
    /** File references per chunk, as the chunk layer counts them from the releaser's calls. */
    private final Map<Long, Integer> fileCounts = new HashMap<>();
    private final Namespace ns = new Namespace(() -> now, changes::add, new ChunkReleaser() {
        @Override
        public void released(int inode, long chunkId) {
            fileCounts.merge(chunkId, -1, Integer::sum);
        }

        @Override
        public void referenced(int inode, long chunkId, int goal) {
            fileCounts.merge(chunkId, 1, Integer::sum);
        }
    }, NamespaceSettings.DEFAULTS);

    private int mkdir(int parent, String name, int mode) {
        return ns.mkdir(ROOT, parent, b(name), mode, 0, false).orThrow().inode();
    }

    private int file(int parent, String name, long... chunks) {
        int inode = ns.mknod(ROOT, parent, b(name), NodeType.FILE, 0644, 0, 0).orThrow().inode();
        for (int i = 0; i < chunks.length; i++) {
            assertThat(ns.setChunk(inode, i, chunks[i])).isEqualTo(MfsStatus.OK);
        }
        if (chunks.length > 0) {
            ns.setLength(inode, (chunks.length - 1) * (1L << 26) + 1000, true);
        }
        return inode;
    }

    private MfsStatus snapshot(Credentials who, int src, int parent, String name, int smode) {
        return ns.snapshot(who, 0, src, parent, b(name), smode, 022);
    }

    private int lookup(int parent, String name) {
        return ns.lookup(ROOT, parent, b(name)).orThrow().inode();
    }

    private boolean exists(int parent, String name) {
        return ns.lookup(ROOT, parent, b(name)).isOk();
    }

    private NodeAttr attr(int inode) {
        return ns.getattr(inode).orThrow();
    }

    private Change.Snapshot lastSnapshot() {
        return (Change.Snapshot) changes.getLast();
    }

    @Test
    void aFileSnapshotIsANewNodeWithTheSameAttributesSharingEveryChunk() {
        int f = file(1, "f", 11, 12);
        ns.setattr(ROOT, f, new SetAttr(SetAttr.MODE | SetAttr.UID | SetAttr.GID, 04750, 1000, 100, 0, 0, 0, 0));
        now += 100;

        assertThat(snapshot(ROOT, f, 1, "s", 0)).isEqualTo(MfsStatus.OK);

        int s = lookup(1, "s");
        assertThat(s).isNotEqualTo(f);
        NodeAttr original = attr(f);
        NodeAttr copy = attr(s);
        assertThat(copy.mode()).isEqualTo(04750);
        assertThat(copy.uid()).isEqualTo(1000);
        assertThat(copy.gid()).isEqualTo(100);
        assertThat(copy.length()).isEqualTo(original.length());
        assertThat(List.of(copy.atime(), copy.mtime(), copy.ctime()))
                .containsExactly(original.atime(), original.mtime(), original.ctime());
        assertThat(copy.eattr() & NodeAttr.EATTR_SNAPSHOT).isNotZero();
        assertThat(original.eattr() & NodeAttr.EATTR_SNAPSHOT).isZero();
        assertThat(ns.sclass(s)).isEqualTo(ns.sclass(f));
        assertThat(ns.chunkAt(s, 0).orThrow()).isEqualTo(11);
        assertThat(ns.chunkAt(s, 1).orThrow()).isEqualTo(12);
        assertThat(fileCounts).containsEntry(11L, 2).containsEntry(12L, 2);
        assertThat(ns.checkConsistency()).isEmpty();
    }

    @Test
    void theChangelogLineIsWrittenAsMooseFs3_0_117WritesIt() {
        int f = file(1, "f", 11);
        int inodeOfCopy = f + 1;
        assertThat(ns.snapshot(Credentials.of(0, 0, 5), 0x40, f, 1, b("a,b"), OVERWRITE, 022))
                .isEqualTo(MfsStatus.OK);

        assertThat(lastSnapshot().toString()).isEqualTo(now + "|SNAPSHOT(" + f + ",1,a%2Cb,1,64,0,[0,5],18):"
                + inodeOfCopy + ",0,0,0,0,1");
    }

    @Test
    void aDirectoryTreeIsCopiedWithItsSymlinksDevicesAndExtendedAttributes() {
        int d = mkdir(1, "d", 0755);
        int sub = mkdir(d, "sub", 0700);
        int f = file(sub, "f", 21);
        ns.symlink(ROOT, d, b("link"), b("sub/f")).orThrow();
        ns.mknod(ROOT, d, b("dev"), NodeType.CHARDEV, 0600, 0, 0x0103).orThrow();
        ns.mknod(ROOT, d, b("fifo"), NodeType.FIFO, 0600, 0, 0).orThrow();
        ns.setxattr(ROOT, f, b("user.k"), b("v"), 0, false);
        int target = mkdir(1, "backup", 0755);

        assertThat(snapshot(ROOT, d, target, "d1", 0)).isEqualTo(MfsStatus.OK);

        int copy = lookup(target, "d1");
        int copiedSub = lookup(copy, "sub");
        int copiedFile = lookup(copiedSub, "f");
        assertThat(attr(copiedSub).mode()).isEqualTo(0700);
        assertThat(ns.chunkAt(copiedFile, 0).orThrow()).isEqualTo(21);
        assertThat(ns.readlink(lookup(copy, "link")).orThrow()).isEqualTo(b("sub/f"));
        assertThat(attr(lookup(copy, "dev")).rdev()).isEqualTo(0x0103);
        assertThat(attr(lookup(copy, "fifo")).type()).isEqualTo(NodeType.FIFO);
        assertThat(ns.getxattr(ROOT, copiedFile, b("user.k"), false).orThrow()).isEqualTo(b("v"));
        assertThat(lastSnapshot().created()).as("d1, sub, f, link, dev, fifo").isEqualTo(6);
        assertThat(ns.dirStats(copy).orThrow()).isEqualTo(ns.dirStats(d).orThrow());
        assertThat(fileCounts).containsEntry(21L, 2);
        assertThat(ns.checkConsistency()).isEmpty();
    }

    @Test
    void anExistingTargetFileNeedsOverwriteAndIsReplacedUnlessItIsTheSameData() {
        int f = file(1, "f", 11);
        int other = file(1, "other", 99);

        assertThat(snapshot(ROOT, f, 1, "other", 0)).isEqualTo(MfsStatus.EEXIST);
        assertThat(changes.getLast()).isNotInstanceOf(Change.Snapshot.class);

        assertThat(snapshot(ROOT, f, 1, "other", OVERWRITE)).isEqualTo(MfsStatus.OK);
        int replaced = lookup(1, "other");
        assertThat(replaced).isNotEqualTo(other);
        assertThat(ns.chunkAt(replaced, 0).orThrow()).isEqualTo(11);
        assertThat(ns.trashInodes()).as("the old file went where UNLINK sends it").contains(other);
        assertThat(lastSnapshot().existing()).isEqualTo(1);
        assertThat(lastSnapshot().inodeChecksum()).isEqualTo(other ^ replaced);

        assertThat(snapshot(ROOT, f, 1, "other", OVERWRITE)).isEqualTo(MfsStatus.OK);
        assertThat(lookup(1, "other")).as("the same chunks: kept").isEqualTo(replaced);
        assertThat(lastSnapshot().same()).isEqualTo(1);
    }

    @Test
    void aSnapshotOntoAnExistingDirectoryMergesIntoIt() {
        int d = mkdir(1, "d", 0755);
        file(d, "a", 1);
        int d2 = mkdir(1, "d2", 0755);
        int keep = file(d2, "mine", 2);

        assertThat(snapshot(ROOT, d, 1, "d2", 0)).isEqualTo(MfsStatus.OK);

        assertThat(lookup(1, "d2")).isEqualTo(d2);
        assertThat(lookup(d2, "mine")).isEqualTo(keep);
        assertThat(ns.chunkAt(lookup(d2, "a"), 0).orThrow()).isEqualTo(1);
        assertThat(attr(d2).eattr() & NodeAttr.EATTR_SNAPSHOT).isNotZero();
    }

    @Test
    void refusalsAnswerMooseFsStatusesAndChangeNothing() {
        int d = mkdir(1, "d", 0755);
        int inner = mkdir(d, "inner", 0755);
        int f = file(1, "f");
        int dir2 = mkdir(1, "dir2", 0755);
        int locked = mkdir(1, "locked", 0700);
        ns.setattr(ROOT, f, new SetAttr(SetAttr.MODE, 0600, 0, 0, 0, 0, 0, 0));
        String before = ns.canonicalListing();
        int recorded = changes.size();
        Credentials user = Credentials.of(1000, 1000);

        assertThat(snapshot(ROOT, d, inner, "x", 0)).as("into itself").isEqualTo(MfsStatus.EINVAL);
        assertThat(snapshot(ROOT, d, d, "x", 0)).isEqualTo(MfsStatus.EINVAL);
        assertThat(snapshot(ROOT, d, 1, "d", 0)).as("onto itself").isEqualTo(MfsStatus.EINVAL);
        assertThat(snapshot(ROOT, f, 1, "dir2", OVERWRITE)).as("another type").isEqualTo(MfsStatus.EPERM);
        assertThat(snapshot(ROOT, d, f, "x", 0)).as("target parent not a directory").isEqualTo(MfsStatus.EPERM);
        assertThat(snapshot(ROOT, 999, 1, "x", 0)).isEqualTo(MfsStatus.ENOENT);
        assertThat(snapshot(ROOT, 0, 1, "x", 0)).isEqualTo(MfsStatus.EINVAL);
        assertThat(snapshot(ROOT, d, 1, "..", 0)).isEqualTo(MfsStatus.EINVAL);
        assertThat(snapshot(user, f, dir2, "x", 0)).as("unreadable source").isEqualTo(MfsStatus.EACCES);
        assertThat(snapshot(user, d, locked, "x", 0)).as("unwritable target").isEqualTo(MfsStatus.EACCES);
        ns.setEattr(dir2, 0, NodeAttr.EATTR_IMMUTABLE, 0, true).orThrow();
        String immutable = ns.canonicalListing();
        assertThat(snapshot(ROOT, d, dir2, "x", 0)).isEqualTo(MfsStatus.EPERM);

        assertThat(ns.canonicalListing()).isEqualTo(immutable);
        assertThat(changes.subList(recorded, changes.size())).hasSize(1); // the SETEATTR
        assertThat(before).isNotEqualTo(immutable);
    }

    @Test
    void aCallerWhoDoesNotOwnTheSourceOwnsTheCopyWithoutSetIdBitsAndUnreadableFilesAreLeftOut() {
        int d = mkdir(1, "d", 0755);
        int f = file(d, "f", 5);
        ns.setattr(ROOT, f, new SetAttr(SetAttr.MODE, 06755, 0, 0, 0, 0, 0, 0));
        int secret = file(d, "secret", 6);
        ns.setattr(ROOT, secret, new SetAttr(SetAttr.MODE, 0600, 0, 0, 0, 0, 0, 0));
        int home = mkdir(1, "home", 0777);
        Credentials user = Credentials.of(1000, 1000);

        assertThat(snapshot(user, d, home, "copy", 0)).isEqualTo(MfsStatus.OK);

        int copy = lookup(home, "copy");
        NodeAttr copiedFile = attr(lookup(copy, "f"));
        assertThat(copiedFile.uid()).isEqualTo(1000);
        assertThat(copiedFile.gid()).isEqualTo(1000);
        assertThat(copiedFile.mode()).isEqualTo(0755);
        assertThat(exists(copy, "secret")).isFalse();
        assertThat(fileCounts).containsEntry(6L, 1);
    }

    @Test
    void cpLikeCopiesTakeTheCallerTheUmaskAndTheTargetsDefaults() {
        int f = file(1, "f", 7);
        ns.setattr(ROOT, f, new SetAttr(SetAttr.MODE | SetAttr.UID, 0777, 1000, 0, 0, 0, 0, 0));
        now += 500;

        assertThat(ns.snapshot(Credentials.of(0, 50), 0, f, 1, b("c"), CPLIKE, 027)).isEqualTo(MfsStatus.OK);

        NodeAttr c = attr(lookup(1, "c"));
        assertThat(c.uid()).isZero();
        assertThat(c.gid()).isEqualTo(50);
        assertThat(c.mode()).isEqualTo(0750);
        assertThat(c.mtime()).isEqualTo(now);
        assertThat(ns.chunkAt(c.inode(), 0).orThrow()).isEqualTo(7);
    }

    @Test
    void preservingHardLinksLinksTheCopiesOfOneNodeToOneNewNode() {
        int d = mkdir(1, "d", 0755);
        int f = file(d, "one", 3);
        ns.link(ROOT, f, d, b("two")).orThrow();

        assertThat(snapshot(ROOT, d, 1, "plain", 0)).isEqualTo(MfsStatus.OK);
        int plain = lookup(1, "plain");
        assertThat(lookup(plain, "one")).isNotEqualTo(lookup(plain, "two"));

        assertThat(snapshot(ROOT, d, 1, "linked", HARDLINKS)).isEqualTo(MfsStatus.OK);
        int linked = lookup(1, "linked");
        assertThat(lookup(linked, "one")).isEqualTo(lookup(linked, "two"));
        assertThat(attr(lookup(linked, "one")).nlink()).isEqualTo(2);
        assertThat(lastSnapshot().hardlinks()).isEqualTo(1);
        assertThat(fileCounts).containsEntry(3L, 4); // original, two plain copies, one linked copy
    }

    @Test
    void removeModeRemovesASnapshotTreeAtOnceBypassingTheTrash() {
        int d = mkdir(1, "d", 0755);
        file(mkdir(d, "sub", 0755), "f", 8);
        assertThat(snapshot(ROOT, d, 1, "snap", 0)).isEqualTo(MfsStatus.OK);
        assertThat(fileCounts).containsEntry(8L, 2);

        assertThat(snapshot(ROOT, 0, 1, "snap", REMOVE)).isEqualTo(MfsStatus.OK);

        assertThat(exists(1, "snap")).isFalse();
        assertThat(lastSnapshot().removed()).isEqualTo(3);
        assertThat(ns.trashInodes()).isEmpty();
        assertThat(fileCounts).containsEntry(8L, 1);
        assertThat(ns.checkConsistency()).isEmpty();
    }

    @Test
    void removeModeRefusesATreeWithNodesNotMadeBySnapshotUnlessForced() {
        int d = mkdir(1, "d", 0755);
        file(d, "f", 8);
        assertThat(snapshot(ROOT, d, 1, "snap", 0)).isEqualTo(MfsStatus.OK);
        int snap = lookup(1, "snap");
        int added = file(snap, "added");
        int f = file(1, "plain");

        assertThat(snapshot(ROOT, 0, 1, "snap", REMOVE)).isEqualTo(MfsStatus.EPERM);
        assertThat(snapshot(ROOT, 0, 1, "plain", REMOVE)).isEqualTo(MfsStatus.EPERM);
        assertThat(snapshot(ROOT, f, 1, "snap", REMOVE)).isEqualTo(MfsStatus.EINVAL);
        assertThat(snapshot(ROOT, 0, 1, "nothing", REMOVE)).isEqualTo(MfsStatus.ENOENT);
        assertThat(exists(snap, "f")).isTrue();

        assertThat(snapshot(ROOT, 0, 1, "snap", REMOVE | FORCE)).isEqualTo(MfsStatus.OK);
        assertThat(lookup(1, "snap")).as("still holds the added file").isEqualTo(snap);
        assertThat(lookup(snap, "added")).isEqualTo(added);
        assertThat(exists(snap, "f")).isFalse();
        assertThat(lastSnapshot().removed()).isEqualTo(1);
    }

    @Test
    void replayRebuildsTheSameNamespaceAndRefusesARecordWhoseCountsDiffer() {
        int d = mkdir(1, "d", 0755);
        file(mkdir(d, "sub", 0755), "f", 8);
        ns.symlink(ROOT, d, b("l"), b("x")).orThrow();
        assertThat(snapshot(ROOT, d, 1, "s1", 0)).isEqualTo(MfsStatus.OK);
        assertThat(snapshot(ROOT, d, 1, "s1", OVERWRITE)).isEqualTo(MfsStatus.OK);
        assertThat(snapshot(ROOT, 0, 1, "s1", REMOVE)).isEqualTo(MfsStatus.OK);
        assertThat(snapshot(ROOT, d, 1, "s2", CPLIKE)).isEqualTo(MfsStatus.OK);

        Namespace copy = new Namespace(() -> T0, c -> { }, ChunkReleaser.NONE, NamespaceSettings.DEFAULTS);
        for (Change c : changes) {
            assertThat(copy.replay(c)).as("replay of %s", c).isEqualTo(MfsStatus.OK);
        }
        assertThat(copy.canonicalListing()).isEqualTo(ns.canonicalListing());

        Change.Snapshot s = lastSnapshot();
        Change.Snapshot wrong = new Change.Snapshot(s.ts(), s.srcInode(), s.dstParent(), b("s3"), s.smode(),
                s.sesflags(), s.uid(), s.gids(), s.umask(), s.inodeChecksum(), s.removed(), s.same(), s.existing(),
                s.hardlinks(), s.created() + 1);
        String before = copy.canonicalListing();
        assertThat(copy.replay(wrong)).isEqualTo(MfsStatus.MISMATCH);
        assertThat(copy.canonicalListing()).isEqualTo(before);
    }
}
