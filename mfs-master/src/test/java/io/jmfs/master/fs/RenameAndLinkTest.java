package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.b;
import static io.jmfs.master.fs.FsFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.MfsStatus;
import org.junit.jupiter.api.Test;

class RenameAndLinkTest {
    private final FsFixture fx = new FsFixture();
    private final Namespace ns = fx.ns;

    private int lookup(int parent, String name) {
        return ns.lookup(ROOT, parent, b(name)).orThrow().inode();
    }

    @Test
    void renameWithinADirectoryKeepsTheInode() {
        int f = fx.file(1, "a");
        assertThat(ns.rename(ROOT, 1, b("a"), 1, b("b")).orThrow().inode()).isEqualTo(f);
        assertThat(lookup(1, "b")).isEqualTo(f);
        assertThat(ns.lookup(ROOT, 1, b("a")).status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(fx.changes.getLast()).hasToString(FsFixture.T0 + "|MOVE(1,a,1,b):" + f);
    }

    @Test
    void renameAcrossDirectoriesMovesDirectoryLinkCountsAndDotDot() {
        int a = fx.mkdir(1, "a");
        int b = fx.mkdir(1, "b");
        int sub = fx.mkdir(a, "sub");
        ns.rename(ROOT, a, b("sub"), b, b("moved")).orThrow();
        assertThat(fx.attr(a).nlink()).isEqualTo(2);
        assertThat(fx.attr(b).nlink()).isEqualTo(3);
        assertThat(ns.lookup(ROOT, sub, b("..")).orThrow().inode()).isEqualTo(b);
    }

    @Test
    void renameOverAnExistingFileReplacesIt() {
        int src = fx.file(1, "src");
        int dst = fx.file(1, "dst");
        ns.rename(ROOT, 1, b("src"), 1, b("dst")).orThrow();
        assertThat(lookup(1, "dst")).isEqualTo(src);
        assertThat(ns.trashInodes()).as("the replaced file follows the trash rules").containsExactly(dst);
    }

    @Test
    void renameOverAnEmptyDirectoryReplacesItButNotOverANonEmptyOne() {
        int d1 = fx.mkdir(1, "d1");
        fx.mkdir(1, "empty");
        int full = fx.mkdir(1, "full");
        fx.file(full, "x");
        assertThat(ns.rename(ROOT, 1, b("d1"), 1, b("full")).status()).isEqualTo(MfsStatus.ENOTEMPTY);
        ns.rename(ROOT, 1, b("d1"), 1, b("empty")).orThrow();
        assertThat(lookup(1, "empty")).isEqualTo(d1);
        assertThat(fx.attr(1).nlink()).isEqualTo(4);
    }

    @Test
    void aDirectoryCannotMoveIntoItselfOrItsOwnSubtree() {
        int a = fx.mkdir(1, "a");
        int deep = fx.mkdir(fx.mkdir(a, "b"), "c");
        assertThat(ns.rename(ROOT, 1, b("a"), deep, b("x")).status()).isEqualTo(MfsStatus.EINVAL);
        assertThat(ns.rename(ROOT, 1, b("a"), a, b("x")).status()).isEqualTo(MfsStatus.EINVAL);
    }

    @Test
    void renameErrors() {
        int f = fx.file(1, "f");
        assertThat(ns.rename(ROOT, 1, b("missing"), 1, b("x")).status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(ns.rename(ROOT, 1, b("f"), f, b("x")).status()).isEqualTo(MfsStatus.ENOTDIR);
        assertThat(ns.rename(ROOT, 1, b("f"), 1, b("a/b")).status()).isEqualTo(MfsStatus.EINVAL);
        assertThat(ns.rename(ROOT, 1, b("f"), 1234, b("x")).status()).isEqualTo(MfsStatus.ENOENT);
    }

    @Test
    void renamingOneHardLinkOntoAnotherOfTheSameFileChangesNothing() {
        int f = fx.file(1, "a");
        ns.link(ROOT, f, 1, b("b")).orThrow();
        int before = fx.changes.size();
        assertThat(ns.rename(ROOT, 1, b("a"), 1, b("b")).orThrow().inode()).isEqualTo(f);
        assertThat(fx.changes).hasSize(before);
        assertThat(fx.attr(f).nlink()).isEqualTo(2);
    }

    @Test
    void movingADirectoryToAnotherParentNeedsWriteAccessToIt() {
        Credentials alice = user(1000, 1000);
        int a = ns.mkdir(alice, 1, b("a"), 0777, 0, false).orThrow().inode();
        int b = ns.mkdir(alice, 1, b("b"), 0777, 0, false).orThrow().inode();
        ns.mkdir(ROOT, a, b("rootdir"), 0755, 0, false).orThrow();
        assertThat(ns.rename(alice, a, b("rootdir"), b, b("x")).status()).isEqualTo(MfsStatus.EACCES);
        assertThat(ns.rename(alice, a, b("rootdir"), a, b("y")).isOk()).as("same parent: no '..' change").isTrue();
    }

    @Test
    void hardLinksShareTheNodeAndCountLinks() {
        int f = fx.file(1, "a");
        int d = fx.mkdir(1, "d");
        NodeAttr linked = ns.link(ROOT, f, d, b("b")).orThrow().attr();
        assertThat(linked.nlink()).isEqualTo(2);
        ns.unlink(ROOT, 1, b("a")).orThrow();
        assertThat(fx.attr(f).nlink()).isEqualTo(1);
        assertThat(fx.attr(f).type()).as("not the last link: no trash").isEqualTo(NodeType.FILE);
        assertThat(ns.statfs().inodes()).isEqualTo(3);
    }

    @Test
    void linkRules() {
        int d = fx.mkdir(1, "d");
        int f = fx.file(1, "f");
        assertThat(ns.link(ROOT, d, 1, b("x")).status()).as("no hard links to directories").isEqualTo(MfsStatus.EPERM);
        assertThat(ns.link(ROOT, f, 1, b("f")).status()).isEqualTo(MfsStatus.EEXIST);
        assertThat(ns.link(ROOT, 999, 1, b("x")).status()).isEqualTo(MfsStatus.ENOENT);
        assertThat(ns.link(ROOT, f, f, b("x")).status()).isEqualTo(MfsStatus.ENOTDIR);
        ns.unlink(ROOT, 1, b("f")).orThrow();
        assertThat(ns.link(ROOT, f, 1, b("back")).status()).as("trash files cannot be linked").isEqualTo(MfsStatus.ENOENT);
    }

    @Test
    void linkCountIsLimitedByMaxAllowedHardLinks() {
        FsFixture small = new FsFixture(new NamespaceSettings(86400, 8));
        int f = small.file(1, "f");
        for (int i = 1; i < 8; i++) {
            small.ns.link(ROOT, f, 1, b("l" + i)).orThrow();
        }
        assertThat(small.ns.link(ROOT, f, 1, b("l8")).status()).isEqualTo(MfsStatus.NOSPACE);
    }
}
