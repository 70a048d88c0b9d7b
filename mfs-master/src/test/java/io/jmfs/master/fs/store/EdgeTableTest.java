package io.jmfs.master.fs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EdgeTableTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsEveryEntryAcrossManyRehashesAndDistinguishesParents() {
        EdgeTable t = new EdgeTable();
        int n = 50_000;
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = t.add(2 + (i % 7), 100 + i, b("file_" + i), i);
        }
        for (int i = 0; i < n; i++) {
            assertThat(t.find(2 + (i % 7), b("file_" + i))).isEqualTo(slots[i]);
            assertThat(t.find(2 + ((i + 1) % 7), b("file_" + i))).isZero();
        }
        assertThat(t.size()).isEqualTo(n);
    }

    @Test
    void removalsFromTheMiddleOfChainsKeepEveryOtherEntryFindableThroughLaterRehashes() {
        EdgeTable t = new EdgeTable();
        int n = 20_000; // 20 times the first bucket count: chains of several entries before each rehash
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = t.add(1, 10 + i, b("n" + i), i);
        }
        for (int i = 0; i < n; i += 3) {
            t.remove(slots[i]);
        }
        for (int i = n; i < 3 * n; i++) { // grows the index twice more
            t.add(1, 10 + i, b("n" + i), i);
        }
        for (int i = 0; i < n; i++) {
            int found = t.find(1, b("n" + i));
            if (i % 3 == 0) {
                assertThat(found).as("removed n%d", i).isZero();
            } else {
                assertThat(found).as("kept n%d", i).isEqualTo(slots[i]);
                assertThat(t.foundByName(found)).isTrue();
            }
        }
    }

    @Test
    void removedEntriesAreNotFoundAndTheirSlotsAreReused() {
        EdgeTable t = new EdgeTable();
        int a = t.add(1, 2, b("a"), 10);
        int b = t.add(1, 3, b("b"), 9);
        t.remove(a);
        assertThat(t.find(1, b("a"))).isZero();
        assertThat(t.find(1, b("b"))).isEqualTo(b);
        assertThat(t.add(1, 4, b("c"), 8)).isEqualTo(a);
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void detachedEntriesKeepTheirNameButAreNotIndexed() {
        EdgeTable t = new EdgeTable();
        int e = t.add(0, 5, b("dir/file"), 1);
        assertThat(t.name(e)).isEqualTo(b("dir/file"));
        assertThat(t.find(0, b("dir/file"))).isZero();
        t.remove(e);
        assertThat(t.size()).isZero();
    }

    @Test
    void namesSurviveCompactionOfTheArena() {
        EdgeTable t = new EdgeTable(64);
        int keep = t.add(1, 2, b("keeper"), 1);
        for (int i = 0; i < 1000; i++) {
            t.remove(t.add(1, 3, b("temporary-name-" + i), 2));
        }
        assertThat(t.nameBytes()).isEqualTo("keeper".length());
        assertThat(t.name(keep)).isEqualTo(b("keeper"));
        assertThat(t.find(1, b("keeper"))).isEqualTo(keep);
    }
}
