package io.jmfs.tests.interop;

import io.jmfs.client.Credentials;
import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import io.jmfs.client.MfsException;
import io.jmfs.client.MfsFile;
import io.jmfs.client.master.MasterOptions;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.NodeType;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The Java client API against a live master, run by {@link MfsClientApiInteropTest} in a child JVM inside the
 * network namespace (a JVM thread cannot enter a namespace). Two sessions, as two programs would have: one writes,
 * the other checks what it sees. Prints {@code SCENARIO OK} at the end; any mismatch throws (exit code 1).
 */
public final class ClientApiScenario {
    private ClientApiScenario() {
    }

    public static void main(String[] args) throws Exception {
        MasterOptions options = MasterOptions.of(args[0]).withInfo("api-scenario");
        try (MfsClient writer = MfsClient.connect(options, Credentials.ROOT);
                MfsClient observer = MfsClient.connect(options, Credentials.ROOT)) {
            check(writer.session().session().sessionId() != observer.session().session().sessionId(),
                    "two sessions");
            Entry dir = writer.mkdir(MfsClient.ROOT, "api", 0755);
            byte[] data = new byte[3 << 20];
            new Random(21).nextBytes(data);

            MfsFile file = writer.create(dir.inode(), "f", 0644);
            file.write(0, data, 0, data.length);
            int inode = file.inode();
            check(observer.getattr(inode).size() == 0, "buffered writes are not visible before fsync");
            file.fsync();
            check(observer.getattr(inode).size() == data.length, "fsync makes the length visible");
            check(Arrays.equals(readAll(observer, inode, data.length), data), "fsync makes the data visible");

            file.write(data.length, data, 0, 1000);
            check(file.length() == data.length + 1000, "the handle knows its buffered length");
            byte[] tail = new byte[1000];
            check(file.readFully(data.length, tail, 0, 1000) == 1000
                    && Arrays.equals(tail, Arrays.copyOf(data, 1000)), "a handle reads its own buffered writes");
            file.close();
            check(observer.getattr(inode).size() == data.length + 1000, "close makes the length visible");

            try (MfsFile again = writer.open(inode, true)) {
                again.truncate(10);
            }
            check(observer.getattr(inode).size() == 10, "truncate");
            check(Arrays.equals(readAll(observer, inode, 10), Arrays.copyOf(data, 10)), "data after truncate");

            writer.setxattr(inode, "user.colour", "blue".getBytes(), MfsClient.XATTR_CREATE_OR_REPLACE);
            check(new String(observer.getxattr(inode, "user.colour").orElseThrow()).equals("blue"), "getxattr");
            check(observer.listxattr(inode).contains("user.colour"), "listxattr");
            writer.removexattr(inode, "user.colour");
            check(observer.getxattr(inode, "user.colour").isEmpty(), "removexattr");

            writer.symlink(dir.inode(), "s", "f");
            check(observer.readlink(observer.lookup(dir.inode(), "s").inode()).equals("f"), "symlink/readlink");
            writer.link(inode, dir.inode(), "hard");
            check(observer.getattr(inode).nlink() == 2, "link count");
            writer.rename(dir.inode(), "hard", MfsClient.ROOT, "moved");
            check(observer.resolve("/moved").inode() == inode, "rename");
            writer.chmod(inode, 0600);
            check(observer.getattr(inode).mode() == 0600, "chmod");
            writer.utimes(inode, 1_000_000, 2_000_000);
            check(observer.getattr(inode).mtime() == 2_000_000, "utimes");
            check(observer.paths(inode).containsAll(List.of("/api/f", "/moved")), "paths " + observer.paths(inode));
            writer.snapshot(inode, dir.inode(), "snap", 0);
            check(Arrays.equals(readAll(observer, observer.lookup(dir.inode(), "snap").inode(), 10),
                    Arrays.copyOf(data, 10)), "snapshot content");
            List<String> names = observer.readdir(dir.inode()).stream().map(Entry::name).sorted().toList();
            check(names.equals(List.of("f", "s", "snap")), "readdir " + names);
            check(observer.resolve("/api").attr().type() == NodeType.DIRECTORY, "resolve a directory");
            writer.unlink(MfsClient.ROOT, "moved");
            try {
                observer.resolve("/moved");
                throw new AssertionError("unlinked name still resolves");
            } catch (MfsException e) {
                check(e.status() == MfsStatus.ENOENT, "ENOENT after unlink");
            }
            // the master sums the space its chunkservers last reported; right after they register (a fresh
            // namespace per test) that can still be 0 for a moment, so give the reports a few seconds
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (observer.statfs().totalSpace() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            check(observer.statfs().totalSpace() > 0, "statfs");
        }
        System.out.println("SCENARIO OK");
    }

    private static byte[] readAll(MfsClient c, int inode, int length) throws Exception {
        try (MfsFile f = c.open(inode, false)) {
            byte[] b = new byte[length];
            int n = f.readFully(0, b, 0, length);
            check(n == length, "read " + n + " of " + length);
            return b;
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("failed: " + Objects.requireNonNull(what));
        }
    }
}
