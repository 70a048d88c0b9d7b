package io.jmfs.daemon.config;

/**
 * MooseFS's size syntax in configuration files ({@code mfshdd.cfg} limits, {@code RESERVE_SPACE}):
 * {@code [0-9]*(.[0-9]*)?([kMGTPE]|[KMGTPE]i)?B?}. Decimal suffixes are powers of 1000, {@code i} suffixes powers
 * of 1024; there is no plain {@code K}.
 */
public final class SizeText {
    private SizeText() {
    }

    /**
     * The size in bytes, rounded to the nearest byte.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static long parse(String text) {
        int end = numberEnd(text);
        String number = text.substring(0, end);
        if (number.isEmpty() || number.equals(".")) {
            throw new IllegalArgumentException("not a size: '" + text + "'");
        }
        String unit = text.substring(end);
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
        double bytes = Double.parseDouble(number) * factor;
        if (bytes >= 0x1p63) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return Math.round(bytes);
    }

    /** Where the leading {@code digits[.digits]} of {@code text} end. */
    public static int numberEnd(String text) {
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
        return i;
    }
}
