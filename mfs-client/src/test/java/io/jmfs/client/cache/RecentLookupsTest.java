package io.jmfs.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentLookupsTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final RecentLookups cache = new RecentLookups(now::get);
    private final Attr dir = new Attr(0, NodeType.DIRECTORY, 0755, 0, 0, 1, 2, 3, 2, 1, 0);

    @Test
    void aDirectoryLookedUpLessThanASecondAgoAnswersTheSameProcessesGetattr() {
        cache.remember(7, 100, 0, 0, dir);
        now.addAndGet(999_000_000L);
        assertThat(cache.recent(7, 100, 0, 0)).contains(dir);
    }

    @Test
    void anAnswerServesNoOtherProcessOrUser() {
        cache.remember(7, 100, 0, 0, dir);
        assertThat(cache.recent(7, 101, 0, 0)).isEmpty();
        assertThat(cache.recent(7, 100, 1000, 0)).isEmpty();
        assertThat(cache.recent(7, 100, 0, 1000)).isEmpty();
        assertThat(cache.recent(8, 100, 0, 0)).isEmpty();
    }

    @Test
    void anAnswerExpiresAfterOneSecond() {
        cache.remember(7, 100, 0, 0, dir);
        now.addAndGet(RecentLookups.TTL_NANOS);
        assertThat(cache.recent(7, 100, 0, 0)).isEmpty();
    }

    @Test
    void aChangeByThisClientForgetsTheDirectory() {
        cache.remember(7, 100, 0, 0, dir);
        cache.remember(7, 200, 0, 0, dir);
        cache.forget(7);
        assertThat(cache.recent(7, 100, 0, 0)).isEmpty();
        assertThat(cache.recent(7, 200, 0, 0)).isEmpty();
    }

    @Test
    void theCacheIsBoundedTheLeastRecentlyUsedDirectoryGoesFirst() {
        for (int i = 0; i <= RecentLookups.CAPACITY; i++) {
            cache.remember(i, 1, 0, 0, dir);
        }
        assertThat(cache.recent(0, 1, 0, 0)).isEmpty();
        assertThat(cache.recent(RecentLookups.CAPACITY, 1, 0, 0)).contains(dir);
    }
}
