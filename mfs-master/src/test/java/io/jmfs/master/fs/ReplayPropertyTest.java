package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.b;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Live operations and replay of their recorded changes must build the same namespace. */
class ReplayPropertyTest {
    private static final String[] NAMES = {"a", "b", "c", "dir", "x y", "%(,)", "long-name-0123456789"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomOperationSequencesReplayToAnIdenticalNamespace(long seed) {
        FsFixture fx = new FsFixture(new NamespaceSettings(300, 32767));
        Random rnd = new Random(seed);
        Credentials[] users = {ROOT, Credentials.of(1000, 1000), Credentials.of(1001, 1001, 1000)};
        int okCount = 0;
        for (int step = 0; step < 3000; step++) {
            fx.now += rnd.nextInt(4) == 0 ? rnd.nextInt(5000) : 0;
            Credentials who = users[rnd.nextInt(users.length)];
            int dir = randomDir(fx, rnd);
            int node = randomNode(fx, rnd);
            byte[] name = b(NAMES[rnd.nextInt(NAMES.length)]);
            Object result = switch (rnd.nextInt(24)) {
                case 0, 1 -> fx.ns.mkdir(who, dir, name, 0777, rnd.nextInt(2) == 0 ? 022 : 0, rnd.nextBoolean());
                case 2, 3 -> fx.ns.create(who, dir, name, 0666, 022);
                case 4 -> fx.ns.mknod(who, dir, name, new int[] {4, 5, 6, 7}[rnd.nextInt(4)], 0644, 0, 77);
                case 5 -> fx.ns.symlink(who, dir, name, b("../t" + rnd.nextInt(9)));
                case 6, 7 -> fx.ns.unlink(who, dir, name);
                case 8 -> fx.ns.rmdir(who, dir, name);
                case 9, 10 -> fx.ns.rename(who, dir, name, randomDir(fx, rnd), b(NAMES[rnd.nextInt(NAMES.length)]));
                case 11 -> fx.ns.link(who, node, dir, name);
                case 12 -> fx.ns.setattr(who, node, new SetAttr(rnd.nextInt(256), rnd.nextInt(07777), 1000,
                        1000, rnd.nextInt(1000), rnd.nextInt(1000), rnd.nextInt(256), rnd.nextInt(6)));
                case 13 -> fx.ns.truncate(who, node, 0, rnd.nextInt(3) * 40_000_000L + rnd.nextInt(100));
                case 14 -> fx.ns.setChunk(node, rnd.nextInt(3), 1 + rnd.nextInt(1000));
                case 15 -> fx.ns.setxattr(who, node, name, b("v" + step), rnd.nextInt(4), rnd.nextBoolean());
                case 16 -> fx.ns.setTrashTime(who, node, rnd.nextInt(3) * 3600, rnd.nextInt(8));
                case 17 -> rnd.nextBoolean() ? fx.ns.acquire(rnd.nextInt(3), node) : fx.ns.release(rnd.nextInt(3), node);
                case 18 -> maintenanceCycle(fx.ns);
                case 19 -> fx.ns.snapshot(who, 0, node, dir, name, new int[] {0, 1, 2, 3, 8, 9}[rnd.nextInt(6)], 022);
                case 20 -> fx.ns.snapshot(who, 0, 0, dir, name, rnd.nextBoolean() ? 0x80 : 0x84, 0);
                case 21 -> io.jmfs.master.sclass.RandomClassOps.administer(fx.ns, rnd);
                case 22 -> io.jmfs.master.sclass.RandomClassOps.assign(fx.ns, rnd, node, who.uid());
                default -> fx.ns.readdir(who, dir, true);
            };
            if (result instanceof FsResult<?> r && r.isOk() || result == MfsStatus.OK) {
                okCount++;
            }
        }
        assertThat(okCount).as("the sequence must exercise successful operations").isGreaterThan(500);

        List<Long> releasedOnReplay = new ArrayList<>();
        Namespace copy = new Namespace(() -> FsFixture.T0, c -> { }, (i, c) -> releasedOnReplay.add(c),
                new NamespaceSettings(300, 32767));
        for (Change c : fx.changes) {
            assertThat(copy.replay(c)).as("replay of %s", c).isEqualTo(MfsStatus.OK);
        }
        assertThat(copy.canonicalListing()).isEqualTo(fx.ns.canonicalListing());
        assertThat(copy.storageClasses().all()).isEqualTo(fx.ns.storageClasses().all());
        assertThat(fx.changes).as("class administration is exercised")
                .hasAtLeastOneElementOfType(Change.ScSet.class);
        assertThat(releasedOnReplay).isEqualTo(fx.releasedChunks);
        assertThat(fx.changes).hasAtLeastOneElementOfType(Change.Move.class)
                .hasAtLeastOneElementOfType(Change.Unlink.class).hasAtLeastOneElementOfType(Change.Link.class)
                .hasAtLeastOneElementOfType(Change.Attr.class).hasAtLeastOneElementOfType(Change.Length.class)
                .hasAtLeastOneElementOfType(Change.EmptyTrash.class)
                .hasAtLeastOneElementOfType(Change.FreeInodes.class)
                .hasAtLeastOneElementOfType(Change.Snapshot.class);
        assertThat(fx.changes.stream().filter(c -> c instanceof Change.Snapshot s && (s.smode() & 0x80) != 0
                && s.removed() > 0)).as("some snapshot removals removed something").isNotEmpty();
        assertThat(fx.ns.checkConsistency()).isEmpty();
    }

    @Test
    void replayRefusesAChangeWhoseInodeNumberDiffersAndLeavesTheNamespaceAlone() {
        FsFixture fx = new FsFixture();
        String before = fx.ns.canonicalListing();
        Change wrong = new Change.Create(FsFixture.T0, 1, b("a"), NodeType.FILE, 0644, 0, 0, 0, 0, 5);
        assertThat(fx.ns.replay(wrong)).isEqualTo(MfsStatus.MISMATCH);
        assertThat(fx.ns.canonicalListing()).isEqualTo(before);
        Change unlinkWrong = new Change.Unlink(FsFixture.T0, 1, b("a"), 2);
        assertThat(fx.ns.replay(unlinkWrong)).isEqualTo(MfsStatus.ENOENT);
    }

    /** Passes over every trash bucket once (one pass visits one bucket, as MooseFS's). */
    private static Results.Maintenance maintenanceCycle(Namespace ns) {
        Results.Maintenance last = null;
        for (int pass = 0; pass < TrashOps.TRASH_ALL_BUCKETS; pass++) {
            last = ns.maintain();
        }
        return last;
    }

    private static int randomDir(FsFixture fx, Random rnd) {
        int candidate = randomNode(fx, rnd);
        return fx.ns.getattr(candidate).isOk() && fx.attr(candidate).type() == NodeType.DIRECTORY ? candidate : 1;
    }

    private static int randomNode(FsFixture fx, Random rnd) {
        return 1 + rnd.nextInt(Math.max(1, fx.ns.maxInode()));
    }
}
