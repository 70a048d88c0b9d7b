package io.jmfs.protocol.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Lists the concrete records of a sealed message hierarchy, so tests can prove they sample every one. */
public final class SealedCoverage {
    private SealedCoverage() {
    }

    /** Every non-sealed leaf class permitted (directly or through sealed sub-interfaces) by {@code root}. */
    public static Set<Class<?>> leaves(Class<?> root) {
        Set<Class<?>> out = new LinkedHashSet<>();
        collect(root, out);
        return out;
    }

    private static void collect(Class<?> c, Set<Class<?>> out) {
        if (!c.isSealed()) {
            out.add(c);
            return;
        }
        for (Class<?> sub : c.getPermittedSubclasses()) {
            collect(sub, out);
        }
    }

    /** The leaves of {@code root} that no sample instantiates. */
    public static List<Class<?>> missing(Class<?> root, Collection<?> samples) {
        List<Class<?>> missing = new ArrayList<>(leaves(root));
        for (Object s : samples) {
            missing.remove(s.getClass());
        }
        return missing;
    }
}
