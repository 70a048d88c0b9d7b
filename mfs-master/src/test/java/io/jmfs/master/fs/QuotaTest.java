package io.jmfs.master.fs;

import static io.jmfs.master.fs.FsFixture.ROOT;
import static io.jmfs.master.fs.FsFixture.b;
import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.quota.QuotaDefinition;
import io.jmfs.master.quota.QuotaFlags;
import io.jmfs.master.quota.QuotaState;
import io.jmfs.master.quota.Usage;
import io.jmfs.protocol.MfsStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Directory quotas: definitions, usage, enforcement and the soft-limit clock, as MooseFS 3.0.117 has them. */
class QuotaTest {
    private static final long CHUNK = 1L << 26;
    private static final long HEADER = 0x2000;

    final FsFixture fx = new FsFixture();

    /** A set request: flags plus the limits (those whose flag is not set are ignored). */
    static QuotaDefinition limits(int flags, int grace, int sinodes, int hinodes, long slength, long hlength,
                                  long ssize, long hsize) {
        return new QuotaDefinition(0, false, flags, 0, grace, sinodes, hinodes, slength, hlength, ssize, hsize, 0, 0);
    }

    QuotaState set(int dir, QuotaDefinition request) {
        return fx.ns.quotaControl(dir, false, request).orThrow();
    }

    QuotaState get(int dir) {
        return fx.ns.quotaControl(dir, true, QuotaDefinition.none(0)).orThrow();
    }

    Change.Quota lastQuotaChange() {
        for (int i = fx.changes.size() - 1; i >= 0; i--) {
            if (fx.changes.get(i) instanceof Change.Quota q) {
                return q;
            }
        }
        throw new AssertionError("no QUOTA change recorded");
    }

    @Nested
    class Control {
        @Test
        void setting_a_hard_inode_limit_answers_it_with_the_usage_below_and_logs_the_real_line() {
            int d = fx.mkdir(1, "d");
            fx.file(d, "a");
            fx.mkdir(d, "sub");

            QuotaState q = set(d, limits(QuotaFlags.HARD_INODES, 0, 0, 5, 0, 0, 0, 0));

            assertThat(q.definition().flags()).isEqualTo(QuotaFlags.HARD_INODES);
            assertThat(q.definition().hardInodes()).isEqualTo(5);
            assertThat(q.usage()).isEqualTo(new Usage(2, 0, 0, 0));
            assertThat(lastQuotaChange().toString())
                    .isEqualTo(FsFixture.T0 + "|QUOTA(" + d + ",0,16,0,0,5,0,0,0,0,0,0,0)");
        }

        @Test
        void a_read_changes_nothing_and_logs_nothing_even_without_a_quota() {
            int d = fx.mkdir(1, "d");
            fx.file(d, "a");
            int before = fx.changes.size();

            QuotaState q = get(d);

            assertThat(q.definition().flags()).isZero();
            assertThat(q.usage().inodes()).isEqualTo(1);
            assertThat(fx.changes).hasSize(before);
        }

        @Test
        void limits_add_up_and_unset_values_are_zero_and_a_grace_period_of_zero_keeps_the_old_one() {
            int d = fx.mkdir(1, "d");
            set(d, limits(QuotaFlags.SOFT_INODES | QuotaFlags.HARD_LENGTH, 3600, 10, 99, 0, 1000, 0, 77));
            QuotaState q = set(d, limits(QuotaFlags.HARD_INODES, 0, 0, 20, 0, 0, 0, 0));

            QuotaDefinition def = q.definition();
            assertThat(def.flags()).isEqualTo(QuotaFlags.SOFT_INODES | QuotaFlags.HARD_LENGTH | QuotaFlags.HARD_INODES);
            assertThat(def.softInodes()).isEqualTo(10);
            assertThat(def.hardInodes()).isEqualTo(20);
            assertThat(def.hardLength()).isEqualTo(1000);
            assertThat(def.hardSize()).isZero();
            assertThat(def.gracePeriod()).isEqualTo(3600);
        }

        @Test
        void deleting_some_limits_keeps_the_others_and_deleting_the_last_logs_the_all_zero_line() {
            int d = fx.mkdir(1, "d");
            set(d, limits(QuotaFlags.SOFT_INODES | QuotaFlags.HARD_INODES, 0, 1, 2, 0, 0, 0, 0));

            QuotaState partly = fx.ns.quotaControl(d, true, limits(QuotaFlags.SOFT_INODES, 0, 0, 0, 0, 0, 0, 0))
                    .orThrow();
            assertThat(partly.definition().flags()).isEqualTo(QuotaFlags.HARD_INODES);
            assertThat(partly.definition().softInodes()).isZero();

            QuotaState gone = fx.ns.quotaControl(d, true, limits(QuotaFlags.ALL, 0, 0, 0, 0, 0, 0, 0)).orThrow();
            assertThat(gone.definition().flags()).isZero();
            assertThat(lastQuotaChange().toString())
                    .isEqualTo(FsFixture.T0 + "|QUOTA(" + d + ",0,0,0,0,0,0,0,0,0,0,0,0)");
        }

