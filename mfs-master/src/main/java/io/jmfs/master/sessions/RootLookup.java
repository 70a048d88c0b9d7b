package io.jmfs.master.sessions;

import io.jmfs.protocol.MfsStatus;

/** The namespace's answer to "which directory inode is this mount path": an inode, or why not. */
public record RootLookup(MfsStatus status, int inode) {
    public RootLookup {
        if (status.isOk() != (inode != 0)) {
            throw new IllegalArgumentException("a found root has an inode, a failed lookup has none");
        }
    }

    public static RootLookup found(int inode) {
        return new RootLookup(MfsStatus.OK, inode);
    }

    public static RootLookup failed(MfsStatus status) {
        return new RootLookup(status, 0);
    }
}
