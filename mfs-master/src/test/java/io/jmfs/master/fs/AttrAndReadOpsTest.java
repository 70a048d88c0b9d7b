package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.b;
import static io.jmfs.master.fs.FsFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttrAndReadOpsTest {
    private final FsFixture fx = new FsFixture();
    private final Namespace ns = fx.ns;
    private final Credentials alice = user(1000, 1000, 50);
    private final Credentials bob = user(1001, 1001);

    private int aliceFile() {
        return ns.mknod(alice, 1, b("f"), NodeType.FILE, 0640, 0, 0).orThrow().inode();
    }

    @Test
    void theOwnerMayChmodAndOthersMayNot() {
        int f = aliceFile();
        assertThat(ns.setattr(alice, f, SetAttr.chmod(0600)).orThrow().mode()).isEqualTo(0600);
        assertThat(ns.setattr(bob, f, SetAttr.chmod(0777)).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.setattr(ROOT, f, SetAttr.chmod(0777)).orThrow().mode()).isEqualTo(0777);
    }

    @Test
    void setattrIsRecordedWithTheResultingAttributesAndSetsCtime() {
        int f = aliceFile();
        fx.now += 10;
        NodeAttr a = ns.setattr(alice, f, SetAttr.chmod(0600)).orThrow();
        assertThat(a.ctime()).isEqualTo(fx.now);
        assertThat(fx.changes.getLast()).hasToString(fx.now + "|ATTR(" + f + ",384,1000,1000," + FsFixture.T0 + ","
                + FsFixture.T0 + ",0,0)");
    }

    @Test
    void onlyRootGivesFilesAwayAndOwnersMayChgrpToTheirOwnGroups() {
        int f = aliceFile();
        assertThat(ns.setattr(alice, f, SetAttr.chown(1001, 1000)).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.setattr(alice, f, SetAttr.chown(1000, 50)).orThrow().gid()).isEqualTo(50);
        assertThat(ns.setattr(alice, f, SetAttr.chown(1000, 7)).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.setattr(ROOT, f, SetAttr.chown(1001, 7)).orThrow().uid()).isEqualTo(1001);
    }

    @Test
    void aNonMemberCannotSetTheSetgidBit() {
        int f = aliceFile();
        ns.setattr(ROOT, f, SetAttr.chown(1000, 7)).orThrow();
        assertThat(ns.setattr(alice, f, SetAttr.chmod(02755)).orThrow().mode()).isEqualTo(0755);
    }

    @Test
    void chownClearsSuidAndSgidInAlwaysMode() {
        int f = aliceFile();
        ns.setattr(ROOT, f, SetAttr.chmod(06755)).orThrow();
        NodeAttr a = ns.setattr(ROOT, f, new SetAttr(SetAttr.UID, 0, 5, 0, 0, 0, 0, 1)).orThrow();
        assertThat(a.mode()).isEqualTo(0755);
    }

    @Test
    void explicitTimesNeedOwnershipButTouchNowNeedsOnlyWriteAccess() {
        int f = aliceFile();
        assertThat(ns.setattr(bob, f, SetAttr.times(1, 2)).status()).isEqualTo(MfsStatus.EPERM);
        SetAttr now = new SetAttr(SetAttr.ATIME_NOW | SetAttr.MTIME_NOW, 0, 0, 0, 0, 0, 0, 0);
        assertThat(ns.setattr(bob, f, now).status()).isEqualTo(MfsStatus.EACCES);
        ns.setattr(ROOT, f, SetAttr.chmod(0666)).orThrow();
        fx.now += 5;
        NodeAttr a = ns.setattr(bob, f, now).orThrow();
        assertThat(a.atime()).isEqualTo(fx.now);
        assertThat(a.mtime()).isEqualTo(fx.now);
        assertThat(ns.setattr(alice, f, SetAttr.times(111, 222)).orThrow().mtime()).isEqualTo(222);
    }

    @Test
    void truncateChangesTheLengthAndReportsThePreviousOne() {
        int f = aliceFile();
        Results.Truncated t = ns.truncate(alice, f, 0, 5000).orThrow();
        assertThat(t.previousLength()).isZero();
        assertThat(t.attr().length()).isEqualTo(5000);
        assertThat(ns.truncate(bob, f, 0, 0).status()).isEqualTo(MfsStatus.EACCES);
        assertThat(ns.truncate(alice, 1, 0, 0).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(fx.changes.getLast()).hasToString(FsFixture.T0 + "|LENGTH(" + f + ",5000,1)");
    }

    @Test
    void truncateInsideAnExistingChunkAsksTheChunkLayerFirst() {
        int f = aliceFile();
        ns.setChunk(f, 0, 99L);
        ns.setLength(f, 1 << 20, true);
        assertThat(ns.truncate(alice, f, 0, 1000).status()).isEqualTo(MfsStatus.DELAYED);
        assertThat(ns.truncateCheck(alice, f, 0, 1000).orThrow()).isEqualTo(new Results.TruncatePlan(0, 99L));
        assertThat(ns.truncateApply(f, 0, 1000).orThrow().previousLength()).isEqualTo(1 << 20);
    }

    @Test
    void shorteningAFilePastAChunkReleasesIt() {
        int f = aliceFile();
        ns.setChunk(f, 0, 1L);
        ns.setChunk(f, 1, 2L);
        ns.setLength(f, 100L << 20, true);
        ns.truncate(alice, f, 0, 0).orThrow();
        assertThat(fx.releasedChunks).containsExactlyInAnyOrder(1L, 2L);
        assertThat(ns.chunkAt(f, 0).orThrow()).isZero();
    }

    @Test
    void appendReservationsGrowFromTheEndOfTheFile() {
        int f = aliceFile();
        ns.truncate(alice, f, 0, 10).orThrow();
        assertThat(ns.truncate(alice, f, 0x0b, 5).orThrow().previousLength()).isEqualTo(10);
        assertThat(ns.truncate(alice, f, 0x0b, 5).orThrow().previousLength()).isEqualTo(15);
    }

    @Test
    void openChecksAccessAndOpenWithTruncateEmptiesTheFile() {
        int f = aliceFile();
        ns.truncate(alice, f, 0, 100).orThrow();
        assertThat(ns.open(bob, f, 0x01).status()).isEqualTo(MfsStatus.EACCES);
        assertThat(ns.open(user(1002, 50), f, 0x01).isOk()).as("supplementary group 50? no: file group is 1000")
                .isFalse();
        assertThat(ns.open(alice, f, 0x03).orThrow().oflags()).isZero();
        assertThat(ns.open(alice, f, 0x0A).orThrow().attr().length()).isZero();
        assertThat(ns.open(ROOT, 1, 0x01).status()).isEqualTo(MfsStatus.EPERM);
    }

    @Test
    void accessUsesOwnerGroupOrOtherBitsWithSupplementaryGroups() {
        int f = aliceFile();
        assertThat(ns.access(alice, f, 6)).isEqualTo(MfsStatus.OK);
        assertThat(ns.access(user(2000, 9, 1000), f, 4)).isEqualTo(MfsStatus.OK);
        assertThat(ns.access(user(2000, 9, 1000), f, 2)).isEqualTo(MfsStatus.EACCES);
        assertThat(ns.access(bob, f, 4)).isEqualTo(MfsStatus.EACCES);
        assertThat(ns.access(ROOT, f, 7)).isEqualTo(MfsStatus.OK);
        assertThat(ns.access(ROOT, 4242, 4)).isEqualTo(MfsStatus.ENOENT);
    }

    @Test
    void lookupAnswersAttributesAndTheCallersAccessModes() {
        int f = aliceFile();
        Results.Lookup l = ns.lookup(alice, 1, b("f")).orThrow();
        assertThat(l.inode()).isEqualTo(f);
        assertThat(l.lflags()).as("rw- => 0,w,r,rw allowed").isEqualTo(0x55);
        assertThat(ns.lookup(ROOT, 1, b("f")).orThrow().lflags()).isEqualTo(0xFF);
        assertThat(ns.lookup(ROOT, 1, b(".")).orThrow().inode()).isEqualTo(1);
        assertThat(ns.lookup(ROOT, 1, b("..")).orThrow().inode()).isEqualTo(1);
        assertThat(ns.lookup(ROOT, 77, b("x")).status()).isEqualTo(MfsStatus.ENOENT_NOCACHE);
        assertThat(ns.lookup(ROOT, f, b("x")).status()).isEqualTo(MfsStatus.ENOTDIR);
        assertThat(ns.lookup(ROOT, 1, b("a/b")).status()).isEqualTo(MfsStatus.EINVAL);
    }

    @Test
    void lookupNeedsSearchPermission() {
        int d = ns.mkdir(ROOT, 1, b("private"), 0700, 0, false).orThrow().inode();
        fx.file(d, "x");
        assertThat(ns.lookup(bob, d, b("x")).status()).isEqualTo(MfsStatus.EACCES);
    }

    @Test
    void readdirListsDotDotDotAndEntriesNewestFirst() {
        int d = fx.mkdir(1, "d");
        int a = fx.file(d, "a");
        int sub = fx.mkdir(d, "sub");
        List<Results.DirEntry> plain = ns.readdir(ROOT, d, false).orThrow();
        assertThat(plain).extracting(Results.DirEntry::nameString).containsExactly(".", "..", "sub", "a");
        assertThat(plain).extracting(Results.DirEntry::inode).containsExactly(d, 1, sub, a);
        assertThat(plain.get(2).attr()).isNull();
        List<Results.DirEntry> withAttrs = ns.readdir(ROOT, d, true).orThrow();
        assertThat(withAttrs.get(3).attr().type()).isEqualTo(NodeType.FILE);
        assertThat(ns.readdir(ROOT, a, false).status()).isEqualTo(MfsStatus.ENOTDIR);
        int secret = ns.mkdir(ROOT, 1, b("s"), 0711, 0, false).orThrow().inode();
        assertThat(ns.readdir(bob, secret, false).status()).isEqualTo(MfsStatus.EACCES);
    }

    @Test
    void readdirUpdatesAtimeWithTheRelativeRule() {
        int d = fx.mkdir(1, "d");
        fx.now += 10;
        ns.readdir(ROOT, d, false).orThrow();
        assertThat(fx.attr(d).atime()).isEqualTo(fx.now);
        assertThat(fx.changes.getLast()).isInstanceOf(Change.Access.class);
        int before = fx.changes.size();
        fx.now += 10;
        ns.readdir(ROOT, d, false).orThrow();
        assertThat(fx.changes).as("atime already newer than mtime and ctime").hasSize(before);
    }

    @Test
    void amtimeKeepsNewerTimesFromClients() {
        int f = aliceFile();
        ns.amtime(f, FsFixture.T0 + 100, FsFixture.T0 + 50);
        NodeAttr a = fx.attr(f);
        assertThat(a.atime()).isEqualTo(FsFixture.T0 + 100);
        assertThat(a.mtime()).isEqualTo(FsFixture.T0 + 50);
        assertThat(a.ctime()).isEqualTo(FsFixture.T0 + 50);
        ns.amtime(f, 5, 5);
        assertThat(fx.attr(f).mtime()).isEqualTo(FsFixture.T0 + 50);
    }

    @Test
    void chunkSlotsReadBackAndNonFilesHaveNone() {
        int f = aliceFile();
        assertThat(ns.chunkAt(f, 3).orThrow()).isZero();
        ns.setChunk(f, 3, 1234L);
        assertThat(ns.chunkAt(f, 3).orThrow()).isEqualTo(1234L);
        assertThat(ns.chunkAt(1, 0).status()).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.chunkAt(f, 0x80000000L).status()).isEqualTo(MfsStatus.INDEXTOOBIG);
    }

    @Test
    void attrFlagsReportNoXattrUntilOneIsSet() {
        int f = aliceFile();
        assertThat(fx.attr(f).flags() & NodeAttr.MATTR_NOXATTR).isNotZero();
        assertThat(fx.attr(f).flags() & NodeAttr.MATTR_ALLOWDATACACHE).isNotZero();
        ns.setxattr(alice, f, b("user.k"), b("v"), 0, false);
        assertThat(fx.attr(f).flags() & NodeAttr.MATTR_NOXATTR).isZero();
    }

    @Test
    void withIgnoregidANonOwnerGetsGroupAndOtherBitsTogetherAndOwnersMayChgrpFreely() {
        int f = ns.mknod(ROOT, 1, b("g"), NodeType.FILE, 0604, 0, 0).orThrow().inode(); // group none, other read
        ns.setattr(ROOT, f, SetAttr.chmod(0624)).orThrow(); // group write, other read
        Credentials stranger = new Credentials(1001, new int[] {1001}, true);
        assertThat(ns.access(stranger, f, Perms.R | Perms.W)).isEqualTo(MfsStatus.OK);
        assertThat(ns.access(bob, f, Perms.W)).isEqualTo(MfsStatus.EACCES);

        int mine = aliceFile();
        Credentials aliceIgnoringGid = new Credentials(1000, new int[] {1000}, true);
        assertThat(ns.setattr(aliceIgnoringGid, mine, SetAttr.chown(1000, 7)).orThrow().gid()).isEqualTo(7);
    }
}
