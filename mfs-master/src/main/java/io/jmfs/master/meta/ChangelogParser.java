package io.jmfs.master.meta;

import io.jmfs.master.chunks.ChunkChange;
import io.jmfs.master.cluster.CsdbChange;
import io.jmfs.master.fs.change.Change;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.master.sessions.SessionChange;
import io.jmfs.master.sessions.SessionChangelog;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a changelog line ({@code <version>: <ts>|OP(args)[:result]}) back into a typed {@link LoggedChange}: the
 * inverse of each record's {@code toString()}. Names are unescaped ({@code %XX}). Anything malformed, or an
 * operation jmfs does not replay, is an {@link IllegalArgumentException} with the reason.
 */
public final class ChangelogParser {

    /** A parsed line. */
    public record Line(long version, LoggedChange change) {
    }

    private ChangelogParser() {
    }

    public static Line parse(String line) {
        int colon = line.indexOf(": ");
        if (colon <= 0) {
            throw new IllegalArgumentException("no '<version>: ' prefix");
        }
        long version;
        try {
            version = Long.parseUnsignedLong(line.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad version '" + line.substring(0, colon) + "'");
        }
        String rest = line.substring(colon + 2);
        int bar = rest.indexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("no '<timestamp>|' before the operation");
        }
        int ts = u32(rest.substring(0, bar));
        return new Line(version, entry(ts, rest.substring(bar + 1)));
    }

