package io.jmfs.master.fs;

import io.jmfs.master.fs.Results.DirEntry;
import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.List;

/** STATFS, ACCESS, LOOKUP, GETATTR, READLINK, READDIR. */
final class ReadOps {
    private final FsCore core;
    private final FsState s;

    ReadOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    Results.StatFs statfs() {
        return new Results.StatFs((int) (s.treeEntries + 1), s.trashSpace, s.trash.size(), s.sustainedSpace,
                s.sustained.size(), s.nodeCount, s.dirCount, s.fileCount);
    }

    MfsStatus access(Credentials c, int inode, int modeMask) {
        if (!core.exists(inode)) {
            return MfsStatus.ENOENT;
        }
        if ((s.nodes.eattr(inode) & NodeAttr.EATTR_IMMUTABLE) != 0 && (modeMask & Perms.W) != 0) {
            return MfsStatus.EPERM;
        }
        return Perms.allows(s, inode, c, modeMask & 7) ? MfsStatus.OK : MfsStatus.EACCES;
    }

    FsResult<Results.Lookup> lookup(Credentials c, int parent, byte[] name) {
        if (!core.exists(parent)) {
            return FsResult.error(MfsStatus.ENOENT_NOCACHE);
        }
        if (!s.isDir(parent)) {
            return FsResult.error(MfsStatus.ENOTDIR);
        }
        if (!Perms.allows(s, parent, c, Perms.X)) {
            return FsResult.error(MfsStatus.EACCES);
        }
        int target;
        if (name.length == 1 && name[0] == '.') {
            target = parent;
        } else if (name.length == 2 && name[0] == '.' && name[1] == '.') {
            int up = s.firstParentDir(parent);
            target = up == 0 ? FsState.ROOT : up;
        } else {
            if (!Names.valid(name)) {
                return FsResult.error(MfsStatus.EINVAL);
            }
            int e = s.edges.find(parent, name);
            if (e == 0) {
                boolean noCache = (s.nodes.eattr(parent) & NodeAttr.EATTR_NOECACHE) != 0;
                return FsResult.error(noCache ? MfsStatus.ENOENT_NOCACHE : MfsStatus.ENOENT);
            }
            target = s.edges.child(e);
        }
        int lflags = Perms.accessModes(s, target, c);
        int eattr = s.nodes.eattr(target);
        if ((eattr & NodeAttr.EATTR_IMMUTABLE) != 0) {
            lflags = (lflags & 0xFF33) | 0x0800;
        }
        if ((eattr & NodeAttr.EATTR_APPENDONLY) != 0) {
            lflags |= 0x2000;
        }
        if ((eattr & NodeAttr.EATTR_NODATACACHE) != 0) {
            lflags |= 0x1000;
        }
        return FsResult.ok(new Results.Lookup(target, core.attr(target, s.nodes.eattr(parent)), lflags));
    }

    FsResult<NodeAttr> getattr(int inode) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        return FsResult.ok(core.attr(inode));
    }

    FsResult<byte[]> readlink(int inode) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (s.type(inode) != NodeType.SYMLINK) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        core.touchAtime(inode);
        return FsResult.ok(s.symlinks.get(inode).clone());
    }

    /**
     * The whole directory: "." and ".." first, then the entries newest first (MooseFS's order). With
     * {@code withAttrs} the caller needs r and x on the directory, without only r.
     */
    FsResult<List<DirEntry>> readdir(Credentials c, int dir, boolean withAttrs) {
        if (!core.exists(dir)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!s.isDir(dir)) {
            return FsResult.error(MfsStatus.ENOTDIR);
        }
        if (!Perms.allows(s, dir, c, withAttrs ? Perms.R | Perms.X : Perms.R)) {
            return FsResult.error(MfsStatus.EACCES);
        }
        core.touchAtime(dir);
        int dirEattr = s.nodes.eattr(dir);
        List<DirEntry> out = new ArrayList<>();
        out.add(new DirEntry(new byte[] {'.'}, dir, NodeType.DIRECTORY, withAttrs ? core.attr(dir, dirEattr) : null));
        int up = s.firstParentDir(dir);
        int parent = up == 0 ? dir : up;
        out.add(new DirEntry(new byte[] {'.', '.'}, parent, NodeType.DIRECTORY,
                withAttrs ? core.attr(parent, dirEattr) : null));
        for (int e = s.nodes.firstChild(dir); e != 0; e = s.edges.nextChild(e)) {
            int child = s.edges.child(e);
            out.add(new DirEntry(s.edges.name(e), child, s.type(child),
                    withAttrs ? core.attr(child, dirEattr) : null));
        }
        return FsResult.ok(out);
    }
}
