package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.nio.charset.StandardCharsets;

/** GETXATTR, SETXATTR (create / replace / either / remove) and the NUL-separated name list. */
final class XattrOps {
    public static final int NAME_MAX = 255;
    public static final int VALUE_MAX = 65536;
    public static final int LIST_MAX = 65536;
    public static final int EITHER = 0;
    public static final int CREATE = 1;
    public static final int REPLACE = 2;
    public static final int REMOVE = 3;

    private final FsCore core;
    private final FsState s;

    XattrOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    private static boolean startsWith(byte[] name, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (name.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (name[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean validName(byte[] name) {
        if (name.length == 0 || name.length > NAME_MAX) {
            return false;
        }
        for (byte b : name) {
            if (b == 0) {
                return false;
            }
        }
        return true;
    }

    /** The checks the store makes (shared by live calls and replay). */
    static MfsStatus check(Xattrs x, int inode, byte[] name, byte[] value, int mode) {
        if (!validName(name) || mode < EITHER || mode > REMOVE) {
            return MfsStatus.EINVAL;
        }
        boolean present = x.has(inode, name);
        if ((mode == REPLACE || mode == REMOVE) && !present) {
            return MfsStatus.ENOATTR;
        }
        if (mode == CREATE && present) {
            return MfsStatus.EEXIST;
        }
        if (mode != REMOVE) {
            if (value.length > VALUE_MAX) {
                return MfsStatus.ERANGE;
            }
            if (!present && x.listLength(inode) + name.length + 1 > LIST_MAX) {
                return MfsStatus.ERANGE;
            }
        }
        return MfsStatus.OK;
    }

    MfsStatus set(Credentials c, int inode, byte[] name, byte[] value, int mode, boolean opened) {
        if (!core.exists(inode)) {
            return MfsStatus.ENOENT;
        }
        if (!c.isRoot() && (startsWith(name, "trusted.") || startsWith(name, "security."))) {
            return MfsStatus.EPERM;
        }
        boolean noOwner = (s.nodes.eattr(inode) & NodeAttr.EATTR_NOOWNER) != 0;
        if (!noOwner && !c.isRoot() && c.uid() != s.nodes.uid(inode) && startsWith(name, "system.")) {
            return MfsStatus.EPERM;
        }
        if ((s.nodes.eattr(inode) & NodeAttr.EATTR_IMMUTABLE) != 0) {
            return MfsStatus.EPERM;
        }
        if (!opened && !Perms.allows(s, inode, c, Perms.W)) {
            return MfsStatus.EACCES;
        }
        byte[] v = mode == REMOVE ? new byte[0] : value;
        MfsStatus st = check(s.xattrs, inode, name, v, mode);
        if (!st.isOk()) {
            return st;
        }
        core.commit(new Change.SetXattr(core.clock.now(), inode, name.clone(), v.clone(), mode));
        return MfsStatus.OK;
    }

    FsResult<byte[]> get(Credentials c, int inode, byte[] name, boolean opened) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!c.isRoot() && startsWith(name, "trusted.")) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (!opened && !Perms.allows(s, inode, c, Perms.R)) {
            return FsResult.error(MfsStatus.EACCES);
        }
        if (!validName(name)) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        byte[] v = s.xattrs.get(inode, name);
        return v == null ? FsResult.error(MfsStatus.ENOATTR) : FsResult.ok(v.clone());
    }

    FsResult<byte[]> list(Credentials c, int inode, boolean opened) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!opened && !Perms.allows(s, inode, c, Perms.R)) {
            return FsResult.error(MfsStatus.EACCES);
        }
        if (s.xattrs.listLength(inode) > LIST_MAX) {
            return FsResult.error(MfsStatus.ERANGE);
        }
        return FsResult.ok(s.xattrs.list(inode));
    }
}
