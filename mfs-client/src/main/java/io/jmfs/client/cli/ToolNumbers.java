package io.jmfs.client.cli;

/**
 * How the MooseFS tools print and read numbers ({@code print_number}, {@code my_get_number} and
 * {@code parse_period} of mfstools): plain right-aligned, in k/M/G units (numbermode, -k -m -g), or humanized with
 * IEC (humode 1, -h) or SI (humode 2) prefixes, 3 and 4 adding the exact number; an undefined value is a right-aligned
 * "-". Numbers are unsigned 64-bit.
 */
final class ToolNumbers {
    private final int humode;
    private final int numbermode;

    ToolNumbers(int humode, int numbermode) {
        this.humode = humode;
        this.numbermode = numbermode;
    }

    /** The human mode of $MFSHRFORMAT (0..4, h, h+, H, H+), as the real tools read it; 0 when unset or unknown. */
    static int humodeFromEnvironment(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        char c = value.charAt(0);
        boolean plus = value.length() > 1 && value.charAt(1) == '+';
        if (c >= '0' && c <= '4') {
            return c - '0';
        }
        return c == 'h' ? (plus ? 3 : 1) : c == 'H' ? (plus ? 4 : 2) : 0;
    }

    /** {@code print_number(NULL, NULL, number, mode32, bytes, defined)}. */
    String format(long number, boolean mode32, boolean bytes, boolean defined) {
        if (!defined) {
            int width = switch (humode) {
                case 0 -> switch (numbermode) {
                    case 1 -> mode32 ? 7 : 17;
                    case 2 -> mode32 ? 4 : 14;
                    case 3 -> mode32 ? 1 : 11;
                    default -> mode32 ? 10 : 20;
                };
                case 1 -> 6;
                case 2 -> 5;
                case 3 -> mode32 ? 19 : 29;
                default -> mode32 ? 18 : 28;
            };
            return " ".repeat(width - 1) + "-";
        }
        if (mode32) {
            number &= 0xFFFFFFFFL;
        }
        if (humode > 0) {
            boolean iec = humode == 1 || humode == 3;
            String h = humanized(number, !iec);
            String s = bytes ? String.format(iec ? "%5sB" : "%4sB", h) : String.format(iec ? " %5s" : " %4s", h);
            if (humode > 2) {
                s += mode32 ? String.format(" (%10s)", Long.toUnsignedString(number))
                        : String.format(" (%20s)", Long.toUnsignedString(number));
            }
            return s;
        }
        return switch (numbermode) {
            case 1 -> String.format(mode32 ? "%7s" : "%17s", Long.toUnsignedString(Long.divideUnsigned(number, 1L << 10)));
            case 2 -> String.format(mode32 ? "%4s" : "%14s", Long.toUnsignedString(Long.divideUnsigned(number, 1L << 20)));
            case 3 -> String.format(mode32 ? "%1s" : "%11s", Long.toUnsignedString(Long.divideUnsigned(number, 1L << 30)));
            default -> String.format(mode32 ? "%10s" : "%20s", Long.toUnsignedString(number));
        };
    }

    /** {@code print_humanized_number}'s text: up to three digits (or d.d) and a unit letter, "i" after IEC ones. */
    static String humanized(long number, boolean si) {
        long divisor = si ? 1000 : 1024;
        int scale;
        if (Long.compareUnsigned(number, Long.divideUnsigned(-1L, 100)) > 0) {
            number = Long.divideUnsigned(number, divisor) * 100;
            scale = 1;
        } else {
            number *= 100;
            scale = 0;
        }
        while (Long.compareUnsigned(number, 99950) >= 0) {
            number = Long.divideUnsigned(number, divisor);
            scale++;
        }
        StringBuilder sb = new StringBuilder();
        if (number < 995 && scale > 0) {
            int b = (int) ((number + 5) / 10);
            sb.append(b / 10).append('.').append(b % 10);
        } else {
            int b = (int) ((number + 50) / 100);
            sb.append(b);
        }
        if (scale > 0) {
            sb.append((si ? "-kMGTPE" : "-KMGTPE").charAt(scale));
            if (!si) {
                sb.append('i');
            }
        }
        return sb.toString();
    }

    /**
     * {@code my_get_number}: digits with an optional fraction, then nothing, k M G T P E (powers of 1000) or Ki Mi
     * Gi Ti Pi Ei (of 1024), with an optional B when {@code bytes}. Throws when malformed or above {@code max}
     * (unsigned).
     */
    static long parse(String text, long max, boolean bytes) {
        int i = 0;
        long whole = 0; // unsigned, wrapping as the C tool's uint64_t does
        long frac = 0;
        long fracDiv = 1;
        boolean digits = false;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            whole = whole * 10 + (text.charAt(i++) - '0');
            digits = true;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            i++;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                fracDiv *= 10;
                frac = frac * 10 + (text.charAt(i++) - '0');
            }
            if (fracDiv == 1) {
                throw new IllegalArgumentException(text);
            }
        } else if (!digits) {
            throw new IllegalArgumentException(text);
        }
        double value = (double) frac / (double) fracDiv + unsignedToDouble(whole);
        String unit = text.substring(i);
        if (bytes && unit.endsWith("B")) {
            unit = unit.substring(0, unit.length() - 1);
        }
        double mult = switch (unit) {
            case "" -> 1;
            case "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            case "P" -> 1e15;
            case "E" -> 1e18;
            case "Ki" -> 1024.0;
            case "Mi" -> 1048576.0;
            case "Gi" -> 1073741824.0;
            case "Ti" -> 1099511627776.0;
            case "Pi" -> 1125899906842624.0;
            case "Ei" -> 1152921504606846976.0;
            default -> throw new IllegalArgumentException(text);
        };
        double result = Math.rint(value * mult);
        double limit = max == -1L ? 18446744073709551615.0 : (double) max;
        if (result > limit || result >= 18446744073709551616.0) {
            throw new IllegalArgumentException(text);
        }
        return result >= 9223372036854775808.0 ? (long) (result - 9223372036854775808.0) ^ Long.MIN_VALUE
                : (long) result;
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** {@code parse_period}: a number with an optional s/m/h/d/w unit, in seconds, capped to 32 bits. */
    static int parsePeriod(String text) {
        int i = 0;
        double base = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            base = base * 10 + (text.charAt(i++) - '0');
        }
        if (i < text.length() && text.charAt(i) == '.') {
            i++;
            double div = 0.1;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                base += (text.charAt(i++) - '0') * div;
                div /= 10;
            }
        }
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i < text.length()) {
            switch (text.charAt(i)) {
                case 's' -> i++;
                case 'm' -> { i++; base *= 60; }
                case 'h' -> { i++; base *= 3600; }
                case 'd' -> { i++; base *= 86400; }
                case 'w' -> { i++; base *= 604800; }
                default -> { }
            }
        }
        if (i != text.length()) {
            throw new IllegalArgumentException(text);
        }
        if (base >= 4294967295.0) {
            return -1;
        }
        return base <= 0 ? 0 : (int) (long) base;
    }
}
