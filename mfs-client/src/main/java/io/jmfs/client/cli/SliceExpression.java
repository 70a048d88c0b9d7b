package io.jmfs.client.cli;

/**
 * mfsappendchunks' {@code -s FROM:TO}: a half-open range of chunk indexes, either end negative to count back from
 * the source's end, {@code FROM} empty for 0 and {@code TO} empty for "to the end". On the wire each end is its
 * absolute value with a flag bit saying it was negative.
 */
record SliceExpression(long from, long to) {
    static final long TO_END = 0x80000000L;
    static final SliceExpression WHOLE_FILE = new SliceExpression(0, TO_END);
    private static final long LIMIT = 0xFFFFFFFFL;
    private static final int FROM_NEG = 0x01;
    private static final int TO_NEG = 0x02;

    SliceExpression {
        if (Math.abs(from) > LIMIT || Math.abs(to) > LIMIT) {
            throw new IllegalArgumentException("bad slice indexes");
        }
    }

    static SliceExpression parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a slice is FROM:TO, not '" + text + "'");
        }
        String f = text.substring(0, colon);
        String t = text.substring(colon + 1);
        try {
            return new SliceExpression(f.isEmpty() ? 0 : Long.parseLong(f), t.isEmpty() ? TO_END : Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a slice is FROM:TO with whole numbers, not '" + text + "'");
        }
    }

    int flags() {
        return (from < 0 ? FROM_NEG : 0) | (to < 0 ? TO_NEG : 0);
    }

    int wireFrom() {
        return (int) Math.abs(from);
    }

    int wireTo() {
        return (int) Math.abs(to);
    }
}
