package io.jmfs.master.fs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InodeBucketsTest {
    private final InodeBuckets set = new InodeBuckets(4);

    @Test
    void membersGoToTheBucketOfTheirInodeModuloTheBucketCountInTheOrderAdded() {
        for (int inode : new int[] {9, 5, 2, 1, 6}) {
            assertThat(set.add(inode)).isTrue();
        }
        assertThat(set.bucket(1)).containsExactly(9, 5, 1);
        assertThat(set.bucket(2)).containsExactly(2, 6);
        assertThat(set.bucket(0)).isEmpty();
        assertThat(set).containsExactly(9, 5, 1, 2, 6);
        assertThat(set.toArray()).containsExactly(9, 5, 1, 2, 6);
        assertThat(set.size()).isEqualTo(5);
    }

    @Test
    void removalKeepsTheOrderOfTheRestAndAnAbsentMemberIsNeitherAddedTwiceNorRemoved() {
        set.add(1);
        set.add(5);
        set.add(9);
        assertThat(set.add(5)).isFalse();
        assertThat(set.remove(5)).isTrue();
        assertThat(set.remove(5)).isFalse();
        assertThat(set.contains(5)).isFalse();
        assertThat(set.bucket(1)).containsExactly(1, 9);
        assertThat(set.size()).isEqualTo(2);
    }

    @Test
    void aBucketCopyMayBeWalkedWhileItsMembersAreRemoved() {
        for (int i = 0; i < 100; i++) {
            set.add(i * 4 + 3);
        }
        for (int inode : set.bucket(3)) {
            set.remove(inode);
        }
        assertThat(set.isEmpty()).isTrue();
        assertThat(set).isEmpty();
    }

    @Test
    void inodeNumbersAboveTwoToTheThirtyOneAreBucketedAsUnsignedNumbers() {
        set.add(-1); // 0xFFFFFFFF: MooseFS's inode numbers are unsigned 32-bit
        assertThat(set.bucketOf(-1)).isEqualTo(3);
        assertThat(set.bucket(3)).containsExactly(-1);
    }

    @Test
    void aSetWithoutBucketsIsRefused() {
        assertThatThrownBy(() -> new InodeBuckets(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