        @Test
        void quotas_are_for_directories_only() {
            int f = fx.file(1, "f");
            assertThat(fx.ns.quotaControl(f, false, limits(QuotaFlags.HARD_INODES, 0, 0, 1, 0, 0, 0, 0)).status())
                    .isEqualTo(MfsStatus.EPERM);
            assertThat(fx.ns.quotaControl(999, false, limits(QuotaFlags.HARD_INODES, 0, 0, 1, 0, 0, 0, 0)).status())
                    .isEqualTo(MfsStatus.ENOENT);
        }

        @Test
        void a_namespace_without_quotas_records_nothing_for_them() {
            int d = fx.mkdir(1, "d");
            fx.file(d, "a");
            fx.now += 5;
            fx.ns.maintain();
            assertThat(fx.changes).noneMatch(c -> c instanceof Change.Quota);
        }

        @Test
        void removing_a_quota_directory_removes_its_quota() {
            int d = fx.mkdir(1, "d");
            set(d, limits(QuotaFlags.HARD_INODES, 0, 0, 1, 0, 0, 0, 0));
            fx.ns.rmdir(ROOT, 1, b("d")).orThrow();
            int again = fx.mkdir(1, "e");
            assertThat(get(again).definition().flags()).isZero();
            fx.file(again, "1");
            fx.file(again, "2");
        }
    }

    @Nested
    class Usage_ {
        @Test
        void usage_counts_entries_lengths_chunk_sizes_and_copies_all_the_way_down() {
            int d = fx.mkdir(1, "d");
            set(d, limits(QuotaFlags.HARD_SIZE, 0, 0, 0, 0, 0, 0, 1L << 40));
            int sub = fx.mkdir(d, "sub");
            int f = fx.file(sub, "f");
            assertThat(fx.ns.setChunk(f, 0, 0x10)).isEqualTo(MfsStatus.OK);
            assertThat(fx.ns.setLength(f, 100_000, true)).isEqualTo(MfsStatus.OK);
            fx.ns.symlink(ROOT, d, b("ln"), b("target")).orThrow();

            // 100000 bytes occupy two 64 KiB blocks plus the chunk header; goal 2 doubles it
            long size = 2 * 0x10000 + HEADER;
            assertThat(get(d).usage()).isEqualTo(new Usage(3, 100_000 + 6, size, 2 * size));
            assertThat(get(sub).usage()).isEqualTo(new Usage(1, 100_000, size, 2 * size));
        }

        @Test
        void a_hard_link_counts_once_per_entry_and_moving_out_gives_back() {
            int d = fx.mkdir(1, "d");
            set(d, limits(QuotaFlags.HARD_INODES, 0, 0, 100, 0, 0, 0, 0));
            int f = fx.file(d, "f");
            fx.ns.link(ROOT, f, d, b("g")).orThrow();
            assertThat(get(d).usage().inodes()).isEqualTo(2);

            fx.ns.rename(ROOT, d, b("g"), 1, b("g")).orThrow();
            assertThat(get(d).usage().inodes()).isEqualTo(1);
            fx.ns.unlink(ROOT, d, b("f")).orThrow();
            assertThat(get(d).usage().inodes()).isZero();
        }

        @Test
        void moving_a_directory_in_carries_its_whole_subtree() {
            int d = fx.mkdir(1, "d");
            set(d, limits(QuotaFlags.HARD_INODES, 0, 0, 100, 0, 0, 0, 0));
            int outside = fx.mkdir(1, "o");
            fx.file(outside, "1");
            fx.file(outside, "2");
            fx.ns.rename(ROOT, 1, b("o"), d, b("o")).orThrow();
            assertThat(get(d).usage().inodes()).isEqualTo(3);
        }
    }