    static LoggedChange entry(int ts, String entry) {
        Optional<SessionChange> session = SessionChangelog.parse(entry);
        if (session.isPresent()) {
            return new LoggedChange.Session(ts, session.get());
        }
        int open = entry.indexOf('(');
        int close = entry.lastIndexOf(')');
        if (open <= 0 || close < open) {
            throw new IllegalArgumentException("no 'OP(...)' in '" + entry + "'");
        }
        String op = entry.substring(0, open);
        String[] a = args(entry.substring(open + 1, close));
        String result = entry.substring(close + 1);
        String[] r = result.isEmpty() ? new String[0] : result.startsWith(":") ? result.substring(1).split(",", -1)
                : null;
        if (r == null) {
            throw new IllegalArgumentException("garbage after ')': '" + result + "'");
        }
        Parsed p = new Parsed(op, a, r);
        return switch (op) {
            case "CREATE" -> fs(new Change.Create(ts, p.u32(0), p.name(1), p.i(2), p.i(3), p.i(4), p.u32(5), p.u32(6),
                    p.u32(7), p.result32(0)), p, 8, 1);
            case "SYMLINK" -> fs(new Change.Symlink(ts, p.u32(0), p.name(1), p.name(2), p.u32(3), p.u32(4),
                    p.result32(0)), p, 5, 1);
            case "UNLINK" -> fs(new Change.Unlink(ts, p.u32(0), p.name(1), p.result32(0)), p, 2, 1);
            case "MOVE" -> fs(new Change.Move(ts, p.u32(0), p.name(1), p.u32(2), p.name(3), p.result32(0)), p, 4, 1);
            case "LINK" -> fs(new Change.Link(ts, p.u32(0), p.u32(1), p.name(2)), p, 3, 0);
            case "ATTR" -> attr(ts, p);
            // older masters log LENGTH without canmodmtime (then 1)
            case "LENGTH" -> fs(new Change.Length(ts, p.u32(0), p.u64(1), p.a().length < 3 || p.i(2) != 0), p,
                    p.a().length == 2 ? 2 : 3, 0);
            case "ACCESS" -> fs(new Change.Access(ts, p.u32(0)), p, 1, 0);
            case "AMTIME" -> fs(new Change.Amtime(ts, p.u32(0), p.u32(1), p.u32(2), p.u32(3)), p, 4, 0);
            case "SETXATTR" -> fs(new Change.SetXattr(ts, p.u32(0), p.name(1), p.name(2), p.i(3)), p, 4, 0);
            case "SETTRASHTIME" -> fs(new Change.SetTrashTime(ts, p.u32(0), p.u32(1), p.u32(2), p.i(3), p.result32(0),
                    p.result32(1), p.result32(2)), p, 4, 3);
            case "SETSCLASS" -> fs(new Change.SetSclass(ts, p.u32(0), p.u32(1), p.i(2), p.i(3), p.i(4), p.result32(0),
                    p.result32(1), p.result32(2)), p, 5, 3);
            case "SETEATTR" -> fs(new Change.SetEattr(ts, p.u32(0), p.u32(1), p.i(2), p.i(3), p.result32(0),
                    p.result32(1), p.result32(2)), p, 4, 3);
            case "ARCHCHG" -> fs(new Change.ArchChg(ts, p.u32(0), p.u32(1), p.i(2), p.resultU64(0), p.resultU64(1),
                    p.result32(2)), p, 3, 3);
            case "EMPTYTRASH" -> fs(new Change.EmptyTrash(ts, p.i(0), p.result32(0), p.result32(1), p.result32(2)),
                    p, 1, 3);
            case "EMPTYSUSTAINED" -> fs(new Change.EmptySustained(ts, p.i(0), p.result32(0), p.result32(1)), p, 1, 2);
            case "FREEINODES" -> fs(new Change.FreeInodes(ts, p.i(0), p.result32(0), p.result32(1), p.result32(2)),
                    p, 1, 3);
            case "PURGE" -> fs(new Change.Purge(ts, p.u32(0)), p, 1, 0);
            // MooseFS logs (and replays) the session id first
            case "ACQUIRE" -> fs(new Change.Acquire(ts, p.u32(1), p.u32(0)), p, 2, 0);
            case "RELEASE" -> fs(new Change.Release(ts, p.u32(1), p.u32(0)), p, 2, 0);
            case "SETFILECHUNK" -> fs(new Change.SetFileChunk(ts, p.u32(0), p.i(1), p.u64(2)), p, 3, 0);
            case "SNAPSHOT" -> new LoggedChange.Fs(snapshot(ts, p));
            // older masters log APPEND(inode,srcinode) for the whole source file
            case "APPEND" -> p.a().length == 2
                    ? fs(new Change.Append(ts, p.u32(0), p.u32(1), Change.Append.WHOLE_FILE_FROM,
                            Change.Append.WHOLE_FILE_TO), p, 2, 0)
                    : fs(new Change.Append(ts, p.u32(0), p.u32(1), p.u32(2), p.u32(3)), p, 4, 0);
            case "WRITE" -> write(ts, p);
            case "TRUNC" -> chunk(new ChunkChange.Trunc(ts, p.u32(0), p.u32(1), p.resultU64()), p, 2, 1);
            case "ROLLBACK" -> chunk(new ChunkChange.Rollback(ts, p.u32(0), p.u32(1), p.u64(2), p.u64(3)), p, 4, 0);
            case "REPAIR" -> chunk(new ChunkChange.Repaired(ts, p.u32(0), p.u32(1), p.result32(0)), p, 2, 1);
            case "SETVERSION" -> chunk(new ChunkChange.VersionSet(ts, p.u64(0), p.u32(1)), p, 2, 0);
            case "INCVERSION" -> chunk(new ChunkChange.VersionIncreased(ts, p.u64(0)), p, 1, 0);
            case "NEXTCHUNKID" -> chunk(new ChunkChange.NextChunkId(ts, p.u64(0)), p, 1, 0);
            case "UNLOCK" -> chunk(new ChunkChange.Unlocked(ts, p.u64(0)), p, 1, 0);
            case "CHUNKADD" -> chunk(new ChunkChange.Adopted(ts, p.u64(0), p.u32(1), p.u32(2)), p, 3, 0);
            case "CHUNKDEL" -> chunk(new ChunkChange.Deleted(ts, p.u64(0), p.u32(1)), p, 2, 0);
            case "CSDBOP" -> {
                p.expect(4, 0);
                int code = p.i(0);
                CsdbChange.Op kind = null;
                for (CsdbChange.Op o : CsdbChange.Op.values()) {
                    if (o.code() == code) {
                        kind = o;
                    }
                }
                if (kind == null) {
                    throw new IllegalArgumentException("CSDBOP with unknown operation " + code);
                }
                yield new LoggedChange.Csdb(new CsdbChange(ts, kind, p.u32(1), p.i(2), p.u32(3)));
            }
            case "SCSET" -> new LoggedChange.Fs(scset(ts, p));
            case "SCDUP" -> fs(new Change.ScDup(ts, p.name(0), p.name(1), p.result32(0), p.result32(1)), p, 2, 2);
            case "SCREN" -> fs(new Change.ScRen(ts, p.name(0), p.name(1), p.result32(0)), p, 2, 1);
            case "SCDEL" -> fs(new Change.ScDel(ts, p.name(0), p.result32(0)), p, 1, 1);
            case "QUOTA" -> new LoggedChange.Fs(quota(ts, p));
            case "FLOCK", "POSIXLOCK" -> fileLock(ts, p, entry);
            case "SETMETAID" -> {
                p.expect(1, 0);
                yield new LoggedChange.MetaId(ts, p.u64(0));
            }
            default -> throw new IllegalArgumentException("operation " + op + " is not replayed by jmfs");
        };
    }

