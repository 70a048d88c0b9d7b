package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.HashMap;
import java.util.Map;

/** SETATTR, TRUNCATE, OPEN, AMTIME_INODES and the per-file chunk slots the chunk layer reads and sets. */
final class AttrOps {
    static final int OPEN_READ = 0x01;
    static final int OPEN_WRITE = 0x02;
    static final int OPEN_AFTER_CREATE = 0x04;
    static final int OPEN_TRUNCATE = 0x08;
    static final int TRUNCATE_OPENED = 0x01;
    static final int TRUNCATE_UPDATE = 0x02;
    static final int TRUNCATE_TIMEFIX = 0x04;
    static final int TRUNCATE_RESERVE = 0x08;
    static final int MAX_INDEX = 0x7FFFFFFF;
    private static final long CHUNK_MASK = (1L << FsState.CHUNK_BITS) - 1;

    private final FsCore core;
    private final FsState s;
    /** Length reserved by O_APPEND writers that have not finished yet (not persistent, as in MooseFS). */
    private final Map<Integer, Long> appendReserved = new HashMap<>();

    AttrOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    static int openFlags(FsState s, int inode) {
        int eattr = s.nodes.eattr(inode);
        int oflags = 0;
        if ((eattr & NodeAttr.EATTR_NODATACACHE) != 0) {
            oflags |= 0x02;
        }
        if ((eattr & NodeAttr.EATTR_APPENDONLY) != 0) {
            oflags |= 0x04;
        }
        return oflags;
    }

    FsResult<NodeAttr> setattr(Credentials c, int inode, SetAttr r) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if ((s.nodes.eattr(inode) & NodeAttr.EATTR_IMMUTABLE) != 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        int mask = r.setMask();
        int curMode = s.nodes.mode(inode);
        int owner = s.nodes.uid(inode);
        int attrMode = r.mode() & 07777;
        boolean kernelSugidClear = !c.isRoot() && mask == SetAttr.MODE && attrMode == (curMode & 01777)
                && (curMode & 06000) != 0;
        if (!kernelSugidClear) {
            boolean noOwner = (s.nodes.eattr(inode) & NodeAttr.EATTR_NOOWNER) != 0;
            if (!noOwner && !c.isRoot() && c.uid() != owner) {
                if ((mask & (SetAttr.MODE | SetAttr.UID | SetAttr.GID | SetAttr.ATIME | SetAttr.MTIME)) != 0) {
                    return FsResult.error(MfsStatus.EPERM);
                }
                if ((mask & (SetAttr.ATIME_NOW | SetAttr.MTIME_NOW)) != 0 && !Perms.allows(s, inode, c, Perms.W)) {
                    return FsResult.error(MfsStatus.EACCES);
                }
            }
            if (!c.isRoot() && (mask & SetAttr.UID) != 0 && c.uid() != r.uid()) {
                return FsResult.error(MfsStatus.EPERM);
            }
            if (!c.isRoot() && !c.ignoreGid() && (mask & SetAttr.GID) != 0 && !c.inGroup(r.gid())) {
                return FsResult.error(MfsStatus.EPERM);
            }
        }
        int ts = core.clock.now();
        int mode = curMode;
        boolean chown = (mask & (SetAttr.UID | SetAttr.GID)) != 0;
        if (chown && (mask & SetAttr.MODE) != 0) {
            attrMode |= curMode & 06000; // the kernel's own suid/sgid clearing on chown is redone below
        }
        if ((curMode & 06000) != 0 && chown) {
            int keep = sugidKeepMask(r.sugidClearMode(), c, mask, r.gid(), inode, curMode);
            mode &= keep;
            attrMode &= keep;
        }
        int uid = (mask & SetAttr.UID) != 0 ? r.uid() : s.nodes.uid(inode);
        int gid = (mask & SetAttr.GID) != 0 ? r.gid() : s.nodes.gid(inode);
        if ((mask & SetAttr.MODE) != 0) {
            if (!c.isRoot() && (attrMode & 02000) != 0 && !c.inGroup(gid)) {
                attrMode &= 05777; // only a member of the file's group may set sgid
            }
            mode = attrMode;
        }
        int atime = s.nodes.atime(inode);
        int mtime = s.nodes.mtime(inode);
        if ((mask & SetAttr.ATIME) != 0) {
            atime = r.atime();
        }
        if ((mask & SetAttr.MTIME) != 0) {
            mtime = r.mtime();
        }
        if ((mask & SetAttr.ATIME_NOW) != 0) {
            atime = ts;
        }
        if ((mask & SetAttr.MTIME_NOW) != 0) {
            mtime = ts;
        }
        int winattr = (mask & SetAttr.WINATTR) != 0 ? r.winattr() & 0xFF : s.nodes.winattr(inode);
        core.commit(new Change.Attr(ts, inode, mode, uid, gid, atime, mtime, winattr));
        return FsResult.ok(core.attr(inode));
    }

