package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A namespace with a hand-driven clock, a recording change sink and a recording chunk releaser. */
final class FsFixture {
    static final Credentials ROOT = Credentials.ROOT;
    static final int T0 = 1_700_000_000;

    int now = T0;
    final List<Change> changes = new ArrayList<>();
    final List<Long> releasedChunks = new ArrayList<>();
    final Namespace ns;

    FsFixture() {
        this(NamespaceSettings.DEFAULTS);
    }

    FsFixture(NamespaceSettings settings) {
        ns = new Namespace(() -> now, changes::add, (inode, chunk) -> releasedChunks.add(chunk), settings);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Credentials user(int uid, int... gids) {
        return Credentials.of(uid, gids);
    }

    int mkdir(int parent, String name) {
        return ns.mkdir(ROOT, parent, b(name), 0755, 0, false).orThrow().inode();
    }

    int file(int parent, String name) {
        return ns.mknod(ROOT, parent, b(name), NodeType.FILE, 0644, 0, 0).orThrow().inode();
    }

    NodeAttr attr(int inode) {
        return ns.getattr(inode).orThrow();
    }

    /** A fresh namespace with every recorded change replayed (all must apply). */
    Namespace replayed() {
        Namespace copy = new Namespace(() -> T0, c -> { }, (i, c) -> { }, NamespaceSettings.DEFAULTS);
        for (Change c : changes) {
            var st = copy.replay(c);
            if (!st.isOk()) {
                throw new AssertionError("replay of " + c + " failed: " + st);
            }
        }
        return copy;
    }
}
