package io.jmfs.master.fs.change;

import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
import java.util.List;

/**
 * One namespace mutation with every value resolved (inode numbers, timestamps, resulting modes), named and
 * ordered as MooseFS's changelog operation ({@code restore.c}). {@link #toString()} renders
 * {@code <ts>|OP(args)[:result]}, the part of a changelog line after the version number.
 */
public sealed interface Change permits Change.Create, Change.Symlink, Change.Unlink, Change.Move, Change.Link,
        Change.Attr, Change.Length, Change.Access, Change.Amtime, Change.SetXattr, Change.SetTrashTime, Change.SetSclass,
        Change.SetEattr,
        Change.EmptyTrash, Change.EmptySustained, Change.FreeInodes, Change.Purge, Change.Acquire, Change.Release,
        Change.SetFileChunk, Change.Snapshot, Change.Append, Change.ScSet, Change.ScDup, Change.ScRen, Change.ScDel,
        Change.ArchChg, Change.Quota {

    /** Unix seconds at which the change happened (the changelog line's timestamp). */
    int ts();

    /** CREATE(parent,name,type,mode,umask,uid,gid,rdev):inode. mode already carries a copied sgid bit. */
    record Create(int ts, int parent, byte[] name, int type, int mode, int umask, int uid, int gid, int rdev,
                  int inode) implements Change {
        @Override
        public String toString() {
            return ts + "|CREATE(" + parent + "," + ChangeText.escape(name) + "," + type + "," + mode + "," + umask
                    + "," + Integer.toUnsignedString(uid) + "," + Integer.toUnsignedString(gid) + ","
                    + Integer.toUnsignedString(rdev) + "):" + inode;
        }
    }

    /** SYMLINK(parent,name,path,uid,gid):inode. */
    record Symlink(int ts, int parent, byte[] name, byte[] path, int uid, int gid, int inode) implements Change {
        @Override
        public String toString() {
            return ts + "|SYMLINK(" + parent + "," + ChangeText.escape(name) + "," + ChangeText.escape(path) + ","
                    + Integer.toUnsignedString(uid) + "," + Integer.toUnsignedString(gid) + "):" + inode;
        }
    }

    /** UNLINK(parent,name):inode (files and directories alike). */
    record Unlink(int ts, int parent, byte[] name, int inode) implements Change {
        @Override
        public String toString() {
            return ts + "|UNLINK(" + parent + "," + ChangeText.escape(name) + "):" + inode;
        }
    }

    /** MOVE(srcparent,srcname,dstparent,dstname):inode; an existing target is unlinked first. */
    record Move(int ts, int srcParent, byte[] srcName, int dstParent, byte[] dstName, int inode) implements Change {
        @Override
        public String toString() {
            return ts + "|MOVE(" + srcParent + "," + ChangeText.escape(srcName) + "," + dstParent + ","
                    + ChangeText.escape(dstName) + "):" + inode;
        }
    }

    /** LINK(inode,parent,name). */
    record Link(int ts, int inode, int parent, byte[] name) implements Change {
        @Override
        public String toString() {
            return ts + "|LINK(" + inode + "," + parent + "," + ChangeText.escape(name) + ")";
        }
    }

    /** ATTR(inode,mode,uid,gid,atime,mtime,winattr,aclmode): the full resulting attributes; ctime = ts. */
    record Attr(int ts, int inode, int mode, int uid, int gid, int atime, int mtime, int winattr)
            implements Change {
        @Override
        public String toString() {
            return ts + "|ATTR(" + inode + "," + mode + "," + Integer.toUnsignedString(uid) + ","
                    + Integer.toUnsignedString(gid) + "," + Integer.toUnsignedString(atime) + ","
                    + Integer.toUnsignedString(mtime) + "," + winattr + ",0)";
        }
    }

    /** LENGTH(inode,length,canmodmtime): chunks past the new end are released. */
    record Length(int ts, int inode, long length, boolean modTime) implements Change {
        @Override
        public String toString() {
            return ts + "|LENGTH(" + inode + "," + Long.toUnsignedString(length) + "," + (modTime ? 1 : 0) + ")";
        }
    }

    /** ACCESS(inode): atime = ts. */
    record Access(int ts, int inode) implements Change {
        @Override
        public String toString() {
            return ts + "|ACCESS(" + inode + ")";
        }
    }

    /** AMTIME(inode,atime,mtime,ctime). */
    record Amtime(int ts, int inode, int atime, int mtime, int ctime) implements Change {
        @Override
        public String toString() {
            return ts + "|AMTIME(" + inode + "," + Integer.toUnsignedString(atime) + ","
                    + Integer.toUnsignedString(mtime) + "," + Integer.toUnsignedString(ctime) + ")";
        }
    }

    /** SETXATTR(inode,name,value,mode) with mode one of MFS_XATTR_* (0 either, 1 create, 2 replace, 3 remove). */
    record SetXattr(int ts, int inode, byte[] name, byte[] value, int mode) implements Change {
        @Override
        public String toString() {
            return ts + "|SETXATTR(" + inode + "," + ChangeText.escape(name) + "," + ChangeText.escape(value) + ","
                    + mode + ")";
        }
    }

    /** SETTRASHTIME(inode,uid,trashtime seconds,smode):changed,notchanged,notpermitted. */
    record SetTrashTime(int ts, int inode, int uid, int trashTime, int smode, int changed, int notChanged,
                        int notPermitted) implements Change {
        @Override
        public String toString() {
            return ts + "|SETTRASHTIME(" + inode + "," + Integer.toUnsignedString(uid) + ","
                    + Integer.toUnsignedString(trashTime) + "," + smode + "):" + changed + "," + notChanged + ","
                    + notPermitted;
        }
    }

    /**
     * SETSCLASS(inode,uid,srcclass,dstclass,smode):changed,notchanged,notpermitted. The source class matters only
     * for SMODE_EXCHANGE; MooseFS logs the goal itself for both in the classic (goal number) form.
     */
    record SetSclass(int ts, int inode, int uid, int srcClass, int dstClass, int smode, int changed, int notChanged,
                     int notPermitted) implements Change {
        @Override
        public String toString() {
            return ts + "|SETSCLASS(" + inode + "," + Integer.toUnsignedString(uid) + "," + srcClass + "," + dstClass
                    + "," + smode + "):" + changed + "," + notChanged + "," + notPermitted;
        }
    }

    /** SETEATTR(inode,uid,eattr,smode):changed,notchanged,notpermitted. */
    record SetEattr(int ts, int inode, int uid, int eattr, int smode, int changed, int notChanged, int notPermitted)
            implements Change {
        @Override
        public String toString() {
            return ts + "|SETEATTR(" + inode + "," + Integer.toUnsignedString(uid) + "," + eattr + "," + smode + "):"
                    + changed + "," + notChanged + "," + notPermitted;
        }
    }

    /**
     * ARCHCHG(inode,uid,cmd):chgchunks,notchgchunks,nsinodes — archive flags set (cmd 1) or cleared (cmd 0) on the
     * chunks of every file below {@code inode} that {@code uid} may change; also what the archive-delay sweep
     * writes for one file (uid 0, cmd 1).
     */
    record ArchChg(int ts, int inode, int uid, int cmd, long changed, long notChanged, int notPermitted)
            implements Change {
        @Override
        public String toString() {
            return ts + "|ARCHCHG(" + inode + "," + Integer.toUnsignedString(uid) + "," + cmd + "):"
                    + Long.toUnsignedString(changed) + "," + Long.toUnsignedString(notChanged) + ","
                    + Integer.toUnsignedString(notPermitted);
        }
    }

    /** EMPTYTRASH(bucket):freed,sustained,inodechecksum; bucket 4096 = the whole trash. */
    record EmptyTrash(int ts, int bucket, int freed, int sustained, int checksum) implements Change {
        @Override
        public String toString() {
            return ts + "|EMPTYTRASH(" + bucket + "):" + freed + "," + sustained + ","
                    + Integer.toUnsignedString(checksum);
        }
    }

    /** EMPTYSUSTAINED(bucket):freed,inodechecksum; bucket 256 = all sustained files. */
    record EmptySustained(int ts, int bucket, int freed, int checksum) implements Change {
        @Override
        public String toString() {
            return ts + "|EMPTYSUSTAINED(" + bucket + "):" + freed + "," + Integer.toUnsignedString(checksum);
        }
    }

    /** FREEINODES(reusedelay):freed,stillopen,inodechecksum. */
    record FreeInodes(int ts, int reuseDelay, int freed, int stillOpen, int checksum) implements Change {
        @Override
        public String toString() {
            return ts + "|FREEINODES(" + reuseDelay + "):" + freed + "," + stillOpen + ","
                    + Integer.toUnsignedString(checksum);
        }
    }

    /** PURGE(inode): a trash file removed now (or moved to sustained while still open). */
    record Purge(int ts, int inode) implements Change {
        @Override
        public String toString() {
            return ts + "|PURGE(" + inode + ")";
        }
    }

    /** ACQUIRE(sessionid,inode): a session opened the file (MooseFS logs the session first). */
    record Acquire(int ts, int inode, int sessionId) implements Change {
        @Override
        public String toString() {
            return ts + "|ACQUIRE(" + Integer.toUnsignedString(sessionId) + "," + inode + ")";
        }
    }

    /** RELEASE(sessionid,inode): the session closed it. */
    record Release(int ts, int inode, int sessionId) implements Change {
        @Override
        public String toString() {
            return ts + "|RELEASE(" + Integer.toUnsignedString(sessionId) + "," + inode + ")";
        }
    }

    /** SETFILECHUNK(inode,indx,chunkid): the chunk layer's write/truncate result for one chunk slot. */
    record SetFileChunk(int ts, int inode, int index, long chunkId) implements Change {
        @Override
        public String toString() {
            return ts + "|SETFILECHUNK(" + inode + "," + index + "," + Long.toUnsignedString(chunkId) + ")";
        }
    }

    /**
     * SNAPSHOT(srcinode,dstparent,name,smode,sesflags,uid,[gid,...],umask):inodechecksum,removed,same,existing,
     * hardlinks,new. {@code smode} carries SNAPSHOT_MODE_* (0x80 = remove mode, then {@code srcInode} is 0 and
     * {@code name} is the entry to remove); {@code uid}/{@code gids} are the caller's after export mapping and
     * decide, as in the live operation, which nodes the walk may read. The results are what the walk did: the XOR
     * of every inode it created or removed, and how many objects it removed, found identical, updated in place,
     * linked as preserved hard links and created. All-zero results (an old changelog) are not checked.
     */
    record Snapshot(int ts, int srcInode, int dstParent, byte[] name, int smode, int sesflags, int uid, int[] gids,
                    int umask, int inodeChecksum, int removed, int same, int existing, int hardlinks, int created)
            implements Change {
        public Snapshot {
            if (gids.length == 0) {
                throw new IllegalArgumentException("SNAPSHOT needs at least one gid");
            }
            gids = gids.clone();
        }

        @Override
        public int[] gids() {
            return gids.clone();
        }

        /** Whether the results carry values to check (MooseFS skips the check when they are all zero). */
        public boolean hasResults() {
            return (inodeChecksum | removed | same | existing | hardlinks | created) != 0;
        }

        @Override
        public String toString() {
            StringBuilder g = new StringBuilder("[");
            for (int i = 0; i < gids.length; i++) {
                g.append(i == 0 ? "" : ",").append(Integer.toUnsignedString(gids[i]));
            }
            g.append(']');
            return ts + "|SNAPSHOT(" + Integer.toUnsignedString(srcInode) + "," + Integer.toUnsignedString(dstParent)
                    + "," + ChangeText.escape(name) + "," + smode + "," + sesflags + "," + Integer.toUnsignedString(uid)
                    + "," + g + "," + umask + "):" + Integer.toUnsignedString(inodeChecksum) + "," + removed + ","
                    + same + "," + existing + "," + hardlinks + "," + created;
        }
    }

    /**
     * APPEND(inode,srcinode,slicefrom,sliceto): chunks {@code sliceFrom..sliceTo} (inclusive, absolute chunk
     * indexes) of {@code srcInode} are shared onto the end of {@code inode}, whose length first rounds up to a chunk
     * boundary. Older masters logged APPEND(inode,srcinode) for the whole file: {@link #WHOLE_FILE_FROM} and {@link #WHOLE_FILE_TO} as the slice.
     */
    record Append(int ts, int inode, int srcInode, int sliceFrom, int sliceTo) implements Change {
        /** The slice (from 0xFFFFFFFF, to 0) that stands for "the whole source file" in replay. */
        public static final int WHOLE_FILE_FROM = 0xFFFFFFFF;
        public static final int WHOLE_FILE_TO = 0;

        /** Whether the slice is the old "whole file" form. */
        public boolean wholeFile() {
            return sliceFrom == WHOLE_FILE_FROM && sliceTo == WHOLE_FILE_TO;
        }

        @Override
        public String toString() {
            return ts + "|APPEND(" + Integer.toUnsignedString(inode) + "," + Integer.toUnsignedString(srcInode) + ","
                    + Integer.toUnsignedString(sliceFrom) + "," + Integer.toUnsignedString(sliceTo) + ")";
        }
    }

    // ---- storage class definitions (MooseFS's storageclass.c lines) ----------------------------------------------

    /**
     * SCSET(name,new,Wc,Kk,Aa,mode,archdelay,adminonly,masks):id — a created ({@code isNew}) or changed class; the
     * masks are every expression's four masks, create then keep then archive, or {@code -} when there are none.
     */
    record ScSet(int ts, boolean isNew, StorageClass definition) implements Change {
        @Override
        public String toString() {
            StorageClass d = definition;
            StringBuilder masks = new StringBuilder();
            for (List<LabelExpression> list : List.of(d.create(), d.keep(), d.archive())) {
                for (LabelExpression e : list) {
                    for (int m : e.masks()) {
                        masks.append(masks.isEmpty() ? "" : ",").append(Integer.toUnsignedString(m));
                    }
                }
            }
            return ts + "|SCSET(" + ChangeText.escape(d.nameBytes()) + "," + (isNew ? 1 : 0) + ",W" + d.create().size()
                    + ",K" + d.keep().size() + ",A" + d.archive().size() + "," + d.mode() + "," + d.archDelay() + ","
                    + (d.adminOnly() ? 1 : 0) + "," + (masks.isEmpty() ? "-" : masks) + "):" + d.id();
        }
    }

    /** SCDUP(srcname,dstname):srcid,dstid. */
    record ScDup(int ts, byte[] srcName, byte[] dstName, int srcId, int dstId) implements Change {
        @Override
        public String toString() {
            return ts + "|SCDUP(" + ChangeText.escape(srcName) + "," + ChangeText.escape(dstName) + "):" + srcId + ","
                    + dstId;
        }
    }

    /** SCREN(oldname,newname):id. */
    record ScRen(int ts, byte[] oldName, byte[] newName, int id) implements Change {
        @Override
        public String toString() {
            return ts + "|SCREN(" + ChangeText.escape(oldName) + "," + ChangeText.escape(newName) + "):" + id;
        }
    }

    /** SCDEL(name):id. */
    record ScDel(int ts, byte[] name, int id) implements Change {
        @Override
        public String toString() {
            return ts + "|SCDEL(" + ChangeText.escape(name) + "):" + id;
        }
    }

    /**
     * QUOTA(inode,exceeded,flags,stimestamp,sinodes,hinodes,slength,hlength,ssize,hsize,srealsize,hrealsize,
     * graceperiod): a directory's whole quota definition after a change (flags 0: the quota is gone).
     */
    record Quota(int ts, io.jmfs.master.quota.QuotaDefinition definition) implements Change {
        @Override
        public String toString() {
            var d = definition;
            return ts + "|QUOTA(" + Integer.toUnsignedString(d.inode()) + "," + (d.exceeded() ? 1 : 0) + ","
                    + d.flags() + "," + Integer.toUnsignedString(d.softSince()) + ","
                    + Integer.toUnsignedString(d.softInodes()) + "," + Integer.toUnsignedString(d.hardInodes()) + ","
                    + Long.toUnsignedString(d.softLength()) + "," + Long.toUnsignedString(d.hardLength()) + ","
                    + Long.toUnsignedString(d.softSize()) + "," + Long.toUnsignedString(d.hardSize()) + ","
                    + Long.toUnsignedString(d.softRealSize()) + "," + Long.toUnsignedString(d.hardRealSize()) + ","
                    + Integer.toUnsignedString(d.gracePeriod()) + ")";
        }
    }
}
