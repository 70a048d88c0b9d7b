package io.jmfs.master.exports;

/**
 * An inclusive range of IPv4 addresses, each held as the unsigned value of a 32-bit {@code int}.
 *
 * <p>Textual forms accepted by {@link #parse}, as in {@code mfsexports.cfg}: {@code *} (every address),
 * {@code a.b.c.d}, {@code a.b.c.d/bits}, {@code a.b.c.d/m.m.m.m} (network and mask; host bits of the address are
 * ignored) and {@code a.b.c.d-e.f.g.h} (inclusive). Host names are not accepted here.
 */
public record Ipv4Range(int from, int to) {

    public static final Ipv4Range ALL = new Ipv4Range(0, -1);

    public Ipv4Range {
        if (Integer.compareUnsigned(from, to) > 0) {
            throw new IllegalArgumentException("range starts after it ends: " + format(from) + "-" + format(to));
        }
    }

    public boolean contains(int address) {
        return Integer.compareUnsigned(address, from) >= 0 && Integer.compareUnsigned(address, to) <= 0;
    }

    /** Parses one address specification; a malformed one is an {@link IllegalArgumentException} naming the problem. */
    public static Ipv4Range parse(String text) {
        if (text.equals("*")) {
            return ALL;
        }
        int slash = text.indexOf('/');
        if (slash >= 0) {
            int network = parseAddress(text.substring(0, slash));
            int mask = parseMask(text.substring(slash + 1));
            int first = network & mask;
            return new Ipv4Range(first, first | ~mask);
        }
        int dash = text.indexOf('-');
        if (dash >= 0) {
            return new Ipv4Range(parseAddress(text.substring(0, dash)), parseAddress(text.substring(dash + 1)));
        }
        int single = parseAddress(text);
        return new Ipv4Range(single, single);
    }

    private static int parseMask(String text) {
        if (!text.isEmpty() && text.chars().allMatch(Ipv4Range::isDigit)) {
            if (text.length() > 2 || Integer.parseInt(text) > 32) {
                throw new IllegalArgumentException("netmask bits must be 0..32: " + text);
            }
            int bits = Integer.parseInt(text);
            return bits == 0 ? 0 : -1 << (32 - bits);
        }
        return parseAddress(text);
    }

    /** Parses a dotted quad {@code a.b.c.d} (each part 0..255) into its unsigned 32-bit value. */
    public static int parseAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Ipv4Range::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("IPv4 address part above 255: '" + text + "'");
            }
            value = value << 8 | octet;
        }
        return value;
    }

    public static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    @Override
    public String toString() {
        return from == to ? format(from) : format(from) + "-" + format(to);
    }
}
