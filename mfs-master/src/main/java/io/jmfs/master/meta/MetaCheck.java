package io.jmfs.master.meta;

import io.jmfs.master.chunks.Chunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The consistency check the master runs after loading and {@code mfsmetacheck} offers: the namespace's own
 * structure (link counts, parents, subtree lengths, counters, free inodes) plus chunk references: every chunk a
 * file names exists, and every chunk's file count equals the number of references.
 */
public final class MetaCheck {
    private MetaCheck() {
    }

    public static List<String> problems(MetaState state) {
        List<String> out = new ArrayList<>(state.namespace().checkConsistency());
        Map<Long, Integer> refs = new HashMap<>();
        state.namespace().persistence().forEachNode(n -> {
            if (n.chunks() != null) {
                for (long c : n.chunks()) {
                    if (c != 0) {
                        refs.merge(c, 1, Integer::sum);
                    }
                }
            }
        });
        for (Map.Entry<Long, Integer> e : refs.entrySet()) {
            if (out.size() >= 100) {
                break;
            }
            Chunk c = state.chunks().get(e.getKey());
            if (c == null) {
                out.add("chunk " + String.format("%016X", e.getKey()) + " is referenced " + e.getValue()
                        + " times but does not exist");
            } else if (c.fileCount() != e.getValue()) {
                out.add("chunk " + String.format("%016X", e.getKey()) + " counts " + c.fileCount()
                        + " file references, files hold " + e.getValue());
            }
        }
        for (Chunk c : state.chunks().all()) {
            if (out.size() >= 100) {
                break;
            }
            if (c.fileCount() != 0 && !refs.containsKey(c.id())) {
                out.add("chunk " + String.format("%016X", c.id()) + " counts " + c.fileCount()
                        + " file references, no file holds it");
            }
        }
        return out;
    }
}
