package io.jmfs.master.cluster;

import io.jmfs.daemon.config.SizeText;

/**
 * RESERVE_SPACE: space the master keeps out of what clients see as available, so the cluster never fills to the
 * last byte. As in MooseFS: a size ({@code 10GiB}), a percentage of the total ({@code 5%}), a multiple of the
 * fullest chunkserver's used space ({@code 2U}) or of the largest chunkserver's total space ({@code 1.5C}).
 */
public record ReserveSpace(Mode mode, double value) {
    public enum Mode { BYTES, PERCENT, SERVER_USED, SERVER_TOTAL }

    public static final ReserveSpace NONE = new ReserveSpace(Mode.BYTES, 0);

    public ReserveSpace {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a reserve must be a non-negative number, not " + value);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static ReserveSpace parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty; expected a size, #%, #U or #C");
        }
        Mode mode = switch (t.charAt(t.length() - 1)) {
            case '%' -> Mode.PERCENT;
            case 'U' -> Mode.SERVER_USED;
            case 'C' -> Mode.SERVER_TOTAL;
            default -> Mode.BYTES;
        };
        if (mode == Mode.BYTES) {
            return new ReserveSpace(mode, SizeText.parse(t));
        }
        String number = t.substring(0, t.length() - 1);
        if (number.isEmpty() || SizeText.numberEnd(number) != number.length() || number.equals(".")) {
            throw new IllegalArgumentException("'" + text + "': expected a number before '" + t.charAt(t.length() - 1)
                    + "'");
        }
        return new ReserveSpace(mode, Double.parseDouble(number));
    }

    /** The reserved bytes for a cluster of {@code total} bytes whose largest server figures are given. */
    public long bytes(long total, long maxServerUsed, long maxServerTotal) {
        double reserved = switch (mode) {
            case BYTES -> value;
            case PERCENT -> value * (total / 100.0);
            case SERVER_USED -> value * maxServerUsed;
            case SERVER_TOTAL -> value * maxServerTotal;
        };
        return reserved >= 0x1p63 ? Long.MAX_VALUE : (long) reserved;
    }
}