    /** Which mode bits survive a chown of a suid/sgid node, per the client's SUGID_CLEAR_MODE. */
    private int sugidKeepMask(int clearMode, Credentials c, int mask, int newGid, int inode, int curMode) {
        boolean dir = s.isDir(inode);
        int groupExecKeep = (curMode & 010) != 0 ? 01777 : 03777;
        return switch (clearMode) {
            case 1 -> 01777;
            case 2 -> c.isRoot() ? 07777 : 01777;
            case 3 -> !c.isRoot() && (mask & SetAttr.GID) != 0 && s.nodes.gid(inode) != newGid ? 01777 : 07777;
            case 4 -> dir ? 07777 : groupExecKeep;
            case 5 -> dir ? (c.isRoot() ? 07777 : 01777) : groupExecKeep;
            default -> 07777;
        };
    }

    /**
     * TRUNCATE's first half (MooseFS's try_setlength): permission and type checks, and whether the new end
     * falls inside an existing chunk that the chunk layer must shorten first.
     */
    FsResult<Results.TruncatePlan> truncateCheck(Credentials c, int inode, int flags, long length) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        int eattr = s.nodes.eattr(inode);
        if ((eattr & NodeAttr.EATTR_IMMUTABLE) != 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if ((eattr & NodeAttr.EATTR_APPENDONLY) != 0 && (flags & (TRUNCATE_RESERVE | TRUNCATE_UPDATE)) == 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if ((flags & TRUNCATE_OPENED) == 0 && !Perms.allows(s, inode, c, Perms.W)) {
            return FsResult.error(MfsStatus.EACCES);
        }
        if (!NodeType.isFileLike(s.type(inode))) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (length < 0) {
            return FsResult.error(MfsStatus.INDEXTOOBIG);
        }
        if ((flags & (TRUNCATE_UPDATE | TRUNCATE_RESERVE)) != 0) {
            return FsResult.ok(new Results.TruncatePlan(-1, 0));
        }
        long old = s.nodes.length(inode);
        if (length > old && length > 0 && ((length - 1) >>> FsState.CHUNK_BITS) > MAX_INDEX) {
            return FsResult.error(MfsStatus.INDEXTOOBIG);
        }
        if (core.quotas.refusesGrowTo(inode, length)) {
            return FsResult.error(MfsStatus.QUOTA);
        }
        if (length != old && (length & CHUNK_MASK) != 0) {
            int index = (int) (length >>> FsState.CHUNK_BITS);
            long[] chunks = s.nodes.chunks(inode);
            if (chunks != null && index < chunks.length && chunks[index] != 0) {
                return FsResult.ok(new Results.TruncatePlan(index, chunks[index]));
            }
        }
        return FsResult.ok(new Results.TruncatePlan(-1, 0));
    }

    /** TRUNCATE's second half (do_setlength): sets the length; answers the previous length and attributes. */
    FsResult<Results.Truncated> truncateApply(int inode, int flags, long length) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!NodeType.isFileLike(s.type(inode))) {
            return FsResult.error(MfsStatus.EPERM);
        }
        long current = s.nodes.length(inode);
        long previous;
        if ((flags & TRUNCATE_RESERVE) != 0) {
            previous = Math.max(appendReserved.getOrDefault(inode, 0L), current);
            appendReserved.put(inode, previous + length);
        } else {
            previous = current;
            int ts = core.clock.now();
            if ((flags & TRUNCATE_UPDATE) != 0) {
                if (length > current) {
                    core.commit(new Change.Length(ts, inode, length, false));
                }
            } else {
                boolean modTime = !(length == current && (flags & TRUNCATE_TIMEFIX) != 0);
                core.commit(new Change.Length(ts, inode, length, modTime));
            }
            appendReserved.remove(inode);
        }
        return FsResult.ok(new Results.Truncated(previous, core.attr(inode)));
    }

    FsResult<Results.Opened> open(Credentials c, int inode, int flags) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!NodeType.isFileLike(s.type(inode))) {
            return FsResult.error(MfsStatus.EPERM);
        }
        int eattr = s.nodes.eattr(inode);
        if ((eattr & NodeAttr.EATTR_IMMUTABLE) != 0 && (flags & (OPEN_WRITE | OPEN_TRUNCATE)) != 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if ((eattr & NodeAttr.EATTR_APPENDONLY) != 0 && (flags & OPEN_TRUNCATE) != 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if ((flags & OPEN_AFTER_CREATE) == 0) {
            int want = ((flags & OPEN_READ) != 0 ? Perms.R : 0) | ((flags & OPEN_WRITE) != 0 ? Perms.W : 0);
            if (!Perms.allows(s, inode, c, want)) {
                return FsResult.error(MfsStatus.EACCES);
            }
            if ((flags & OPEN_TRUNCATE) != 0) {
                if (!Perms.allows(s, inode, c, Perms.W)) {
                    return FsResult.error(MfsStatus.EACCES);
                }
                core.commit(new Change.Length(core.clock.now(), inode, 0, true));
                appendReserved.remove(inode);
            }
        }
        return FsResult.ok(new Results.Opened(inode, openFlags(s, inode), core.attr(inode)));
    }

    /** AMTIME_INODES from a mount: newer atime (relatime rule) and mtime (which also sets ctime) are kept. */
    void amtime(int inode, int atime, int mtime) {
        if (!core.exists(inode)) {
            return;
        }
        int curA = s.nodes.atime(inode);
        int curM = s.nodes.mtime(inode);
        int curC = s.nodes.ctime(inode);
        int newA = curA;
        int newM = curM;
        int newC = curC;
        boolean changed = false;
        if (Integer.compareUnsigned(curA, atime) < 0 && ((curA <= curC && atime >= curC)
                || (curA <= curM && atime >= curM) || Integer.toUnsignedLong(curA) + 86400 < atime)) {
            newA = atime;
            changed = true;
        }
        if (Integer.compareUnsigned(curM, mtime) < 0) {
            newM = mtime;
            newC = mtime;
            changed = true;
        }
        if (changed) {
            core.commit(new Change.Amtime(core.clock.now(), inode, newA, newM, newC));
        }
    }

    FsResult<Long> chunkAt(int inode, long index) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!NodeType.isFileLike(s.type(inode))) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (index < 0 || index > MAX_INDEX) {
            return FsResult.error(MfsStatus.INDEXTOOBIG);
        }
        long[] chunks = s.nodes.chunks(inode);
        return FsResult.ok(chunks != null && index < chunks.length ? chunks[(int) index] : 0L);
    }

    MfsStatus setChunk(int inode, long index, long chunkId) {
        FsResult<Long> cur = chunkAt(inode, index);
        if (!cur.isOk()) {
            return cur.status();
        }
        core.commit(new Change.SetFileChunk(core.clock.now(), inode, (int) index, chunkId));
        return MfsStatus.OK;
    }

    MfsStatus setLength(int inode, long length, boolean modTime) {
        if (!core.exists(inode)) {
            return MfsStatus.ENOENT;
        }
        if (!NodeType.isFileLike(s.type(inode)) || length < 0) {
            return MfsStatus.EINVAL;
        }
        core.commit(new Change.Length(core.clock.now(), inode, length, modTime));
        return MfsStatus.OK;
    }
}
