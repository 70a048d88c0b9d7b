package io.jmfs.master.fs.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InodeAllocatorTest {
    @Test
    void handsOutTheLowestUnusedNumberNeverZero() {
        InodeAllocator a = new InodeAllocator();
        for (int expected = 1; expected < 200; expected++) {
            assertThat(a.peekNext()).isEqualTo(expected);
            a.take(expected);
        }
        assertThat(a.maxInode()).isEqualTo(199);
    }

    @Test
    void aFreedNumberReturnsOnlyAfterTheDelayAndOnlyWhenNotOpen() {
        InodeAllocator a = new InodeAllocator();
        for (int i = 1; i <= 5; i++) {
            a.take(i);
        }
        a.free(2, 1000);
        a.free(3, 1000);
        assertThat(a.releaseExpired(1300, 300, i -> false).freed()).isZero();
        assertThat(a.peekNext()).isEqualTo(6);

        InodeAllocator.Released r = a.releaseExpired(1301, 300, i -> i == 3);
        assertThat(r).isEqualTo(new InodeAllocator.Released(1, 1, 2 ^ 3));
        assertThat(a.peekNext()).isEqualTo(2);
        assertThat(a.isTaken(3)).as("still open: kept and queued again").isTrue();
        assertThat(a.releaseExpired(1602, 300, i -> false).freed()).isEqualTo(1);
        assertThat(a.isTaken(3)).isFalse();
    }

    @Test
    void previewMatchesWhatReleaseDoes() {
        InodeAllocator a = new InodeAllocator();
        for (int i = 1; i <= 70; i++) {
            a.take(i);
        }
        for (int i = 10; i < 70; i += 3) {
            a.free(i, 500 + i);
        }
        int[] p = a.previewExpired(900, 300, i -> i % 2 == 0);
        InodeAllocator.Released r = a.releaseExpired(900, 300, i -> i % 2 == 0);
        assertThat(new int[] {r.freed(), r.stillOpen(), r.checksum()}).isEqualTo(p);
    }
}
