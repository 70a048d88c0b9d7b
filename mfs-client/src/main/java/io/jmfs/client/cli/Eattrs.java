package io.jmfs.client.cli;

import java.util.ArrayList;
import java.util.List;

/** The eattr bit names MooseFS tools print and accept (bit 0 first). */
final class Eattrs {
    static final List<String> NAMES = List.of("noowner", "noattrcache", "noentrycache", "nodatacache", "snapshot",
            "undeletable", "appendonly", "immutable");

    private Eattrs() {
    }

    static String describe(int eattr) {
        List<String> set = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if ((eattr & 1 << i) != 0) {
                set.add(NAMES.get(i));
            }
        }
        return set.isEmpty() ? "-" : String.join(",", set);
    }

    static int parse(List<String> names) {
        int bits = 0;
        for (String n : names) {
            int i = NAMES.indexOf(n.toLowerCase());
            if (i < 0) {
                throw new IllegalArgumentException("unknown eattr '" + n + "'; known: " + NAMES);
            }
            bits |= 1 << i;
        }
        return bits;
    }
}
