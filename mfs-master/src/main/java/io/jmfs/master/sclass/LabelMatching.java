package io.jmfs.master.sclass;

import java.util.Arrays;
import java.util.List;

/**
 * Pairs a class's copy expressions with the servers holding copies so that as many expressions as possible are
 * satisfied, each server serving at most one expression (a maximum bipartite matching; at most 9 expressions, so
 * simple augmenting paths suffice).
 */
public final class LabelMatching {
    private LabelMatching() {
    }

    /**
     * For each expression, the index in {@code serverLabels} of the server it is paired with, or -1 when no
     * server is left for it.
     */
    public static int[] match(List<LabelExpression> expressions, List<Integer> serverLabels) {
        int[] serverOf = new int[expressions.size()];
        int[] expressionOf = new int[serverLabels.size()];
        Arrays.fill(serverOf, -1);
        Arrays.fill(expressionOf, -1);
        for (int e = 0; e < expressions.size(); e++) {
            augment(e, expressions, serverLabels, serverOf, expressionOf, new boolean[serverLabels.size()]);
        }
        return serverOf;
    }

    /** How many expressions the best pairing satisfies. */
    public static int satisfied(List<LabelExpression> expressions, List<Integer> serverLabels) {
        return (int) Arrays.stream(match(expressions, serverLabels)).filter(i -> i >= 0).count();
    }

    private static boolean augment(int e, List<LabelExpression> expressions, List<Integer> serverLabels,
                                   int[] serverOf, int[] expressionOf, boolean[] seen) {
        for (int s = 0; s < serverLabels.size(); s++) {
            if (seen[s] || !expressions.get(e).matches(serverLabels.get(s))) {
                continue;
            }
            seen[s] = true;
            if (expressionOf[s] < 0
                    || augment(expressionOf[s], expressions, serverLabels, serverOf, expressionOf, seen)) {
                expressionOf[s] = e;
                serverOf[e] = s;
                return true;
            }
        }
        return false;
    }
}
