package io.jmfs.client.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class XattrCacheTest {
    private long now = 1_000;
    private final XattrCache cache = new XattrCache(30.0, () -> now);

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownAttributeIsNotAnswered() {
        assertThat(cache.get(5, 0, 0, "user.a")).isEmpty();
    }

    @Test
    void aValueAndAnAbsenceAreBothAnsweredUntilTheTimeout() {
        cache.put(5, 0, 0, "user.a", Optional.of(bytes("v")));
        cache.put(5, 0, 0, "security.capability", Optional.empty());
        now += TimeUnit.SECONDS.toNanos(29);
        assertThat(cache.get(5, 0, 0, "user.a")).hasValueSatisfying(v -> assertThat(v).contains(bytes("v")));
        assertThat(cache.get(5, 0, 0, "security.capability")).contains(Optional.empty());
        now += TimeUnit.SECONDS.toNanos(1);
        assertThat(cache.get(5, 0, 0, "user.a")).isEmpty();
        assertThat(cache.get(5, 0, 0, "security.capability")).isEmpty();
        assertThat(cache.size()).isZero();
        assertThat(cache.indexedInodes()).isZero();
    }

    @Test
    void answersAreKeptPerCallerSinceTheMasterChecksPermissionsPerCaller() {
        cache.put(5, 1000, 100, "user.a", Optional.of(bytes("v")));
        assertThat(cache.get(5, 1000, 100, "user.a")).isPresent();
        assertThat(cache.get(5, 1001, 100, "user.a")).isEmpty();
        assertThat(cache.get(5, 1000, 101, "user.a")).isEmpty();
        assertThat(cache.get(6, 1000, 100, "user.a")).isEmpty();
    }

    @Test
    void forgettingAnAttributeDropsItForEveryCallerAndLeavesOthers() {
        cache.put(5, 0, 0, "user.a", Optional.of(bytes("v")));
        cache.put(5, 1000, 100, "user.a", Optional.empty());
        cache.put(5, 0, 0, "user.b", Optional.empty());
        cache.forget(5, "user.a");
        assertThat(cache.get(5, 0, 0, "user.a")).isEmpty();
        assertThat(cache.get(5, 1000, 100, "user.a")).isEmpty();
        assertThat(cache.get(5, 0, 0, "user.b")).isPresent();
        cache.forgetInode(5);
        assertThat(cache.size()).isZero();
        assertThat(cache.indexedInodes()).isZero();
    }

    @Test
    void callersGetCopiesSoTheCachedValueCannotBeChangedFromOutside() {
        byte[] v = bytes("abc");
        cache.put(5, 0, 0, "user.a", Optional.of(v));
        v[0] = 'X';
        cache.get(5, 0, 0, "user.a").orElseThrow().orElseThrow()[1] = 'Y';
        assertThat(cache.get(5, 0, 0, "user.a").orElseThrow()).contains(bytes("abc"));
    }

    @Test
    void aZeroTimeoutCachesNothing() {
        XattrCache off = new XattrCache(0, () -> now);
        off.put(5, 0, 0, "user.a", Optional.empty());
        assertThat(off.get(5, 0, 0, "user.a")).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedEntryGoesWhenFull() {
        for (int i = 0; i < XattrCache.CAPACITY; i++) {
            cache.put(i, 0, 0, "n", Optional.empty());
        }
        assertThat(cache.get(0, 0, 0, "n")).isPresent(); // now the most recently used
        cache.put(-1, 0, 0, "n", Optional.empty());
        assertThat(cache.size()).isEqualTo(XattrCache.CAPACITY);
        assertThat(cache.get(0, 0, 0, "n")).isPresent();
        assertThat(cache.get(1, 0, 0, "n")).isEmpty();
        assertThat(cache.indexedInodes()).isEqualTo(XattrCache.CAPACITY);
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        assertThatThrownBy(() -> new XattrCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
