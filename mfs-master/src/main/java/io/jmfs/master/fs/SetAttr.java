package io.jmfs.master.fs;

/**
 * A SETATTR request's payload. {@code setMask} bits (MooseFS SET_*_FLAG): 0x01 winattr, 0x02 mode, 0x04 uid,
 * 0x08 gid, 0x10 mtime = now, 0x20 mtime, 0x40 atime, 0x80 atime = now. {@code sugidClearMode} is the client's
 * SUGID_CLEAR_MODE (0 never, 1 always, 2 OSX, 3 BSD, 4 EXT, 5 XFS).
 */
public record SetAttr(int setMask, int mode, int uid, int gid, int atime, int mtime, int winattr,
                      int sugidClearMode) {
    public static final int WINATTR = 0x01;
    public static final int MODE = 0x02;
    public static final int UID = 0x04;
    public static final int GID = 0x08;
    public static final int MTIME_NOW = 0x10;
    public static final int MTIME = 0x20;
    public static final int ATIME = 0x40;
    public static final int ATIME_NOW = 0x80;

    public static SetAttr chmod(int mode) {
        return new SetAttr(MODE, mode, 0, 0, 0, 0, 0, 0);
    }

    public static SetAttr chown(int uid, int gid) {
        return new SetAttr(UID | GID, 0, uid, gid, 0, 0, 0, 0);
    }

    public static SetAttr times(int atime, int mtime) {
        return new SetAttr(ATIME | MTIME, 0, 0, 0, atime, mtime, 0, 0);
    }
}
