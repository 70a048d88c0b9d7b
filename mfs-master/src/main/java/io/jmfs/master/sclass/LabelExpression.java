package io.jmfs.master.sclass;

import java.util.List;

/**
 * Which servers may hold one copy: up to {@link #OR_TERMS} alternatives, each a set of labels the server must all
 * have (bit n = label 'A'+n). MooseFS's tools compile {@code A+B|C} into masks {@code [A|B, C, 0, 0]}; a first mask of
 * zero ({@code *}) accepts any server. Unused trailing alternatives are zero.
 */
public record LabelExpression(List<Integer> masks) {
    /** MooseFS's MASKORGROUP. */
    public static final int OR_TERMS = 4;
    public static final LabelExpression ANY = new LabelExpression(List.of(0, 0, 0, 0));

    public LabelExpression {
        masks = List.copyOf(masks);
        if (masks.size() != OR_TERMS) {
            throw new IllegalArgumentException("a label expression has " + OR_TERMS + " masks, not " + masks.size());
        }
    }

    public static LabelExpression of(int... masks) {
        Integer[] all = {0, 0, 0, 0};
        for (int i = 0; i < masks.length; i++) {
            all[i] = masks[i];
        }
        return new LabelExpression(List.of(all));
    }

    /** Whether any server qualifies ({@code *}). */
    public boolean isAny() {
        return masks.getFirst() == 0;
    }

    /** Whether a server with these labels may hold the copy (a zero mask ends the alternatives). */
    public boolean matches(int serverLabels) {
        if (isAny()) {
            return true;
        }
        for (int mask : masks) {
            if (mask == 0) {
                return false;
            }
            if ((serverLabels & mask) == mask) {
                return true;
            }
        }
        return false;
    }

    /** The tools' notation: {@code *}, or alternatives of labels joined by {@code +}, separated by {@code |}. */
    @Override
    public String toString() {
        if (isAny()) {
            return "*";
        }
        StringBuilder sb = new StringBuilder();
        for (int mask : masks) {
            if (mask == 0) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            boolean first = true;
            for (int bit = 0; bit < 26; bit++) {
                if ((mask & (1 << bit)) != 0) {
                    if (!first) {
                        sb.append('+');
                    }
                    sb.append((char) ('A' + bit));
                    first = false;
                }
            }
        }
        return sb.toString();
    }
}
