package io.jmfs.master.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Network distance from {@code mfstopology.cfg}: each line maps an address range to a rack, written as a path
 * of names separated by {@code |} (e.g. {@code dc1|row2|rack3}; a plain number is a one-level path).
 *
 * <p>Grammar, one definition per line ({@code #} starts a comment):
 * <pre>
 *   line    = net WS rack [WS] ['#' comment]
 *   net     = '*' | ip | ip '/' bits | ip '/' ip-mask | ip '-' ip
 *   rack    = name ('|' name)*
 * </pre>
 * Distance, as MooseFS computes it: 0 for the same address, 1 for the same rack (addresses no line covers share
 * the unnamed rack), otherwise 2 plus the number of path levels below the deepest common level of the two rack
 * paths (the larger of the two sides). When ranges overlap the later line wins.
 */
public final class Topology {
    public static final Topology EMPTY = new Topology(List.of());

    private record Range(long from, long to, String rack) {
    }

    private final List<Range> ranges;

    private Topology(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses the file's text; malformed lines are errors naming the line number. */
    public static Topology parse(String text) {
        Objects.requireNonNull(text);
        List<Range> ranges = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[ \t]+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("mfstopology line " + (i + 1) + ": expected 'network rack', got '"
                        + lines[i] + "'");
            }
            long[] range;
            try {
                range = parseNet(parts[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mfstopology line " + (i + 1) + ": " + e.getMessage(), e);
            }
            ranges.add(new Range(range[0], range[1], parts[1]));
        }
        return new Topology(ranges);
    }

    private static long[] parseNet(String net) {
        if (net.equals("*")) {
            return new long[] {0, 0xFFFF_FFFFL};
        }
        int slash = net.indexOf('/');
        int dash = net.indexOf('-');
        if (slash >= 0) {
            long ip = parseIp(net.substring(0, slash));
            String m = net.substring(slash + 1);
            long mask;
            if (m.contains(".")) {
                mask = parseIp(m);
            } else {
                int bits = parseBits(m);
                mask = bits == 0 ? 0 : (0xFFFF_FFFFL << (32 - bits)) & 0xFFFF_FFFFL;
            }
            long from = ip & mask;
            return new long[] {from, from | (~mask & 0xFFFF_FFFFL)};
        }
        if (dash >= 0) {
            long from = parseIp(net.substring(0, dash));
            long to = parseIp(net.substring(dash + 1));
            if (to < from) {
                throw new IllegalArgumentException("empty address range " + net);
            }
            return new long[] {from, to};
        }
        long ip = parseIp(net);
        return new long[] {ip, ip};
    }

    private static int parseBits(String s) {
        try {
            int bits = Integer.parseInt(s);
            if (bits < 0 || bits > 32) {
                throw new IllegalArgumentException("netmask bits out of range: " + s);
            }
            return bits;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad netmask: " + s, e);
        }
    }

    /** Dotted quad to an unsigned value. */
    public static long parseIp(String s) {
        String[] octets = s.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("bad IPv4 address: " + s);
        }
        long ip = 0;
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad IPv4 address: " + s);
            }
            int v = Integer.parseInt(o);
            if (v > 255) {
                throw new IllegalArgumentException("bad IPv4 address: " + s);
            }
            ip = ip << 8 | v;
        }
        return ip;
    }

    /** The rack path of an address, or {@code null} for the unnamed rack. */
    public String rackOf(int ip) {
        long u = Integer.toUnsignedLong(ip);
        for (int i = ranges.size() - 1; i >= 0; i--) {
            Range r = ranges.get(i);
            if (u >= r.from && u <= r.to) {
                return r.rack;
            }
        }
        return null;
    }

    /** Topological distance between two IPv4 addresses (big-endian ints). */
    public int distance(int ip1, int ip2) {
        if (ip1 == ip2) {
            return 0;
        }
        String r1 = rackOf(ip1);
        String r2 = rackOf(ip2);
        if (Objects.equals(r1, r2)) {
            return 1;
        }
        int common = commonPrefixEnd(r1, r2);
        return 2 + Math.max(levelsBelow(r1, common), levelsBelow(r2, common));
    }

    /** Index just after the last '|' both paths share as a whole level (0 when they share none). */
    private static int commonPrefixEnd(String a, String b) {
        if (a == null || b == null) {
            return 0;
        }
        int lastBar = 0;
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return lastBar;
            }
            if (a.charAt(i) == '|') {
                lastBar = i + 1;
            }
        }
        // one path is a prefix of the other: it counts as a common level only if the longer one continues with '|'
        String longer = a.length() > b.length() ? a : b;
        if (longer.length() > n && longer.charAt(n) == '|') {
            return n + 1;
        }
        return lastBar;
    }

    private static int levelsBelow(String rack, int from) {
        if (rack == null) {
            return 0;
        }
        int bars = 0;
        for (int i = Math.min(from, rack.length()); i < rack.length(); i++) {
            if (rack.charAt(i) == '|') {
                bars++;
            }
        }
        return bars;
    }
}
