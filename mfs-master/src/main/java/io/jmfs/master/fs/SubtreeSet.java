package io.jmfs.master.fs;

import java.util.ArrayDeque;

/**
 * The walk shared by SETSCLASS and SETEATTR (and their replay): visits a node, and with SMODE_RMASK every node
 * below it, deciding per node "changed", "not changed" or "not permitted". Counting and applying are the same
 * walk, so a replayed record can be checked against its counts before anything changes.
 */
final class SubtreeSet {
    static final int SMODE_SET = 0;
    static final int SMODE_INCREASE = 1;
    static final int SMODE_DECREASE = 2;
    static final int SMODE_EXCHANGE = 3;
    static final int SMODE_TMASK = 3;
    static final int SMODE_RMASK = 4;

    /** What happens to one node: {@link #NOT_PERMITTED}, {@link #NOT_CHANGED} or {@link #CHANGED}. */
    interface Rule {
        int decide(int inode);

        /** Called for CHANGED nodes when applying. */
        void apply(int inode);
    }

    static final int CHANGED = 0;
    static final int NOT_CHANGED = 1;
    static final int NOT_PERMITTED = 2;

    private SubtreeSet() {
    }

    /**
     * Walks from {@code inode} and answers {changed, notChanged, notPermitted}. {@code eligible} limits the node
     * types a rule sees (others are skipped without counting, but directories are still descended).
     */
    static int[] walk(FsState s, int inode, int smode, Rule rule, boolean apply, java.util.function.IntPredicate eligible) {
        int[] counts = new int[3];
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(inode);
        while (!todo.isEmpty()) {
            int n = todo.pop();
            if (eligible.test(s.type(n))) {
                int verdict = rule.decide(n);
                counts[verdict]++;
                if (verdict == CHANGED && apply) {
                    rule.apply(n);
                }
            } else if (!s.isDir(n)) {
                continue;
            }
            if (s.isDir(n) && (smode & SMODE_RMASK) != 0) {
                for (int e = s.nodes.firstChild(n); e != 0; e = s.edges.nextChild(e)) {
                    todo.push(s.edges.child(e));
                }
            }
        }
        return counts;
    }

    static boolean validSmode(int smode) {
        return smode >= 0 && smode <= 7;
    }
}
