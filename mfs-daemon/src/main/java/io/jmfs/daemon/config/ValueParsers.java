package io.jmfs.daemon.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value types MooseFS config files use.
 *
 * <p>Integers follow MooseFS's reading of numbers (C's {@code strtol} with base 0): {@code 0x1F} is hexadecimal and a
 * leading {@code 0} means octal, which is how {@code FILE_UMASK = 027} works. Unlike MooseFS, anything that is not
 * entirely a number is refused instead of silently read as 0.
 */
public final class ValueParsers {

    private static final Pattern HOST = Pattern.compile("\\*|[A-Za-z0-9:]([A-Za-z0-9._:%-]*[A-Za-z0-9])?");
    private static final Pattern SIZE = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)([kMGTPE]|[KMGTPE]i)?B?");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private ValueParsers() {
    }

    /** An integer in {@code [min, max]}. */
    public static ValueParser<Integer> integer(int min, int max) {
        return text -> {
            long value = parseLong(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("'" + text + "' is out of range: expected " + min + " to " + max);
            }
            return (int) value;
        };
    }

    /** A non-negative integer up to {@code max}, such as MooseFS's {@code uint32} settings. */
    public static ValueParser<Long> unsigned(long max) {
        return text -> {
            long value = parseLong(text);
            if (value < 0 || value > max) {
                throw new IllegalArgumentException("'" + text + "' is out of range: expected 0 to " + max);
            }
            return value;
        };
    }

    /** A switch written as {@code 0} or {@code 1}. */
    public static ValueParser<Boolean> flag() {
        return text -> switch (text) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new IllegalArgumentException("'" + text + "' is not a switch: expected 0 or 1");
        };
    }

    /** A decimal number in {@code [min, max]}. */
    public static ValueParser<Double> decimal(double min, double max) {
        return text -> {
            if (!DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a decimal number");
            }
            double value = Double.parseDouble(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("'" + text + "' is out of range: expected " + min + " to " + max);
            }
            return value;
        };
    }

    /** A TCP port number, 1 to 65535. */
    public static ValueParser<Integer> port() {
        return text -> {
            long value;
            try {
                value = parseLong(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a port number", e);
            }
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("'" + text + "' is not a port number: expected 1 to 65535");
            }
            return (int) value;
        };
    }

    /** A host name or IP address, or {@code *} for any local address. */
    public static ValueParser<String> host() {
        return text -> {
            if (!HOST.matcher(text).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a host name, an IP address or '*'");
            }
            return text;
        };
    }

    /** Any text, including none. */
    public static ValueParser<String> text() {
        return text -> text;
    }

    /** Text that must not be empty (user and group names, syslog ident). */
    public static ValueParser<String> nonEmptyText() {
        return text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a value is required");
            }
            return text;
        };
    }

    /** A file system path. */
    public static ValueParser<Path> path() {
        return text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a path is required");
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + text + "' is not a valid path: " + e.getReason(), e);
            }
        };
    }

    /**
     * A byte count written as MooseFS does: {@code [0-9]*(.[0-9]*)?([kMGTPE]|[KMGTPE]i)?B?}, SI prefixes for
     * {@code k M G T P E} and binary ones for {@code Ki Mi ...} (e.g. {@code 256MiB}, {@code 0.5GB}, {@code 1256M}).
     */
    public static ValueParser<Long> byteSize() {
        return text -> {
            Matcher m = SIZE.matcher(text);
            if (text.isEmpty() || !m.matches() || m.group(1).isEmpty() || m.group(1).equals(".")) {
                throw new IllegalArgumentException("'" + text + "' is not a size such as 256MiB, 0.5GB or 1024");
            }
            double number = Double.parseDouble(m.group(1));
            double multiplier = multiplier(m.group(2));
            double bytes = number * multiplier;
            if (bytes >= 0x1p63) {
                throw new IllegalArgumentException("'" + text + "' is too large");
            }
            return (long) bytes;
        };
    }

    /**
     * Four non-negative limits written either as one number (used for all four) or as four comma-separated
     * numbers, as in {@code CHUNKS_WRITE_REP_LIMIT = 2,1,1,4}.
     */
    public static ValueParser<List<Integer>> fourLimits() {
        return text -> {
            String[] parts = text.split(",", -1);
            if (parts.length != 1 && parts.length != 4) {
                throw new IllegalArgumentException("'" + text + "' should be one number or four numbers separated by commas");
            }
            ValueParser<Integer> one = integer(0, Integer.MAX_VALUE);
            if (parts.length == 1) {
                int value = one.parse(parts[0].strip());
                return List.of(value, value, value, value);
            }
            return List.of(one.parse(parts[0].strip()), one.parse(parts[1].strip()),
                    one.parse(parts[2].strip()), one.parse(parts[3].strip()));
        };
    }

    private static double multiplier(String prefix) {
        if (prefix == null) {
            return 1;
        }
        boolean binary = prefix.length() == 2;
        int power = switch (prefix.toUpperCase(Locale.ROOT).charAt(0)) {
            case 'K' -> 1;
            case 'M' -> 2;
            case 'G' -> 3;
            case 'T' -> 4;
            case 'P' -> 5;
            case 'E' -> 6;
            default -> throw new IllegalStateException("pattern admits no other prefix: " + prefix);
        };
        return Math.pow(binary ? 1024 : 1000, power);
    }

    /** Reads an integer the way MooseFS does (base 0: hex with 0x, octal with a leading 0), but strictly. */
    static long parseLong(String text) {
        String digits = text;
        boolean negative = false;
        if (digits.startsWith("-") || digits.startsWith("+")) {
            negative = digits.charAt(0) == '-';
            digits = digits.substring(1);
        }
        int radix = 10;
        if (digits.length() > 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
            throw new IllegalArgumentException("'" + text + "' is not an integer");
        }
        try {
            long value = Long.parseLong(digits, radix);
            return negative ? -value : value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an integer"
                    + (radix == 8 ? " (a leading 0 means octal)" : ""), e);
        }
    }
}
