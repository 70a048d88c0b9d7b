package io.jmfs.master.fs;

/**
 * POSIX permission checks as MooseFS makes them: root passes everything; the owner uses the owner bits, a
 * member of the node's group (any of the caller's gids) the group bits, everyone else the other bits. ACLs are a
 * later addition. MooseFS's NOOWNER extra attribute makes everyone the owner.
 */
final class Perms {
    static final int R = 4;
    static final int W = 2;
    static final int X = 1;
    /** LOOKUP's access-mode bitmap indexed by rwx bits: bit i set when combination i is allowed. */
    private static final int[] MODE_TO_ACCMODE = {0x01, 0x03, 0x05, 0x0F, 0x11, 0x33, 0x55, 0xFF};

    private Perms() {
    }

    static int bits(FsState s, int inode, Credentials c) {
        if (c.isRoot()) {
            return 7;
        }
        int mode = s.nodes.mode(inode);
        if (c.uid() == s.nodes.uid(inode) || (s.nodes.eattr(inode) & NodeAttr.EATTR_NOOWNER) != 0) {
            return (mode >> 6) & 7;
        }
        if (c.ignoreGid()) {
            return ((mode >> 3) | mode) & 7;
        }
        if (c.inGroup(s.nodes.gid(inode))) {
            return (mode >> 3) & 7;
        }
        return mode & 7;
    }

    static boolean allows(FsState s, int inode, Credentials c, int mask) {
        return (bits(s, inode, c) & mask) == mask;
    }

    static int accessModes(FsState s, int inode, Credentials c) {
        return MODE_TO_ACCMODE[bits(s, inode, c)];
    }

    /** In a sticky directory only root, the directory's owner or the entry's owner may remove or rename it. */
    static boolean stickyAllows(FsState s, int dir, int node, Credentials c) {
        if (c.isRoot() || (s.nodes.mode(dir) & 01000) == 0) {
            return true;
        }
        return c.uid() == s.nodes.uid(dir) || c.uid() == s.nodes.uid(node)
                || (s.nodes.eattr(dir) & NodeAttr.EATTR_NOOWNER) != 0
                || (s.nodes.eattr(node) & NodeAttr.EATTR_NOOWNER) != 0;
    }
}
