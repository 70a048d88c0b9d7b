package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.b;
import static io.jmfs.master.fs.FsFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CreateOpsTest {
    private final FsFixture fx = new FsFixture();
    private final Namespace ns = fx.ns;

    @Test
    void aNewNamespaceHasOnlyTheRootDirectoryOwnedByRootWithMode0777() {
        NodeAttr root = fx.attr(Namespace.ROOT);
        assertThat(root.type()).isEqualTo(NodeType.DIRECTORY);
        assertThat(root.mode()).isEqualTo(0777);
        assertThat(root.uid()).isZero();
        assertThat(root.nlink()).isEqualTo(2);
        assertThat(root.sizeField()).as("an empty directory reports size 1").isEqualTo(1);
        assertThat(ns.statfs().inodes()).isEqualTo(1);
    }

    @Test
    void inodesAreNumberedFromTwoUpwardsAndEdgeIdsCountDown() {
        long edge0 = ns.nextEdgeId();
        assertThat(fx.file(1, "a")).isEqualTo(2);
        assertThat(fx.mkdir(1, "d")).isEqualTo(3);
        assertThat(ns.nextEdgeId()).isEqualTo(edge0 - 2);
        assertThat(edge0).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void everyInodeTypeCanBeCreated() {
        int f = ns.mknod(ROOT, 1, b("f"), NodeType.FILE, 0644, 0, 0).orThrow().inode();
        int fifo = ns.mknod(ROOT, 1, b("p"), NodeType.FIFO, 0644, 0, 0).orThrow().inode();
        int sock = ns.mknod(ROOT, 1, b("s"), NodeType.SOCKET, 0644, 0, 0).orThrow().inode();
        int blk = ns.mknod(ROOT, 1, b("b"), NodeType.BLOCKDEV, 0600, 0, 0x0801).orThrow().inode();
        int chr = ns.mknod(ROOT, 1, b("c"), NodeType.CHARDEV, 0600, 0, 0x0103).orThrow().inode();
        int dir = ns.mkdir(ROOT, 1, b("d"), 0755, 0, false).orThrow().inode();
        int lnk = ns.symlink(ROOT, 1, b("l"), b("target/path")).orThrow().inode();

        assertThat(fx.attr(f).type()).isEqualTo(NodeType.FILE);
        assertThat(fx.attr(fifo).type()).isEqualTo(NodeType.FIFO);
        assertThat(fx.attr(sock).type()).isEqualTo(NodeType.SOCKET);
        assertThat(fx.attr(blk).rdev()).isEqualTo(0x0801);
        assertThat(fx.attr(blk).sizeField()).isEqualTo(0x0801L << 32);
        assertThat(fx.attr(chr).type()).isEqualTo(NodeType.CHARDEV);
        assertThat(fx.attr(dir).type()).isEqualTo(NodeType.DIRECTORY);
        assertThat(fx.attr(lnk).mode()).isEqualTo(0777);
        assertThat(fx.attr(lnk).sizeField()).isEqualTo("target/path".length());
        assertThat(ns.readlink(lnk).orThrow()).isEqualTo(b("target/path"));
        assertThat(ns.statfs().inodes()).isEqualTo(8);
    }

    @Test
    void mknodRefusesTypesThatCannotBeCreated() {
        assertThat(ns.mknod(ROOT, 1, b("x"), NodeType.TRASH, 0644, 0, 0).status()).isEqualTo(MfsStatus.EINVAL);
        assertThat(ns.mknod(ROOT, 1, b("x"), NodeType.SYMLINK, 0644, 0, 0).status()).isEqualTo(MfsStatus.EINVAL);
    }

    @Test
    void theUmaskTheClientSendsIsApplied() {
        int f = ns.mknod(ROOT, 1, b("f"), NodeType.FILE, 0666, 022, 0).orThrow().inode();
        int d = ns.mkdir(ROOT, 1, b("d"), 0777, 027, false).orThrow().inode();
        assertThat(fx.attr(f).mode()).isEqualTo(0644);
        assertThat(fx.attr(d).mode()).isEqualTo(0750);
    }

    @Test
    void newNodesBelongToTheCallerAndItsPrimaryGroup() {
        NodeAttr a = ns.mknod(user(1000, 100, 200), 1, b("f"), NodeType.FILE, 0644, 0, 0).orThrow().attr();
        assertThat(a.uid()).isEqualTo(1000);
        assertThat(a.gid()).isEqualTo(100);
    }

    @Test
    void aSetgidDirectoryGivesItsGroupToNewNodesAndItsSetgidBitToNewDirectoriesWhenAsked() {
        int shared = fx.mkdir(1, "shared");
        ns.setattr(ROOT, shared, new SetAttr(SetAttr.MODE | SetAttr.GID, 02777, 0, 500, 0, 0, 0, 0)).orThrow();
        Credentials alice = user(1000, 100);

        NodeAttr file = ns.mknod(alice, shared, b("f"), NodeType.FILE, 0644, 0, 0).orThrow().attr();
        NodeAttr copied = ns.mkdir(alice, shared, b("d1"), 0755, 0, true).orThrow().attr();
        NodeAttr notCopied = ns.mkdir(alice, shared, b("d2"), 0755, 0, false).orThrow().attr();

        assertThat(file.gid()).isEqualTo(500);
        assertThat(file.mode()).isEqualTo(0644);
        assertThat(copied.gid()).isEqualTo(500);
        assertThat(copied.mode()).isEqualTo(02755);
        assertThat(notCopied.gid()).isEqualTo(500);
        assertThat(notCopied.mode()).isEqualTo(0755);
    }

    @Test
    void directoryLinkCountIsTwoPlusSubdirectories() {
        int d = fx.mkdir(1, "d");
        fx.mkdir(d, "a");
        fx.mkdir(d, "b");
        fx.file(d, "f");
        assertThat(fx.attr(d).nlink()).isEqualTo(4);
        assertThat(fx.attr(1).nlink()).isEqualTo(3);
    }

    @Test
    void aNameMayBeUsedOnlyOncePerDirectory() {
        fx.file(1, "a");
        assertThat(ns.mkdir(ROOT, 1, b("a"), 0755, 0, false).status()).isEqualTo(MfsStatus.EEXIST);
        assertThat(ns.symlink(ROOT, 1, b("a"), b("x")).status()).isEqualTo(MfsStatus.EEXIST);
    }

    @Test
    void creatingInAMissingParentOrANonDirectoryFails() {
        int f = fx.file(1, "f");
        assertThat(ns.mkdir(ROOT, 999, b("x"), 0755, 0, false).status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(ns.mkdir(ROOT, f, b("x"), 0755, 0, false).status()).isEqualTo(MfsStatus.ENOTDIR);
    }

    @Test
    void namesAreRefusedAsMooseFsRefusesThem() {
        byte[] tooLong = new byte[256];
        Arrays.fill(tooLong, (byte) 'a');
        byte[] longest = Arrays.copyOf(tooLong, 255);
        for (byte[] bad : new byte[][] {b("."), b(".."), b("a/b"), b("a\0b"), new byte[0], tooLong}) {
            assertThat(ns.mknod(ROOT, 1, bad, NodeType.FILE, 0644, 0, 0).status())
                    .as("name %s", Arrays.toString(bad)).isEqualTo(MfsStatus.EINVAL);
        }
        assertThat(ns.mknod(ROOT, 1, longest, NodeType.FILE, 0644, 0, 0).isOk()).isTrue();
        assertThat(ns.mknod(ROOT, 1, b("..."), NodeType.FILE, 0644, 0, 0).isOk()).isTrue();
    }

    @Test
    void creatingNeedsWriteAndSearchPermissionOnTheDirectory() {
        int d = ns.mkdir(ROOT, 1, b("d"), 0755, 0, false).orThrow().inode();
        Credentials other = user(1000, 1000);
        assertThat(ns.mknod(other, d, b("x"), NodeType.FILE, 0644, 0, 0).status()).isEqualTo(MfsStatus.EACCES);
        Credentials ownerGroupMember = user(1000, 1000, 0);
        ns.setattr(ROOT, d, SetAttr.chmod(0775)).orThrow();
        assertThat(ns.mknod(ownerGroupMember, d, b("x"), NodeType.FILE, 0644, 0, 0).isOk())
                .as("a supplementary group grants the group bits").isTrue();
    }

    @Test
    void symlinkTargetsMustBeNonEmptyWithoutNul() {
        assertThat(ns.symlink(ROOT, 1, b("l"), new byte[0]).status()).isEqualTo(MfsStatus.EINVAL);
        assertThat(ns.symlink(ROOT, 1, b("l"), b("a\0b")).status()).isEqualTo(MfsStatus.EINVAL);
        assertThat(ns.readlink(1).status()).isEqualTo(MfsStatus.EINVAL);
    }

    @Test
    void newFilesAndDirectoriesInheritTheTrashTimeOfTheirDirectory() {
        int d = fx.mkdir(1, "d");
        assertThat(ns.trashTime(d).orThrow()).isEqualTo(86400);
        ns.setTrashTime(ROOT, d, 3600, 0).orThrow();
        int f = fx.file(d, "f");
        int sub = fx.mkdir(d, "sub");
        assertThat(ns.trashTime(f).orThrow()).isEqualTo(3600);
        assertThat(ns.trashTime(sub).orThrow()).isEqualTo(3600);
    }

    @Test
    void createIsRecordedAsMooseFsLogsIt() {
        fx.now = 1795234428;
        ns.create(ROOT, 1, b("a.txt"), 0666, 022).orThrow();
        assertThat(fx.changes).hasSize(1);
        assertThat(fx.changes.getFirst()).isInstanceOf(Change.Create.class);
        assertThat(fx.changes.getFirst()).hasToString("1795234428|CREATE(1,a.txt,1,438,18,0,0,0):2");
    }

    @Test
    void directorySizeSumsTheSubtreeInMooseFsDisplayFormat() {
        int d = fx.mkdir(1, "d");
        int sub = fx.mkdir(d, "sub");
        int f = fx.file(sub, "f");
        ns.setLength(f, 500L * 1024 * 1024, true);
        assertThat(fx.attr(d).sizeField()).isEqualTo(2_050_000L);
        assertThat(NodeAttr.directoryDisplaySize(1200 / 100)).isEqualTo(1200);
    }
}
