package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.b;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.quota.QuotaDefinition;
import io.jmfs.master.quota.QuotaFlags;
import io.jmfs.master.quota.QuotaState;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The usage kept for quota'd directories, change by change, always equals a count of the tree below them, and
 * replay builds the same quotas, whatever the operations (refusals included).
 */
class QuotaUsagePropertyTest {
    private static final String[] NAMES = {"a", "b", "c", "dir", "x y"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void keptUsageEqualsARecountAfterRandomOperations(long seed) {
        FsFixture fx = new FsFixture(new NamespaceSettings(300, 32767));
        Random rnd = new Random(seed);
        int refused = 0;
        for (int step = 0; step < 2500; step++) {
            fx.now += rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 0;
            int dir = randomDir(fx, rnd);
            int node = 1 + rnd.nextInt(Math.max(1, fx.ns.maxInode()));
            byte[] name = b(NAMES[rnd.nextInt(NAMES.length)]);
            Object result = switch (rnd.nextInt(16)) {
                case 0, 1 -> fx.ns.mkdir(ROOT, dir, name, 0777, 022, false);
                case 2, 3 -> fx.ns.create(ROOT, dir, name, 0666, 022);
                case 4 -> fx.ns.symlink(ROOT, dir, name, b("../t" + rnd.nextInt(99)));
                case 5 -> fx.ns.unlink(ROOT, dir, name);
                case 6 -> fx.ns.rmdir(ROOT, dir, name);
                case 7, 8 -> fx.ns.rename(ROOT, dir, name, randomDir(fx, rnd), b(NAMES[rnd.nextInt(NAMES.length)]));
                case 9 -> fx.ns.link(ROOT, node, dir, name);
                case 10 -> fx.ns.truncate(ROOT, node, 0, rnd.nextInt(3) * 40_000_000L + rnd.nextInt(100_000));
                case 11 -> fx.ns.setChunk(node, rnd.nextInt(3), 1 + rnd.nextInt(1000));
                case 12 -> fx.ns.snapshot(ROOT, 0, node, dir, name, rnd.nextBoolean() ? 0 : 1, 022);
                case 13 -> fx.ns.setSclass(node, 0, 0, 1 + rnd.nextInt(4), rnd.nextInt(2) * 4, true);
                case 14 -> fx.ns.quotaControl(dir, rnd.nextInt(4) == 0, randomLimits(rnd));
                default -> fx.ns.maintain();
            };
            if (result instanceof FsResult<?> r && r.status() == MfsStatus.QUOTA || result == MfsStatus.QUOTA) {
                refused++;
            }
        }
        assertThat(fx.changes).hasAtLeastOneElementOfType(Change.Quota.class);
        assertThat(refused).as("some operations meet a quota").isPositive();

        Namespace copy = fx.replayed();
        List<QuotaState> live = fx.ns.quotas();
        assertThat(copy.quotas()).isEqualTo(live);
        assertThat(live).as("quotas survive the sequence").isNotEmpty();
        for (QuotaState q : live) {
            int d = q.definition().inode();
            // dropping and defining the quota again counts the tree from scratch
            fx.ns.quotaControl(d, true, limitsWith(QuotaFlags.ALL)).orThrow();
            QuotaState recounted = fx.ns.quotaControl(d, false, q.definition()).orThrow();
            assertThat(recounted.usage()).as("usage of %d", d).isEqualTo(q.usage());
        }
    }

    private static QuotaDefinition limitsWith(int flags) {
        return new QuotaDefinition(0, false, flags, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static QuotaDefinition randomLimits(Random rnd) {
        int flags = 1 << rnd.nextInt(8) | (rnd.nextBoolean() ? 1 << rnd.nextInt(8) : 0);
        long big = 1L << 40;
        return new QuotaDefinition(0, false, flags, 0, rnd.nextInt(3), rnd.nextInt(30), 3 + rnd.nextInt(40),
                rnd.nextInt(200_000), rnd.nextBoolean() ? big : rnd.nextInt(100_000_000), rnd.nextInt(100_000_000),
                rnd.nextBoolean() ? big : 200_000_000, rnd.nextInt(100_000_000), big);
    }

    private static int randomDir(FsFixture fx, Random rnd) {
        List<Integer> dirs = new ArrayList<>();
        for (int i = 1; i <= fx.ns.maxInode() && dirs.size() < 64; i++) {
            if (fx.ns.getattr(i).isOk() && fx.attr(i).type() == NodeType.DIRECTORY) {
                dirs.add(i);
            }
        }
        return dirs.get(rnd.nextInt(dirs.size()));
    }
}
