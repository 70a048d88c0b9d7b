package io.jmfs.client.fuse;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;

/**
 * How long the kernel may keep what a reply tells it, in seconds, as mfsmount decides: attributes for
 * {@code mfsattrcacheto}; a name's entry for {@code mfsdirentrycacheto} when it names a directory and for
 * {@code mfsentrycacheto} otherwise; nothing at all for a node whose attribute flags forbid caching (NOACACHE,
 * NOECACHE, set by the master for e.g. the trash and meta nodes).
 *
 * <p>The directory entry timeout is what keeps path walks cheap: without it every component of every path a
 * program uses costs a LOOKUP at the master (unpacking a source tree makes dozens per file).
 */
record CacheTimeouts(double attr, double entry, double direntry) {

    CacheTimeouts {
        if (!(attr >= 0 && entry >= 0 && direntry >= 0)) {
            throw new IllegalArgumentException("cache timeouts must be >= 0: " + attr + ", " + entry + ", "
                    + direntry);
        }
    }

    /** How long the kernel may keep {@code a} as the node's attributes. */
    double attrFor(Attr a) {
        return (a.flags() & Attr.FLAG_NOACACHE) != 0 ? 0.0 : attr;
    }

    /** How long the kernel may keep a name resolved to the node with attributes {@code a}. */
    double entryFor(Attr a) {
        if ((a.flags() & Attr.FLAG_NOECACHE) != 0) {
            return 0.0;
        }
        return a.type() == NodeType.DIRECTORY ? direntry : entry;
    }
}