    /** QUOTA(inode,exceeded,flags,stimestamp,sinodes,hinodes,slength,hlength,ssize,hsize,srealsize,hrealsize[,grace]). */
    private static Change.Quota quota(int ts, Parsed p) {
        if ((p.a().length != 12 && p.a().length != 13) || p.r().length != 0) {
            throw new IllegalArgumentException("QUOTA takes 12 or 13 arguments and no result, not " + p.a().length
                    + " and " + p.r().length);
        }
        int flags = p.u32(2);
        if ((flags & ~0xFF) != 0) {
            throw new IllegalArgumentException("QUOTA flags " + Integer.toUnsignedString(flags) + " are not 8 bits");
        }
        return new Change.Quota(ts, new io.jmfs.master.quota.QuotaDefinition(p.u32(0), p.u32(1) != 0, flags,
                p.u32(3), p.a().length == 13 ? p.u32(12) : 0, p.u32(4), p.u32(5), p.u64(6), p.u64(7), p.u64(8),
                p.u64(9), p.u64(10), p.u64(11)));
    }

    /**
     * SNAPSHOT(src,dstparent,name,smode,sesflags,uid,[gid,...],umask):inodechecksum,removed,same,existing,
     * hardlinks,new as 3.0.117 writes it; also the older single-gid form (uid,gid,umask) without results.
     */
    private static Change.Snapshot snapshot(int ts, Parsed p) {
        String[] a = p.a();
        int[] gids;
        int umaskAt;
        if (a.length > 6 && a[6].startsWith("[")) {
            int end = 6;
            while (end < a.length && !a[end].endsWith("]")) {
                end++;
            }
            if (end >= a.length - 1) {
                throw new IllegalArgumentException("SNAPSHOT: unterminated gid list");
            }
            gids = new int[end - 6 + 1];
            for (int i = 6; i <= end; i++) {
                String g = a[i];
                if (i == 6) {
                    g = g.substring(1);
                }
                if (i == end) {
                    g = g.substring(0, g.length() - 1);
                }
                gids[i - 6] = u32(g);
            }
            umaskAt = end + 1;
        } else {
            gids = new int[] {p.u32(6)};
            umaskAt = 7;
        }
        if (a.length != umaskAt + 1 || (p.r().length != 6 && p.r().length != 0)) {
            throw new IllegalArgumentException("SNAPSHOT takes 8 arguments (a gid list counting as one) and 6 "
                    + "results, not " + (a.length - umaskAt + 7) + " and " + p.r().length);
        }
        boolean results = p.r().length == 6;
        return new Change.Snapshot(ts, p.u32(0), p.u32(1), p.name(2), p.i(3), p.i(4), p.u32(5), gids,
                p.i(umaskAt), results ? p.result32(0) : 0, results ? p.result32(1) : 0, results ? p.result32(2) : 0,
                results ? p.result32(3) : 0, results ? p.result32(4) : 0, results ? p.result32(5) : 0);
    }