    @Nested
    class HardLimits {
        @Test
        void creating_past_a_hard_inode_limit_is_refused_with_quota_exceeded() {
            int d = fx.mkdir(1, "d");
            set(d, limits(QuotaFlags.HARD_INODES, 0, 0, 2, 0, 0, 0, 0));
            fx.file(d, "1");
            int two = fx.file(d, "2");

            assertThat(fx.ns.mknod(ROOT, d, b("3"), NodeType.FILE, 0644, 0, 0).status()).isEqualTo(MfsStatus.QUOTA);
            assertThat(fx.ns.mkdir(ROOT, d, b("3"), 0755, 0, false).status()).isEqualTo(MfsStatus.QUOTA);
            assertThat(fx.ns.create(ROOT, d, b("3"), 0644, 0).status()).isEqualTo(MfsStatus.QUOTA);
            assertThat(fx.ns.symlink(ROOT, d, b("3"), b("x")).status()).isEqualTo(MfsStatus.QUOTA);
            assertThat(fx.ns.link(ROOT, two, d, b("3")).status()).isEqualTo(MfsStatus.QUOTA);

            fx.ns.unlink(ROOT, d, b("1")).orThrow();
            fx.file(d, "3");
        }

        @Test
        void a_limit_higher_up_applies_to_every_directory_below() {
            int d = fx.mkdir(1, "d");
            int deep = fx.mkdir(fx.mkdir(d, "a"), "b");
            set(d, limits(QuotaFlags.HARD_INODES, 0, 0, 3, 0, 0, 0, 0));
            fx.file(deep, "f");
            assertThat(fx.ns.mknod(ROOT, deep, b("g"), NodeType.FILE, 0644, 0, 0).status())
                    .isEqualTo(MfsStatus.QUOTA);
        }

        @Test
        void renaming_into_a_full_directory_is_refused_but_inside_it_is_not() {
            int d = fx.mkdir(1, "d");
            set(d, limits(QuotaFlags.HARD_INODES, 0, 0, 2, 0, 0, 0, 0));
            fx.file(d, "1");
            int sub = fx.mkdir(d, "sub");
            fx.file(1, "outside");

            assertThat(fx.ns.rename(ROOT, 1, b("outside"), d, b("o")).status()).isEqualTo(MfsStatus.QUOTA);
            fx.ns.rename(ROOT, d, b("1"), sub, b("1")).orThrow();
        }

        @Test
        void growing_a_file_past_a_hard_length_limit_is_refused_and_shrinking_is_not() {
            int d = fx.mkdir(1, "d");
            int f = fx.file(d, "f");
            set(d, limits(QuotaFlags.HARD_LENGTH, 0, 0, 0, 0, 1000, 0, 0));

            assertThat(fx.ns.truncateCheck(ROOT, f, 0, 1001).status()).isEqualTo(MfsStatus.QUOTA);
            assertThat(fx.ns.truncateCheck(ROOT, f, 0, 1000).isOk()).isTrue();
            assertThat(fx.ns.quotaForLength(f, 1001)).isEqualTo(MfsStatus.QUOTA);
            fx.ns.truncateApply(f, 0, 1000).orThrow();
            assertThat(fx.ns.truncateCheck(ROOT, f, 0, 10).isOk()).isTrue();
        }

        @Test
        void writing_a_new_chunk_counts_it_as_full_against_a_size_limit() {
            int d = fx.mkdir(1, "d");
            int f = fx.file(d, "f");
            set(d, limits(QuotaFlags.HARD_SIZE, 0, 0, 0, 0, 0, 0, CHUNK));

            assertThat(fx.ns.quotaForWrite(f, 0)).isEqualTo(MfsStatus.QUOTA);
            fx.ns.quotaControl(d, false, limits(QuotaFlags.HARD_SIZE, 0, 0, 0, 0, 0, 0, CHUNK + HEADER)).orThrow();
            assertThat(fx.ns.quotaForWrite(f, 0)).isEqualTo(MfsStatus.OK);
        }

        @Test
        void appending_chunks_past_a_hard_size_limit_is_refused() {
            int d = fx.mkdir(1, "d");
            int f = fx.file(d, "f");
            int src = fx.file(1, "src");
            assertThat(fx.ns.setChunk(src, 0, 7)).isEqualTo(MfsStatus.OK);
            fx.ns.setLength(src, 1000, true);
            set(d, limits(QuotaFlags.HARD_SIZE, 0, 0, 0, 0, 0, 0, CHUNK));

            assertThat(fx.ns.appendSlice(ROOT, 0, f, src, 0, 0x80000000).status()).isEqualTo(MfsStatus.QUOTA);
            fx.ns.quotaControl(d, false, limits(QuotaFlags.HARD_SIZE, 0, 0, 0, 0, 0, 0, CHUNK + HEADER)).orThrow();
            assertThat(fx.ns.appendSlice(ROOT, 0, f, src, 0, 0x80000000).isOk()).isTrue();
        }

