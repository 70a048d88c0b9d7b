package io.jmfs.master.fs;

import io.jmfs.master.fs.store.NodeTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a metadata dump needs from the namespace: its nodes, entries, pending free inodes, extended attributes and
 * open files, read in a stable order ({@link #forEachNode} and friends) or loaded into a fresh namespace
 * ({@link #beginLoad} ... {@link #finishLoad}). The file format itself belongs to the {@code meta} package.
 *
 * <p>Order is part of the contract: entries are visited as MooseFS stores them (each directory's children in list
 * order, then each child directory's, depth first; then trash, then sustained) and loading appends children in
 * the order given, so dump, load and dump again yields the same bytes. Owned by the thread that owns the
 * namespace.
 */
public final class NamespacePersistence {

    /** One node as a dump stores it; {@code chunks} has no trailing zero ids, {@code symlinkPath} only symlinks. */
    public record StoredNode(int inode, int type, int sclass, int eattr, int winattr, int mode, int uid, int gid,
                             int atime, int mtime, int ctime, int trashHours, long length, int rdev,
                             long[] chunks, byte[] symlinkPath) {
    }

    @FunctionalInterface
    public interface NodeVisitor {
        void node(StoredNode node);
    }

    @FunctionalInterface
    public interface EdgeVisitor {
        /** {@code parent} 0 = a trash or sustained entry, whose name is the file's former path. */
        void edge(int parent, int child, long edgeId, byte[] name);
    }

    @FunctionalInterface
    public interface XattrVisitor {
        void xattr(int inode, byte[] name, byte[] value);
    }

    @FunctionalInterface
    public interface OpenVisitor {
        void open(int sessionId, int inode);
    }

    private final FsState s;
    private boolean loading;
    /** During a load: the last child edge appended to each directory, so children keep the dump's order. */
    private io.jmfs.master.fs.store.PagedInts loadTails;

    NamespacePersistence(FsState state) {
        this.s = state;
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    /** The highest inode number ever used (NODE's maxnodeid). */
    public int maxInode() {
        return s.inodes.maxInode();
    }

    public int nodeCount() {
        return s.nodeCount;
    }

    public long nextEdgeId() {
        return s.nextEdgeId;
    }

    /** Visits every node in ascending inode order. */
    public void forEachNode(NodeVisitor visitor) {
        NodeTable n = s.nodes;
        int max = s.inodes.maxInode();
        for (int i = 1; i <= max; i++) {
            int type = n.type(i);
            if (type == 0) {
                continue;
            }
            long[] chunks = null;
            long length = 0;
            int rdev = 0;
            byte[] path = null;
            if (NodeType.isFileLike(type)) {
                length = n.length(i);
                chunks = trimmed(n.chunks(i));
            } else if (type == NodeType.BLOCKDEV || type == NodeType.CHARDEV) {
                rdev = (int) n.length(i);
            } else if (type == NodeType.SYMLINK) {
                path = s.symlinks.getOrDefault(i, new byte[0]);
            }
            visitor.node(new StoredNode(i, type, n.sclass(i), n.eattr(i), n.winattr(i), n.mode(i), n.uid(i),
                    n.gid(i), n.atime(i), n.mtime(i), n.ctime(i), n.trashHours(i), length, rdev, chunks, path));
        }
    }

    private static long[] trimmed(long[] chunks) {
        if (chunks == null) {
            return new long[0];
        }
        int end = chunks.length;
        while (end > 0 && chunks[end - 1] == 0) {
            end--;
        }
        return end == chunks.length ? chunks.clone() : Arrays.copyOf(chunks, end);
    }

    /** Visits every entry: the tree from the root depth first (children in list order), then trash, sustained. */
    public void forEachEdge(EdgeVisitor visitor) {
        ArrayDeque<Integer> dirs = new ArrayDeque<>();
        dirs.push(FsState.ROOT);
        List<Integer> subdirs = new ArrayList<>();
        while (!dirs.isEmpty()) {
            int dir = dirs.pop();
            subdirs.clear();
            for (int e = s.nodes.firstChild(dir); e != 0; e = s.edges.nextChild(e)) {
                int child = s.edges.child(e);
                visitor.edge(dir, child, s.edges.edgeId(e), s.edges.name(e));
                if (s.isDir(child)) {
                    subdirs.add(child);
                }
            }
            for (int i = subdirs.size() - 1; i >= 0; i--) {
                dirs.push(subdirs.get(i));
            }
        }
        for (int inode : s.trash) {
            int e = s.nodes.firstParent(inode);
            visitor.edge(0, inode, s.edges.edgeId(e), s.edges.name(e));
        }
        for (int inode : s.sustained) {
            int e = s.nodes.firstParent(inode);
            visitor.edge(0, inode, s.edges.edgeId(e), s.edges.name(e));
        }
    }

    /** Pending free inode numbers in release order (FREE section). */
    public void forEachFree(io.jmfs.master.fs.store.InodeAllocator.PendingVisitor visitor) {
        s.inodes.forEachPending(visitor);
    }

    public int freeCount() {
        return s.inodes.pendingCount();
    }

    /** Extended attributes, inodes ascending, each node's in the order they were set. */
    public void forEachXattr(XattrVisitor visitor) {
        for (int inode : s.xattrs.inodes()) {
            for (Map.Entry<Xattrs.Key, byte[]> e : s.xattrs.of(inode).entrySet()) {
                visitor.xattr(inode, e.getKey().bytes().clone(), e.getValue().clone());
            }
        }
    }

    /** Open files, sorted by session then inode. */
    public void forEachOpen(OpenVisitor visitor) {
        for (long pair : s.open.sortedPairs()) {
            visitor.open((int) (pair >>> 32), (int) pair);
        }
    }

    // ---- loading ----------------------------------------------------------------------------------------------

    /** Starts loading a dump into this namespace, which must be new (only its root exists). */
    public void beginLoad() {
        if (s.nodeCount != 1 || s.nodes.firstChild(FsState.ROOT) != 0 || s.inodes.maxInode() != FsState.ROOT
                || s.edges.size() != 0) {
            throw new IllegalStateException("a dump loads into a new namespace only");
        }
        s.nodes.clear(FsState.ROOT);
        s.nodeCount = 0;
        s.dirCount = 0;
        s.fileCount = 0;
        loading = true;
        loadTails = new io.jmfs.master.fs.store.PagedInts(0);
    }

    /**
     * Adds one node; every problem is an {@link IllegalArgumentException} naming the inode. The namespace takes
     * over {@code n}'s chunk and symlink arrays (a dump load makes millions of them; copying each again would
     * double the garbage): the caller must not change them afterwards.
     */
    public void loadNode(StoredNode n) {
        requireLoading();
        int i = n.inode();
        if (i <= 0) {
            throw new IllegalArgumentException("node with inode number 0");
        }
        if (s.nodes.exists(i)) {
            throw new IllegalArgumentException("inode " + Integer.toUnsignedString(i) + " appears twice");
        }
        int type = n.type();
        if (type < NodeType.FILE || type > NodeType.SUSTAINED) {
            throw new IllegalArgumentException("inode " + i + " has unknown type " + type);
        }
        if (i == FsState.ROOT && type != NodeType.DIRECTORY) {
            throw new IllegalArgumentException("the root (inode 1) is not a directory");
        }
        if ((n.mode() & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("inode " + i + " has mode out of range");
        }
        s.inodes.take(i);
        s.nodes.setType(i, type);
        s.nodes.setSclass(i, n.sclass());
        s.nodes.setEattr(i, n.eattr());
        s.nodes.setWinattr(i, n.winattr());
        s.nodes.setMode(i, n.mode());
        s.nodes.setUid(i, n.uid());
        s.nodes.setGid(i, n.gid());
        s.nodes.setAtime(i, n.atime());
        s.nodes.setMtime(i, n.mtime());
        s.nodes.setCtime(i, n.ctime());
        s.nodes.setTrashHours(i, n.trashHours());
        s.nodeCount++;
        switch (type) {
            case NodeType.DIRECTORY -> {
                s.nodes.setNlink(i, 2);
                s.dirCount++;
            }
            case NodeType.BLOCKDEV, NodeType.CHARDEV -> s.nodes.setLength(i, n.rdev() & 0xFFFFFFFFL);
            case NodeType.SYMLINK -> {
                byte[] path = n.symlinkPath() == null ? new byte[0] : n.symlinkPath();
                s.symlinks.put(i, path);
                s.nodes.setLength(i, path.length);
            }
            case NodeType.FILE, NodeType.TRASH, NodeType.SUSTAINED -> {
                s.fileCount++;
                s.nodes.setLength(i, n.length());
                long[] chunks = n.chunks();
                s.nodes.setChunks(i, chunks == null || chunks.length == 0 ? null : chunks);
            }
            default -> {
            }
        }
    }

    /** Receives a file's chunk reference: the file, its storage class, the chunk id (never 0). */
    @FunctionalInterface
    public interface ChunkRefVisitor {
        void chunk(int inode, int sclass, long chunkId);
    }

    /** Visits every chunk reference of every file (without copying node records). */
    public void forEachChunkReference(ChunkRefVisitor visitor) {
        forEachChunkReference(s.inodes.maxInode(), visitor);
    }

    /**
     * {@link #forEachChunkReference} over inodes up to {@code max}. While a dump loads, a second thread may run it
     * once every node is in: it reads only the node type, class and chunk columns, which later sections leave alone.
     */
    public void forEachChunkReference(int max, ChunkRefVisitor visitor) {
        for (int i = 1; i <= max; i++) {
            long[] chunks = s.nodes.chunks(i);
            if (chunks == null || !NodeType.isFileLike(s.nodes.type(i))) {
                continue;
            }
            int sclass = s.nodes.sclass(i);
            for (long c : chunks) {
                if (c != 0) {
                    visitor.chunk(i, sclass, c);
                }
            }
        }
    }

    /** Adds one entry after every node is loaded. */
    public void loadEdge(int parent, int child, long edgeId, byte[] name) {
        requireLoading();
        if (!s.nodes.exists(child)) {
            throw new IllegalArgumentException("entry " + describe(parent, name) + " names missing inode " + child);
        }
        int ctype = s.type(child);
        if (parent == 0) {
            if (ctype != NodeType.TRASH && ctype != NodeType.SUSTAINED) {
                throw new IllegalArgumentException("inode " + child + " of type " + ctype
                        + " has a trash/sustained entry");
            }
            if (s.nodes.firstParent(child) != 0) {
                throw new IllegalArgumentException("trash/sustained inode " + child + " has two entries");
            }
            if (name.length == 0) {
                throw new IllegalArgumentException("trash/sustained inode " + child + " has an empty path");
            }
            int slot = s.edges.add(0, child, name, edgeId);
            s.nodes.setFirstParent(child, slot);
            long len = s.nodes.length(child);
            if (ctype == NodeType.TRASH) {
                s.trash.add(child);
                s.trashSpace += len;
            } else {
                s.sustained.add(child);
                s.sustainedSpace += len;
            }
            return;
        }
        if (!s.isDir(parent)) {
            throw new IllegalArgumentException("entry " + describe(parent, name) + ": parent "
                    + (s.nodes.exists(parent) ? "is not a directory" : "does not exist"));
        }
        if (ctype == NodeType.TRASH || ctype == NodeType.SUSTAINED) {
            throw new IllegalArgumentException("entry " + describe(parent, name) + " names trash/sustained inode "
                    + child);
        }
        if (child == FsState.ROOT) {
            throw new IllegalArgumentException("entry " + describe(parent, name) + " names the root");
        }
        if (ctype == NodeType.DIRECTORY && s.nodes.firstParent(child) != 0) {
            throw new IllegalArgumentException("directory " + child + " has two parents");
        }
        if (!Names.valid(name)) {
            throw new IllegalArgumentException("entry " + describe(parent, name) + " has an invalid name");
        }
        int slot = s.edges.addUnlessPresent(parent, child, name, edgeId);
        if (slot == 0) {
            throw new IllegalArgumentException("entry " + describe(parent, name) + " appears twice");
        }
        int tail = loadTails.get(parent);
        if (tail == 0) {
            s.nodes.setFirstChild(parent, slot);
        } else {
            s.edges.setNextChild(tail, slot);
            s.edges.setPrevChild(slot, tail);
        }
        loadTails.set(parent, slot);
        // hard links: keep the dump's order of a node's entries too (append to the parents list)
        int e = s.nodes.firstParent(child);
        if (e == 0) {
            s.nodes.setFirstParent(child, slot);
        } else {
            while (s.edges.nextParent(e) != 0) {
                e = s.edges.nextParent(e);
            }
            s.edges.setNextParent(e, slot);
        }
        if (ctype == NodeType.DIRECTORY) {
            s.nodes.setNlink(parent, s.nodes.nlink(parent) + 1);
        } else {
            s.nodes.setNlink(child, s.nodes.nlink(child) + 1);
        }
        s.treeEntries++;
    }

    public void loadNextEdgeId(long nextEdgeId) {
        requireLoading();
        s.nextEdgeId = nextEdgeId;
        s.edges.reserve(s.nodeCount + s.nodeCount / 4);
    }

    /** The NODE section's maxnodeid: the highest inode number ever given, which may no longer exist. */
    public void loadMaxInode(int maxInode) {
        requireLoading();
        s.inodes.raiseMax(maxInode);
    }

    public void loadFree(int inode, int freeTime) {
        requireLoading();
        if (inode <= 0) {
            throw new IllegalArgumentException("free inode 0");
        }
        s.inodes.loadPending(inode, freeTime);
    }

    public void loadXattr(int inode, byte[] name, byte[] value) {
        requireLoading();
        if (!s.nodes.exists(inode)) {
            throw new IllegalArgumentException("extended attribute of missing inode " + inode);
        }
        if (name.length == 0 || s.xattrs.has(inode, name)) {
            throw new IllegalArgumentException("inode " + inode + ": empty or repeated extended attribute name");
        }
        s.xattrs.put(inode, name, value);
        s.nodes.setFlags(inode, s.nodes.flags(inode) | NodeTable.FLAG_XATTR);
    }

    public void loadOpen(int sessionId, int inode) {
        requireLoading();
        // no existence check: a session may hold a number whose node is gone (MooseFS keeps such pairs too)
        if (!s.open.acquire(sessionId, inode)) {
            throw new IllegalArgumentException("open file " + inode + " of session " + sessionId + " twice");
        }
    }

    /**
     * Ends the load: every node must be reachable through an entry, sustained files must be open; then the
     * derived values (directory subtree lengths) are computed.
     */
    public void finishLoad() {
        requireLoading();
        if (!s.nodes.exists(FsState.ROOT)) {
            throw new IllegalArgumentException("the dump has no root (inode 1)");
        }
        int max = s.inodes.maxInode();
        long[] reached = reachable(max);
        for (int i = 2; i <= max; i++) {
            if (s.nodes.exists(i) && s.nodes.firstParent(i) == 0) {
                throw new IllegalArgumentException("inode " + i + " has no entry (lost node)");
            }
            int t = s.nodes.type(i);
            if (t != 0 && t != NodeType.TRASH && t != NodeType.SUSTAINED && (reached[i >>> 6] & (1L << i)) == 0) {
                throw new IllegalArgumentException("inode " + i + " is not reachable from the root (directory loop)");
            }
        }
        for (int i = 1; i <= max; i++) {
            int t = s.nodes.type(i);
            if (t == 0 || t == NodeType.DIRECTORY) {
                continue;
            }
            long len = t == NodeType.FILE || t == NodeType.SYMLINK ? s.nodes.length(i) : 0;
            if (len == 0) {
                continue;
            }
            for (int e = s.nodes.firstParent(i); e != 0; e = s.edges.nextParent(e)) {
                for (int d = s.edges.parent(e); d != 0; d = s.firstParentDir(d)) {
                    s.nodes.setLength(d, s.nodes.length(d) + len);
                }
            }
        }
        s.quota.recountAll(); // quotas came before the tree was complete: count their usage on the whole tree
        loading = false;
        loadTails = null;
    }

    /** Every directory quota, in the QUOT section's record form. */
    public List<io.jmfs.master.quota.QuotaDefinition> quotas() {
        return s.quota.table.definitions();
    }

    /** A QUOT record; its directory must be loaded already (NODE comes before QUOT). */
    public void loadQuota(io.jmfs.master.quota.QuotaDefinition d) {
        requireLoading();
        int dir = d.inode();
        if (!s.nodes.exists(dir) || !s.isDir(dir)) {
            throw new IllegalArgumentException("quota defined for " + (s.nodes.exists(dir) ? "not directory"
                    : "non existing") + " inode: " + Integer.toUnsignedString(dir));
        }
        if (s.quota.table.has(dir)) {
            throw new IllegalArgumentException("quota of inode " + Integer.toUnsignedString(dir) + " appears twice");
        }
        // a record without limits (MooseFS never writes one) defines nothing: apply() leaves it out
        s.quota.table.apply(d, ignored -> io.jmfs.master.quota.Usage.NONE);
    }

    /** Nodes reachable from the root, as a bit set. */
    private long[] reachable(int max) {
        long[] seen = new long[(max >>> 6) + 1];
        seen[FsState.ROOT >>> 6] |= 1L << FsState.ROOT;
        ArrayDeque<Integer> dirs = new ArrayDeque<>();
        dirs.push(FsState.ROOT);
        while (!dirs.isEmpty()) {
            int dir = dirs.pop();
            for (int e = s.nodes.firstChild(dir); e != 0; e = s.edges.nextChild(e)) {
                int child = s.edges.child(e);
                if ((seen[child >>> 6] & (1L << child)) == 0) {
                    seen[child >>> 6] |= 1L << child;
                    if (s.isDir(child)) {
                        dirs.push(child);
                    }
                }
            }
        }
        return seen;
    }

    private void requireLoading() {
        if (!loading) {
            throw new IllegalStateException("not loading: call beginLoad first");
        }
    }

    private static String describe(int parent, byte[] name) {
        return parent + "/" + io.jmfs.master.fs.change.ChangeText.escape(name);
    }
}
