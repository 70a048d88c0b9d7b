package io.jmfs.master.sessions;

import io.jmfs.master.exports.ExportGrant;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the session entries of a changelog line back into {@link SessionChange}s for replay: the inverse of
 * {@link SessionChange#changelogText()}. Accepts the older forms MooseFS's replay accepts too: SESADD/SESCHANGED
 * without {@code #checksum}, without umask and without disables (then 0).
 */
public final class SessionChangelog {
    private SessionChangelog() {
    }

    /**
     * Parses the text after {@code "<version>: <unixtime>|"}; empty if it is not a session entry, an
     * {@link IllegalArgumentException} if it is one but malformed.
     */
    public static Optional<SessionChange> parse(String entry) {
        int open = entry.indexOf('(');
        if (open < 0) {
            return Optional.empty();
        }
        String op = entry.substring(0, open);
        if (!op.equals("SESADD") && !op.equals("SESCHANGED") && !op.equals("SESDEL") && !op.equals("SESDISCONNECTED")) {
            return Optional.empty();
        }
        int close = entry.lastIndexOf(')');
        if (close < open) {
            throw new IllegalArgumentException("unterminated " + op + ": " + entry);
        }
        Fields f = new Fields(entry.substring(open + 1, close), entry);
        String result = entry.substring(close + 1);
        return Optional.of(switch (op) {
            case "SESDEL" -> new SessionChange.Deleted(f.lastU32());
            case "SESDISCONNECTED" -> new SessionChange.Disconnected(f.lastU32());
            case "SESCHANGED" -> {
                int id = f.u32();
                Body b = body(f);
                expectEmpty(result, entry);
                yield new SessionChange.Changed(id, b.grant, b.rootInode, b.peer, b.info);
            }
            default -> {
                Body b = body(f);
                if (!result.startsWith(":")) {
                    throw new IllegalArgumentException("SESADD without its session id: " + entry);
                }
                yield new SessionChange.Added(Fields.parseU32(result.substring(1), entry), b.grant, b.rootInode, b.peer, b.info);
            }
        });
    }

    private record Body(ExportGrant grant, int rootInode, int peer, String info) {
    }

    private static Body body(Fields f) {
        long csum = f.peek().startsWith("#") ? Long.parseUnsignedLong(f.next().substring(1)) : 0;
        int rootInode = f.u32();
        int sesflags = f.u32();
        int umask = 0;
        if (f.peek().startsWith("0") && f.peek().length() == 4) {
            umask = Integer.parseInt(f.next(), 8);
        }
        int rootUid = f.u32();
        int rootGid = f.u32();
        int mapAllUid = f.u32();
        int mapAllGid = f.u32();
        int minGoal = f.u32();
        int maxGoal = f.u32();
        long minTrash = Integer.toUnsignedLong(f.u32());
        long maxTrash = Integer.toUnsignedLong(f.u32());
        int disables = f.peek().startsWith("0x") ? Integer.parseUnsignedInt(f.next().substring(2), 16) : 0;
        int peer = f.u32();
        String info = unescape(f.rest());
        ExportGrant grant = new ExportGrant(csum, rootInode == 0, sesflags, umask, rootUid, rootGid, mapAllUid,
                mapAllGid, minGoal, maxGoal, minTrash, maxTrash, disables);
        return new Body(grant, rootInode, peer, info);
    }

    private static void expectEmpty(String rest, String entry) {
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unexpected result in " + entry);
        }
    }

    /** {@code %XX} back to bytes; info strings hold bytes as ISO-8859-1 characters. */
    private static String unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Comma-separated arguments; the last one (info) may not contain commas, since they are escaped. */
    private static final class Fields {
        private final String[] parts;
        private final String entry;
        private int next;

        Fields(String args, String entry) {
            this.parts = args.split(",", -1);
            this.entry = entry;
        }

        String peek() {
            if (next >= parts.length) {
                throw new IllegalArgumentException("too few arguments in " + entry);
            }
            return parts[next];
        }

        String next() {
            String p = peek();
            next++;
            return p;
        }

        int u32() {
            return parseU32(next(), entry);
        }

        int lastU32() {
            int v = u32();
            if (next != parts.length) {
                throw new IllegalArgumentException("too many arguments in " + entry);
            }
            return v;
        }

        String rest() {
            String p = next();
            if (next != parts.length) {
                throw new IllegalArgumentException("too many arguments in " + entry);
            }
            return p;
        }

        static int parseU32(String text, String entry) {
            try {
                return Integer.parseUnsignedInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an unsigned 32-bit number '" + text + "' in " + entry, e);
            }
        }
    }
}
