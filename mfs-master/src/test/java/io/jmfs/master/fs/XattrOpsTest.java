package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.b;
import static io.jmfs.master.fs.FsFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.MfsStatus;
import org.junit.jupiter.api.Test;

class XattrOpsTest {
    private final FsFixture fx = new FsFixture();
    private final Namespace ns = fx.ns;
    private final Credentials alice = user(1000, 1000);
    private final int f = ns.mknod(alice, 1, b("f"), NodeType.FILE, 0644, 0, 0).orThrow().inode();

    @Test
    void setGetListAndRemove() {
        assertThat(ns.setxattr(alice, f, b("user.a"), b("1"), 0, false)).isEqualTo(MfsStatus.OK);
        assertThat(ns.setxattr(alice, f, b("user.b"), b("22"), 0, false)).isEqualTo(MfsStatus.OK);
        assertThat(ns.getxattr(alice, f, b("user.b"), false).orThrow()).isEqualTo(b("22"));
        assertThat(ns.listxattr(alice, f, false).orThrow()).isEqualTo(b("user.a\0user.b\0"));
        assertThat(ns.removexattr(alice, f, b("user.a"), false)).isEqualTo(MfsStatus.OK);
        assertThat(ns.getxattr(alice, f, b("user.a"), false).status()).isEqualTo(MfsStatus.ENOATTR);
        assertThat(fx.changes.getLast()).hasToString(FsFixture.T0 + "|SETXATTR(" + f + ",user.a,,3)");
    }

    @Test
    void createOnlyReplaceOnlyAndRemoveFollowTheirModes() {
        assertThat(ns.setxattr(alice, f, b("user.a"), b("1"), 2, false)).isEqualTo(MfsStatus.ENOATTR);
        assertThat(ns.setxattr(alice, f, b("user.a"), b("1"), 1, false)).isEqualTo(MfsStatus.OK);
        assertThat(ns.setxattr(alice, f, b("user.a"), b("2"), 1, false)).isEqualTo(MfsStatus.EEXIST);
        assertThat(ns.setxattr(alice, f, b("user.a"), b("3"), 2, false)).isEqualTo(MfsStatus.OK);
        assertThat(ns.getxattr(alice, f, b("user.a"), false).orThrow()).isEqualTo(b("3"));
        assertThat(ns.removexattr(alice, f, b("user.zz"), false)).isEqualTo(MfsStatus.ENOATTR);
        assertThat(ns.setxattr(alice, f, b("user.a"), b("1"), 4, false)).isEqualTo(MfsStatus.EINVAL);
    }

    @Test
    void limitsOnNamesAndValues() {
        assertThat(ns.setxattr(alice, f, new byte[0], b("1"), 0, false)).isEqualTo(MfsStatus.EINVAL);
        assertThat(ns.setxattr(alice, f, b("user.\0x"), b("1"), 0, false)).isEqualTo(MfsStatus.EINVAL);
        assertThat(ns.setxattr(alice, f, new byte[256], b("1"), 0, false)).isEqualTo(MfsStatus.EINVAL);
        assertThat(ns.setxattr(alice, f, b("user.big"), new byte[65537], 0, false)).isEqualTo(MfsStatus.ERANGE);
        assertThat(ns.setxattr(alice, f, b("user.max"), new byte[65536], 0, false)).isEqualTo(MfsStatus.OK);
    }

    @Test
    void namespacesAndPermissions() {
        assertThat(ns.setxattr(alice, f, b("trusted.x"), b("1"), 0, false)).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.setxattr(alice, f, b("security.x"), b("1"), 0, false)).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.setxattr(ROOT, f, b("trusted.x"), b("1"), 0, false)).isEqualTo(MfsStatus.OK);
        assertThat(ns.getxattr(alice, f, b("trusted.x"), false).status()).isEqualTo(MfsStatus.EPERM);
        Credentials bob = user(1001, 1001);
        assertThat(ns.setxattr(bob, f, b("user.x"), b("1"), 0, false)).isEqualTo(MfsStatus.EACCES);
        assertThat(ns.setxattr(bob, f, b("user.x"), b("1"), 0, true)).as("opened: no access check")
                .isEqualTo(MfsStatus.OK);
        assertThat(ns.setxattr(bob, f, b("system.x"), b("1"), 0, true)).isEqualTo(MfsStatus.EPERM);
        assertThat(ns.getxattr(ROOT, 999, b("user.x"), false).status()).isEqualTo(MfsStatus.ENOENT);
    }

    @Test
    void attributesGoAwayWithTheNode() {
        ns.setxattr(alice, f, b("user.a"), b("1"), 0, false);
        ns.setTrashTime(ROOT, f, 0, 0).orThrow();
        ns.unlink(ROOT, 1, b("f")).orThrow();
        assertThat(ns.canonicalListing()).doesNotContain("user.a");
    }
}