    /** SCSET(name,new,Wc,Kk,Aa,mode,archdelay,adminonly,masks...|-):id, masks four per expression. */
    private static Change.ScSet scset(int ts, Parsed p) {
        String[] a = p.a();
        if (a.length < 9) {
            throw new IllegalArgumentException("SCSET takes at least 9 arguments, not " + a.length);
        }
        int create = counted(a[2], 'W');
        int keep = counted(a[3], 'K');
        int archive = counted(a[4], 'A');
        int masks = (create + keep + archive) * LabelExpression.OR_TERMS;
        boolean none = masks == 0 && a.length == 9 && a[8].equals("-");
        p.expect(none ? 9 : 8 + masks, 1);
        List<List<LabelExpression>> lists = new ArrayList<>();
        int at = 8;
        for (int n : new int[] {create, keep, archive}) {
            List<LabelExpression> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(LabelExpression.of(p.u32(at), p.u32(at + 1), p.u32(at + 2),
                        p.u32(at + 3)));
                at += 4;
            }
            lists.add(list);
        }
        StorageClass definition;
        try {
            definition = new StorageClass(p.result32(0),
                    StorageClass.nameOf(p.name(0)), p.i(7) != 0, p.i(5), p.i(6), lists.get(0),
                    lists.get(1), lists.get(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SCSET: " + e.getMessage());
        }
        return new Change.ScSet(ts, p.i(1) != 0, definition);
    }

    private static int counted(String arg, char prefix) {
        if (arg.isEmpty() || arg.charAt(0) != prefix) {
            throw new IllegalArgumentException("SCSET: expected " + prefix + "<count>, got '" + arg + "'");
        }
        return u32(arg.substring(1));
    }

    private static LoggedChange fs(Change c, Parsed p, int args, int results) {
        p.expect(args, results);
        return new LoggedChange.Fs(c);
    }

    private static LoggedChange chunk(ChunkChange c, Parsed p, int args, int results) {
        p.expect(args, results);
        return new LoggedChange.Chunks(c);
    }

    /** WRITE(inode,indx[,opflag[,canmodmtime]]):chunkid; older masters leave the flags out (then 1 and 1). */
    private static LoggedChange write(int ts, Parsed p) {
        int args = Math.max(2, Math.min(4, p.a().length));
        p.expect(args, 1);
        int opflag = args >= 3 ? p.i(2) : 1;
        boolean canModTime = args < 4 || p.i(3) != 0;
        return new LoggedChange.Chunks(new ChunkChange.Write(ts, p.u32(0), p.u32(1), opflag, canModTime,
                p.resultU64()));
    }

    /**
     * ATTR(inode,mode,uid,gid,atime,mtime[,[winattr,]aclmode]): 3.0.117 writes all eight. The ACL mode only matters
     * with POSIX ACLs, which jmfs refuses to load: a line that sets one (bit 12) is refused here too.
     */
    private static LoggedChange attr(int ts, Parsed p) {
        int args = p.a().length;
        if (args < 6 || args > 8) {
            throw new IllegalArgumentException("ATTR takes 6 to 8 arguments, not " + args);
        }
        p.expect(args, 0);
        int winattr = args == 8 ? p.i(6) : 0;
        if (args >= 7 && (p.i(args - 1) & 0x1000) != 0) {
            throw new IllegalArgumentException("ATTR with a POSIX ACL mode: ACLs are not supported by jmfs");
        }
        return new LoggedChange.Fs(new Change.Attr(ts, p.u32(0), p.i(1), p.u32(2), p.u32(3), p.u32(4), p.u32(5),
                winattr));
    }

    private static String[] args(String inside) {
        if (inside.isEmpty()) {
            return new String[0];
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= inside.length(); i++) {
            if (i == inside.length() || inside.charAt(i) == ',') {
                out.add(inside.substring(start, i));
                start = i + 1;
            }
        }
        return out.toArray(String[]::new);
    }

    static int u32(String s) {
        try {
            long v = Long.parseLong(s);
            if (v < Integer.MIN_VALUE || v > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("number out of range: " + s);
            }
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + s + "'");
        }
    }

    /** A lock line, checked field by field although replaying it changes nothing. */
    private static LoggedChange fileLock(int ts, Parsed p, String line) {
        boolean posix = p.op().equals("POSIXLOCK");
        p.expect(posix ? 7 : 4, 0);
        p.u32(0);
        p.u32(1);
        p.u64(2);
        String type = p.a()[3];
        if (!type.equals("R") && !type.equals("W") && !type.equals("U")) {
            throw new IllegalArgumentException(p.op() + ": lock type '" + type + "' is none of R, W, U");
        }
        if (posix) {
            p.u64(4);
            p.u64(5);
            p.u32(6);
        }
        return new LoggedChange.FileLock(ts, line);
    }

    /** %XX-unescapes a name (the inverse of ChangeText.escape). */
    static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("broken %XX escape in '" + s + "'");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("broken %XX escape in '" + s + "'");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0xFF) {
                throw new IllegalArgumentException("non-byte character in '" + s + "'");
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private record Parsed(String op, String[] a, String[] r) {
        void expect(int args, int results) {
            if (a.length != args || r.length != results) {
                throw new IllegalArgumentException(op + " takes " + args + " arguments and " + results
                        + " results, not " + a.length + " and " + r.length);
            }
        }

        private String arg(int i) {
            if (i >= a.length) {
                throw new IllegalArgumentException(op + ": missing argument " + (i + 1));
            }
            return a[i];
        }

        int i(int idx) {
            return ChangelogParser.u32(arg(idx));
        }

        int u32(int idx) {
            return ChangelogParser.u32(arg(idx));
        }

        long u64(int idx) {
            try {
                return Long.parseUnsignedLong(arg(idx));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(op + ": not a number: '" + arg(idx) + "'");
            }
        }

        byte[] name(int idx) {
            return unescape(arg(idx));
        }

        long resultU64(int idx) {
            if (idx >= r.length) {
                throw new IllegalArgumentException(op + ": missing result " + (idx + 1));
            }
            try {
                return Long.parseUnsignedLong(r[idx]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(op + ": not a number: '" + r[idx] + "'");
            }
        }

        long resultU64() {
            if (r.length < 1) {
                throw new IllegalArgumentException(op + ": missing result");
            }
            try {
                return Long.parseUnsignedLong(r[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(op + ": not a number: '" + r[0] + "'");
            }
        }

        int result32(int idx) {
            if (idx >= r.length) {
                throw new IllegalArgumentException(op + ": missing result " + (idx + 1));
            }
            return ChangelogParser.u32(r[idx]);
        }
    }
}
