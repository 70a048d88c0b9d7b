package io.jmfs.master.sessions;

import io.jmfs.master.exports.ExportGrant;
import java.nio.charset.StandardCharsets;

/**
 * A session change as the changelog records it, every value resolved. {@link #changelogText()} is the part after
 * {@code "<version>: <unixtime>|"}, byte for byte what MooseFS 3.0.117 writes:
 * <pre>
 *   SESADD(#csum,rootinode,sesflags,0umask,rootuid,rootgid,mapalluid,mapallgid,mingoal,maxgoal,mintrash,maxtrash,0xDISABLES,peerip,info):sessionid
 *   SESCHANGED(sessionid,#csum,rootinode,...same fields...,peerip,info)
 *   SESDISCONNECTED(sessionid)      the line's timestamp is the disconnection time
 *   SESDEL(sessionid)
 * </pre>
 * Numbers are unsigned decimal, umask four octal digits, disables eight upper-case hex digits, and {@code info}
 * escaped like names ({@code %XX} for bytes below 32 or above 126 and for {@code , % ( )}). Root inode 0 means the
 * meta filesystem.
 */
public sealed interface SessionChange {

    int sessionId();

    String changelogText();

    record Added(int sessionId, ExportGrant grant, int rootInode, int peerAddress, String info) implements SessionChange {
        @Override
        public String changelogText() {
            return "SESADD(" + fields(grant, rootInode, peerAddress, info) + "):" + Integer.toUnsignedString(sessionId);
        }
    }

    record Changed(int sessionId, ExportGrant grant, int rootInode, int peerAddress, String info) implements SessionChange {
        @Override
        public String changelogText() {
            return "SESCHANGED(" + Integer.toUnsignedString(sessionId) + "," + fields(grant, rootInode, peerAddress, info) + ")";
        }
    }

    record Disconnected(int sessionId) implements SessionChange {
        @Override
        public String changelogText() {
            return "SESDISCONNECTED(" + Integer.toUnsignedString(sessionId) + ")";
        }
    }

    record Deleted(int sessionId) implements SessionChange {
        @Override
        public String changelogText() {
            return "SESDEL(" + Integer.toUnsignedString(sessionId) + ")";
        }
    }

    private static String fields(ExportGrant g, int rootInode, int peerAddress, String info) {
        return "#" + Long.toUnsignedString(g.exportsChecksum())
                + "," + Integer.toUnsignedString(rootInode)
                + "," + g.sesflags()
                + "," + String.format("0%03o", g.umask())
                + "," + Integer.toUnsignedString(g.rootUid())
                + "," + Integer.toUnsignedString(g.rootGid())
                + "," + Integer.toUnsignedString(g.mapAllUid())
                + "," + Integer.toUnsignedString(g.mapAllGid())
                + "," + g.minGoal()
                + "," + g.maxGoal()
                + "," + g.minTrashTime()
                + "," + g.maxTrashTime()
                + "," + String.format("0x%08X", g.disables())
                + "," + Integer.toUnsignedString(peerAddress)
                + "," + escape(info);
    }

    /** Info strings hold raw bytes as ISO-8859-1 characters (see {@link Session#info()}). */
    private static String escape(String info) {
        StringBuilder out = new StringBuilder(info.length());
        for (byte b : info.getBytes(StandardCharsets.ISO_8859_1)) {
            int c = b & 0xFF;
            if (c < 32 || c >= 127 || c == ',' || c == '%' || c == '(' || c == ')') {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
