package io.jmfs.chunkserver.storage.disk;

/**
 * The optional size column of an {@code mfshdd.cfg} line: {@code 10GiB} = use at most 10 GiB on this disk,
 * {@code -10GiB} = leave 10 GiB free; none = leave {@code HDD_LEAVE_SPACE_DEFAULT} free.
 */
public record SpaceLimit(Kind kind, long bytes) {
    public enum Kind { DEFAULT, USE_AT_MOST, LEAVE_FREE }

    public static final SpaceLimit DEFAULT = new SpaceLimit(Kind.DEFAULT, 0);

    public SpaceLimit {
        if (bytes < 0) {
            throw new IllegalArgumentException("space limit must not be negative: " + bytes);
        }
    }

    public static SpaceLimit useAtMost(long bytes) {
        return new SpaceLimit(Kind.USE_AT_MOST, bytes);
    }

    public static SpaceLimit leaveFree(long bytes) {
        return new SpaceLimit(Kind.LEAVE_FREE, bytes);
    }

    /**
     * Parses MooseFS's size syntax {@code [0-9]*(.[0-9]*)?([kMGTPE]|[KMGTPE]i)?B?}: decimal suffixes are powers of
     * 1000, {@code i} suffixes powers of 1024 (there is no plain {@code K}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static long parseSize(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        String number = text.substring(0, i);
        if (number.isEmpty() || number.equals(".")) {
            throw new IllegalArgumentException("not a size: '" + text + "'");
        }
        double value = Double.parseDouble(number);
        String unit = text.substring(i);
        if (unit.endsWith("B")) {
            unit = unit.substring(0, unit.length() - 1);
        }
        double factor = switch (unit) {
            case "" -> 1;
            case "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            case "P" -> 1e15;
            case "E" -> 1e18;
            case "Ki" -> 0x1p10;
            case "Mi" -> 0x1p20;
            case "Gi" -> 0x1p30;
            case "Ti" -> 0x1p40;
            case "Pi" -> 0x1p50;
            case "Ei" -> 0x1p60;
            default -> throw new IllegalArgumentException("unknown size unit in '" + text + "'");
        };
        double bytes = value * factor;
        if (bytes >= 0x1p63) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return Math.round(bytes);
    }
}
