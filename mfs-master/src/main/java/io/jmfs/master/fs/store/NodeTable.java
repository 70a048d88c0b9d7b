package io.jmfs.master.fs.store;

/**
 * Inode attributes stored column-wise in paged primitive arrays indexed by the inode number, so a node costs
 * a few dozen bytes and no object header. Type 0 marks a free slot. Meaning of the type-dependent columns:
 * <ul>
 *   <li>{@code length}: file/trash/sustained = file length; directory = summed length of its subtree (what the
 *       directory "display size" is made from); symlink = path length; block/char device = rdev.</li>
 *   <li>{@code nlink}: directories count 2 plus their subdirectories (MooseFS's rule); other types count their
 *       directory entries (trash and sustained entries do not count).</li>
 *   <li>{@code firstChild}: directories only, head edge of the children list.</li>
 * </ul>
 * Chunk lists (files) are one {@code long[]} per file (null when the file has none); symlink targets are kept
 * by the namespace beside this table.
 */
public final class NodeTable {
    private final PagedBytes type = new PagedBytes((byte) 0);
    private final PagedBytes eattr = new PagedBytes((byte) 0);
    private final PagedBytes winattr = new PagedBytes((byte) 0);
    private final PagedBytes flags = new PagedBytes((byte) 0);
    private final PagedBytes sclass = new PagedBytes((byte) 0);
    private final PagedShorts mode = new PagedShorts((short) 0);
    private final PagedShorts trashHours = new PagedShorts((short) 0);
    private final PagedInts uid = new PagedInts(0);
    private final PagedInts gid = new PagedInts(0);
    private final PagedInts atime = new PagedInts(0);
    private final PagedInts mtime = new PagedInts(0);
    private final PagedInts ctime = new PagedInts(0);
    private final PagedInts nlink = new PagedInts(0);
    private final PagedInts firstParent = new PagedInts(0);
    private final PagedInts firstChild = new PagedInts(0);
    private final PagedLongs length = new PagedLongs(0L);
    private final PagedObjects<long[]> chunks = new PagedObjects<>();

    /** Node flag: the node has extended attributes (clears ATTR's NOXATTR bit). */
    public static final int FLAG_XATTR = 0x01;

    public boolean exists(int inode) {
        return inode > 0 && type.get(inode) != 0;
    }

    public void clear(int inode) {
        type.set(inode, (byte) 0);
        eattr.set(inode, (byte) 0);
        winattr.set(inode, (byte) 0);
        flags.set(inode, (byte) 0);
        sclass.set(inode, (byte) 0);
        mode.set(inode, (short) 0);
        trashHours.set(inode, (short) 0);
        uid.set(inode, 0);
        gid.set(inode, 0);
        atime.set(inode, 0);
        mtime.set(inode, 0);
        ctime.set(inode, 0);
        nlink.set(inode, 0);
        firstParent.set(inode, 0);
        firstChild.set(inode, 0);
        length.set(inode, 0L);
        chunks.set(inode, null);
    }

    public int type(int i) { return type.get(i); }
    public void setType(int i, int v) { type.set(i, (byte) v); }
    public int eattr(int i) { return eattr.get(i) & 0xFF; }
    public void setEattr(int i, int v) { eattr.set(i, (byte) v); }
    public int winattr(int i) { return winattr.get(i) & 0xFF; }
    public void setWinattr(int i, int v) { winattr.set(i, (byte) v); }
    public int flags(int i) { return flags.get(i) & 0xFF; }
    public void setFlags(int i, int v) { flags.set(i, (byte) v); }
    /** Storage class id (MooseFS's sclassid; 2 = goal 2, the default): kept for dumps, inherited on create. */
    public int sclass(int i) { return sclass.get(i) & 0xFF; }
    public void setSclass(int i, int v) { sclass.set(i, (byte) v); }
    public int mode(int i) { return mode.get(i) & 0xFFFF; }
    public void setMode(int i, int v) { mode.set(i, (short) v); }
    public int trashHours(int i) { return trashHours.get(i) & 0xFFFF; }
    public void setTrashHours(int i, int v) { trashHours.set(i, (short) v); }
    public int uid(int i) { return uid.get(i); }
    public void setUid(int i, int v) { uid.set(i, v); }
    public int gid(int i) { return gid.get(i); }
    public void setGid(int i, int v) { gid.set(i, v); }
    public int atime(int i) { return atime.get(i); }
    public void setAtime(int i, int v) { atime.set(i, v); }
    public int mtime(int i) { return mtime.get(i); }
    public void setMtime(int i, int v) { mtime.set(i, v); }
    public int ctime(int i) { return ctime.get(i); }
    public void setCtime(int i, int v) { ctime.set(i, v); }
    public int nlink(int i) { return nlink.get(i); }
    public void setNlink(int i, int v) { nlink.set(i, v); }
    public int firstParent(int i) { return firstParent.get(i); }
    public void setFirstParent(int i, int v) { firstParent.set(i, v); }
    public int firstChild(int i) { return firstChild.get(i); }
    public void setFirstChild(int i, int v) { firstChild.set(i, v); }
    public long length(int i) { return length.get(i); }
    public void setLength(int i, long v) { length.set(i, v); }
    public long[] chunks(int i) { return chunks.get(i); }
    public void setChunks(int i, long[] v) { chunks.set(i, v); }
}
