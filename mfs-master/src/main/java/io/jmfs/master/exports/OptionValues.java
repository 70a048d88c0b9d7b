package io.jmfs.master.exports;

import java.util.Locale;

/** Parsers for the values of {@code mfsexports.cfg} options; each throws {@link IllegalArgumentException}. */
final class OptionValues {
    private static final String TIME_UNITS = "WDHMS";
    private static final long[] UNIT_SECONDS = {604800, 86400, 3600, 60, 1};

    private OptionValues() {
    }

    /** A goal: one digit 1..9. */
    static int goal(String text) {
        if (text.length() != 1 || text.charAt(0) < '1' || text.charAt(0) > '9') {
            throw new IllegalArgumentException("a goal is a single digit 1..9, got '" + text + "'");
        }
        return text.charAt(0) - '0';
    }

    /** An umask: exactly four octal digits starting with 0 ({@code 0022}). */
    static int umask(String text) {
        if (text.length() != 4 || text.charAt(0) != '0' || !text.chars().allMatch(c -> c >= '0' && c <= '7')) {
            throw new IllegalArgumentException("an umask is written as 0 and three octal digits (0022), got '" + text + "'");
        }
        return Integer.parseInt(text, 8);
    }

    /**
     * A duration in seconds: a plain number, or numbers with units W, D, H, M, S (any case) from the most to the
     * least significant, each unit at most once ({@code 2h30m}, {@code 1w}); at most 4294967295 seconds.
     */
    static long duration(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (t.chars().allMatch(OptionValues::isDigit)) {
            return boundedSeconds(parseNumber(t, text), text);
        }
        long total = 0;
        int nextUnit = 0;
        int i = 0;
        while (i < t.length()) {
            int start = i;
            while (i < t.length() && isDigit(t.charAt(i))) {
                i++;
            }
            if (start == i || i == t.length()) {
                throw new IllegalArgumentException("bad duration '" + text + "': expected a number followed by W, D, H, M or S");
            }
            int unit = TIME_UNITS.indexOf(t.charAt(i));
            if (unit < 0) {
                throw new IllegalArgumentException("bad duration '" + text + "': unknown unit '" + text.charAt(i) + "'");
            }
            if (unit < nextUnit) {
                throw new IllegalArgumentException("bad duration '" + text + "': units must go from weeks down to seconds, each once");
            }
            total = boundedSeconds(total + parseNumber(t.substring(start, i), text) * UNIT_SECONDS[unit], text);
            nextUnit = unit + 1;
            i++;
        }
        return total;
    }

    /** A minimum client version {@code X}, {@code X.Y} or {@code X.Y.Z}, encoded as clients send versions. */
    static int version(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("a version is X, X.Y or X.Y.Z, got '" + text + "'");
        }
        int[] v = new int[3];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(OptionValues::isDigit)) {
                throw new IllegalArgumentException("a version is X, X.Y or X.Y.Z, got '" + text + "'");
            }
            v[i] = Integer.parseInt(parts[i]);
        }
        return ClientVersions.encode(v[0], v[1], v[2]);
    }

    /** An unsigned 32-bit id given as digits, or empty when the text is not all digits (a name then). */
    static java.util.OptionalLong numericId(String text) {
        if (text.isEmpty() || !text.chars().allMatch(OptionValues::isDigit)) {
            return java.util.OptionalLong.empty();
        }
        if (text.length() > 10 || Long.parseLong(text) > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("id above 4294967295: " + text);
        }
        return java.util.OptionalLong.of(Long.parseLong(text));
    }

    private static long parseNumber(String digits, String whole) {
        if (digits.length() > 12) {
            throw new IllegalArgumentException("duration too long (more than 4294967295 seconds): '" + whole + "'");
        }
        return Long.parseLong(digits);
    }

    private static long boundedSeconds(long seconds, String text) {
        if (seconds > ExportRule.MAX_TRASH_TIME) {
            throw new IllegalArgumentException("duration too long (more than 4294967295 seconds): '" + text + "'");
        }
        return seconds;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