        @Test
        void a_snapshot_that_does_not_fit_is_refused() {
            int d = fx.mkdir(1, "d");
            int src = fx.mkdir(1, "src");
            fx.file(src, "1");
            fx.file(src, "2");
            set(d, limits(QuotaFlags.HARD_INODES, 0, 0, 2, 0, 0, 0, 0));
            assertThat(fx.ns.snapshot(ROOT, 0, src, d, b("copy"), 0, 0)).isEqualTo(MfsStatus.QUOTA);
        }

        @Test
        void a_snapshot_that_fits_is_counted() {
            int d = fx.mkdir(1, "d");
            int src = fx.mkdir(1, "src");
            fx.file(src, "1");
            set(d, limits(QuotaFlags.HARD_INODES, 0, 0, 10, 0, 0, 0, 0));
            assertThat(fx.ns.snapshot(ROOT, 0, src, d, b("copy"), 0, 0)).isEqualTo(MfsStatus.OK);
            assertThat(get(d).usage().inodes()).isEqualTo(2);
        }
    }

    @Nested
    class SoftLimits {
        @Test
        void a_soft_limit_allows_growth_during_its_grace_period_then_acts_as_a_hard_one() {
            int d = fx.mkdir(1, "d");
            set(d, limits(QuotaFlags.SOFT_INODES, 10, 1, 0, 0, 0, 0, 0));
            fx.file(d, "1");
            fx.file(d, "2");

            fx.ns.maintain();
            assertThat(get(d).definition().softSince()).isEqualTo(FsFixture.T0);
            assertThat(get(d).definition().exceeded()).isFalse();
            assertThat(lastQuotaChange().toString())
                    .isEqualTo(FsFixture.T0 + "|QUOTA(" + d + ",0,1,1700000000,1,0,0,0,0,0,0,0,10)");
            fx.file(d, "3");

            fx.now += 11;
            fx.ns.maintain();
            assertThat(get(d).definition().exceeded()).isTrue();
            assertThat(fx.ns.mknod(ROOT, d, b("4"), NodeType.FILE, 0644, 0, 0).status()).isEqualTo(MfsStatus.QUOTA);

            for (String n : new String[] {"1", "2", "3"}) {
                fx.ns.unlink(ROOT, d, b(n)).orThrow();
            }
            fx.ns.maintain();
            assertThat(get(d).definition().exceeded()).isFalse();
            assertThat(get(d).definition().softSince()).isZero();
            fx.file(d, "5");
        }

        @Test
        void without_a_grace_period_a_soft_limit_runs_out_a_second_later_as_in_3_0_117() {
            int d = fx.mkdir(1, "d");
            set(d, limits(QuotaFlags.SOFT_INODES, 0, 0, 0, 0, 0, 0, 0));
            fx.file(d, "1");
            fx.ns.maintain();
            fx.now += 1;
            fx.ns.maintain();
            assertThat(get(d).definition().exceeded()).isTrue();
        }
    }

    @Test
    void statfs_under_a_quota_directory_shows_the_quota_as_the_size_of_the_file_system() {
        int d = fx.mkdir(1, "d");
        int sub = fx.mkdir(d, "sub");
        int f = fx.file(sub, "f");
        fx.ns.setLength(f, 300, true);
        set(d, limits(QuotaFlags.HARD_LENGTH, 0, 0, 0, 0, 1000, 0, 0));
        long tb = 1L << 40;

        assertThat(fx.ns.quotaCappedSpace(sub, tb, tb / 2, tb / 2)).containsExactly(1000, 700, 700);
        assertThat(fx.ns.quotaCappedSpace(1, tb, tb / 2, tb / 2)).containsExactly(tb, tb / 2, tb / 2);
        fx.ns.setLength(f, 1200, true);
        assertThat(fx.ns.quotaCappedSpace(d, tb, tb / 2, tb / 2)).containsExactly(1000, 0, 0);
    }

    @Test
    void replaying_the_recorded_changes_gives_the_same_quotas_and_usage() {
        int d = fx.mkdir(1, "d");
        set(d, limits(QuotaFlags.SOFT_INODES | QuotaFlags.HARD_LENGTH, 5, 1, 0, 0, 1L << 30, 0, 0));
        int f = fx.file(d, "f");
        fx.ns.setLength(f, 4096, true);
        fx.file(d, "g");
        fx.ns.maintain();
        fx.now += 6;
        fx.ns.maintain();

        Namespace copy = fx.replayed();

        QuotaState live = get(d);
        QuotaState replayed = copy.quotaControl(d, true, QuotaDefinition.none(0)).orThrow();
        assertThat(replayed).isEqualTo(live);
        assertThat(live.definition().exceeded()).isTrue();
    }
}
