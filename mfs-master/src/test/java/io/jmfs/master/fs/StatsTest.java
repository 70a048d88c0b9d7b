package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.b;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Directory sizes and statfs totals follow every change of the tree. */
class StatsTest {
    private final FsFixture fx = new FsFixture();
    private final Namespace ns = fx.ns;

    @Test
    void directoryLengthFollowsWritesRenamesAndRemovals() {
        int a = fx.mkdir(1, "a");
        int b = fx.mkdir(1, "b");
        int f = fx.file(a, "f");
        ns.setLength(f, 2000, true);
        assertThat(fx.attr(a).length()).isEqualTo(2000);
        assertThat(fx.attr(1).length()).isEqualTo(2000);

        ns.rename(ROOT, a, b("f"), b, b("g")).orThrow();
        assertThat(fx.attr(a).length()).isZero();
        assertThat(fx.attr(b).length()).isEqualTo(2000);

        ns.link(ROOT, f, a, b("h")).orThrow();
        assertThat(fx.attr(1).length()).as("a hard-linked file counts once per entry").isEqualTo(4000);

        ns.unlink(ROOT, b, b("g")).orThrow();
        ns.unlink(ROOT, a, b("h")).orThrow();
        assertThat(fx.attr(1).length()).isZero();
        assertThat(ns.statfs().trashSpace()).isEqualTo(2000);
    }

    @Test
    void statfsCountsEntriesBelowTheRootAndTrashSeparately() {
        int d = fx.mkdir(1, "d");
        int f = fx.file(d, "f");
        ns.link(ROOT, f, 1, b("f2")).orThrow();
        assertThat(ns.statfs().inodes()).isEqualTo(4);
        assertThat(ns.statfs().files()).isEqualTo(1);
        assertThat(ns.statfs().directories()).isEqualTo(2);
        ns.unlink(ROOT, d, b("f")).orThrow();
        ns.unlink(ROOT, 1, b("f2")).orThrow();
        assertThat(ns.statfs().inodes()).isEqualTo(2);
        assertThat(ns.statfs().trashNodes()).isEqualTo(1);
        assertThat(ns.statfs().files()).as("trash files are still file nodes, as in MooseFS").isEqualTo(1);
    }

    @Test
    void largeDirectoriesStayConsistentThroughBulkCreateAndRemove() {
        int d = fx.mkdir(1, "big");
        for (int i = 0; i < 5000; i++) {
            fx.file(d, "f" + i);
        }
        assertThat(ns.readdir(ROOT, d, false).orThrow()).hasSize(5002);
        for (int i = 0; i < 5000; i += 2) {
            ns.unlink(ROOT, d, b("f" + i)).orThrow();
        }
        assertThat(ns.readdir(ROOT, d, false).orThrow()).hasSize(2502);
        assertThat(ns.lookup(ROOT, d, b("f4999")).isOk()).isTrue();
        assertThat(ns.lookup(ROOT, d, b("f4998")).isOk()).isFalse();
        assertThat(fx.replayed().canonicalListing()).isEqualTo(ns.canonicalListing());
    }
}
