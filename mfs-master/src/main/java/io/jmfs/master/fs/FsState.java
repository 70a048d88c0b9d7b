package io.jmfs.master.fs;

import io.jmfs.master.fs.store.EdgeTable;
import io.jmfs.master.fs.store.InodeAllocator;
import io.jmfs.master.fs.store.InodeBuckets;
import io.jmfs.master.fs.store.NodeTable;
import io.jmfs.master.sclass.StorageClassTable;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The namespace's data and its structural primitives (link an entry, remove an entry, move a file to the trash,
 * change a length, drop a node). Only {@link Applier} mutates through these, so live operations and replay
 * share every step. No checks here: callers validated before.
 */
final class FsState {
    static final int ROOT = 1;
    static final long EDGEID_MAX = 0x7FFFFFFFFFFFFFFFL;
    static final int DEFAULT_TRASH_HOURS = 24;
    /** MooseFS's default storage class (goal 2), the root's class in a new file system. */
    static final int DEFAULT_SCLASS = StorageClassTable.DEFAULT;
    /** The storage class definitions nodes refer to by id. */
    final StorageClassTable classes = new StorageClassTable();
    static final int CHUNK_BITS = 26;
    static final int PATH_MAX = 1024;

    final NodeTable nodes = new NodeTable();
    final EdgeTable edges = new EdgeTable();
    final InodeAllocator inodes = new InodeAllocator();
    final Map<Integer, byte[]> symlinks = new HashMap<>();
    final Xattrs xattrs = new Xattrs();
    final OpenFiles open = new OpenFiles();
    /** Trash and sustained files in MooseFS's buckets (inode % 4096 and % 256), each in the order they got there. */
    final InodeBuckets trash = new InodeBuckets(TrashOps.TRASH_ALL_BUCKETS);
    final InodeBuckets sustained = new InodeBuckets(TrashOps.SUSTAINED_ALL_BUCKETS);
    final ChunkReleaser releaser;
    /** The chunks' archive flags (ARCHCHG); none until the owner wires its chunk layer in. */
    ChunkArchiveFlags archiveFlags = ChunkArchiveFlags.NONE;
    /** Quota'd directories and their usage, kept current by the primitives below. */
    final QuotaTracker quota = new QuotaTracker(this);

    long trashSpace;
    long sustainedSpace;
    int nodeCount;
    int dirCount;
    int fileCount;
    /** Directory entries below the root (hard links counted per entry): statfs's inode count minus the root. */
    long treeEntries;
    long nextEdgeId = EDGEID_MAX - 1;

    FsState(ChunkReleaser releaser, int ts) {
        this.releaser = releaser;
        inodes.take(ROOT);
        nodes.setType(ROOT, NodeType.DIRECTORY);
        nodes.setMode(ROOT, 0777);
        nodes.setSclass(ROOT, DEFAULT_SCLASS);
        nodes.setTrashHours(ROOT, DEFAULT_TRASH_HOURS);
        nodes.setAtime(ROOT, ts);
        nodes.setMtime(ROOT, ts);
        nodes.setCtime(ROOT, ts);
        nodes.setNlink(ROOT, 2);
        nodeCount = 1;
        dirCount = 1;
    }

    int type(int inode) {
        return nodes.type(inode);
    }

    boolean isDir(int inode) {
        return nodes.type(inode) == NodeType.DIRECTORY;
    }

    /** The directory containing {@code inode} through its first entry, or 0 (root, trash, sustained). */
    int firstParentDir(int inode) {
        int e = nodes.firstParent(inode);
        return e == 0 ? 0 : edges.parent(e);
    }

    /** True when {@code dir} is {@code node} or one of its ancestors. */
    boolean isAncestorOrSelf(int dir, int node) {
        for (int p = node; p != 0; p = firstParentDir(p)) {
            if (p == dir) {
                return true;
            }
        }
        return false;
    }

    private long nextEdgeId() {
        return nextEdgeId < EDGEID_MAX ? nextEdgeId-- : 0;
    }

    /** What a node adds to its directories' subtree length. */
    private long statLength(int inode) {
        int t = nodes.type(inode);
        return NodeType.isFileLike(t) || t == NodeType.DIRECTORY || t == NodeType.SYMLINK ? nodes.length(inode) : 0;
    }

    private void addTreeLength(int dir, long delta) {
        if (delta == 0) {
            return;
        }
        for (int d = dir; d != 0; d = firstParentDir(d)) {
            nodes.setLength(d, nodes.length(d) + delta);
        }
    }

    void createNode(int ts, int parent, byte[] name, int type, int mode, int umask, int uid, int gid, int rdev,
                    int inode) {
        inodes.take(inode);
        nodes.setType(inode, type);
        nodes.setMode(inode, mode & ~umask & 07777);
        nodes.setUid(inode, uid);
        nodes.setGid(inode, gid);
        nodes.setAtime(inode, ts);
        nodes.setMtime(inode, ts);
        nodes.setCtime(inode, ts);
        boolean inherits = type == NodeType.DIRECTORY || type == NodeType.FILE;
        nodes.setTrashHours(inode, inherits ? nodes.trashHours(parent) : DEFAULT_TRASH_HOURS);
        nodes.setSclass(inode, inherits ? nodes.sclass(parent) : 0);
        int keep = NodeAttr.EATTR_SNAPSHOT | NodeAttr.EATTR_UNDELETABLE | NodeAttr.EATTR_APPENDONLY
                | NodeAttr.EATTR_IMMUTABLE | (type == NodeType.DIRECTORY ? 0 : NodeAttr.EATTR_NOECACHE);
        nodes.setEattr(inode, nodes.eattr(parent) & ~keep);
        if (type == NodeType.DIRECTORY) {
            nodes.setNlink(inode, 2);
            dirCount++;
        } else if (type == NodeType.BLOCKDEV || type == NodeType.CHARDEV) {
            nodes.setLength(inode, rdev & 0xFFFFFFFFL);
        } else if (type == NodeType.FILE) {
            fileCount++;
        }
        nodeCount++;
        link(ts, parent, inode, name);
    }

    /** Puts a node into a storage class; the chunks of a file learn their new goal (the chunk loop acts on it). */
    void setSclass(int inode, int sclass) {
        var counted = nodes.type(inode) == NodeType.DIRECTORY ? null : quota.before(inode);
        nodes.setSclass(inode, sclass);
        quota.changed(inode, counted);
        long[] chunks = nodes.chunks(inode);
        if (chunks != null && classes.exists(sclass)) {
            for (long c : chunks) {
                if (c != 0) {
                    releaser.goalChanged(inode, c, sclass);
                }
            }
        }
    }

    void setSymlinkPath(int inode, byte[] path) {
        var counted = quota.before(inode);
        symlinks.put(inode, path.clone());
        nodes.setLength(inode, path.length);
        quota.changed(inode, counted);
        addTreeLength(firstParentDir(inode), path.length);
    }

    /** Gives an existing symlink another target; its directories' subtree lengths follow. */
    void replaceSymlinkPath(int inode, byte[] path) {
        long old = nodes.length(inode);
        var counted = quota.before(inode);
        symlinks.put(inode, path.clone());
        nodes.setLength(inode, path.length);
        quota.changed(inode, counted);
        for (int e = nodes.firstParent(inode); e != 0; e = edges.nextParent(e)) {
            addTreeLength(edges.parent(e), path.length - old);
        }
    }

    void link(int ts, int parent, int child, byte[] name) {
        int slot = edges.add(parent, child, name, nextEdgeId());
        int head = nodes.firstChild(parent);
        edges.setNextChild(slot, head);
        if (head != 0) {
            edges.setPrevChild(head, slot);
        }
        nodes.setFirstChild(parent, slot);
        edges.setNextParent(slot, nodes.firstParent(child));
        nodes.setFirstParent(child, slot);
        if (nodes.type(child) == NodeType.DIRECTORY) {
            nodes.setNlink(parent, nodes.nlink(parent) + 1);
        } else {
            nodes.setNlink(child, nodes.nlink(child) + 1);
        }
        treeEntries++;
        addTreeLength(parent, statLength(child));
        quota.linked(parent, child, true);
        if (ts > 0) {
            nodes.setMtime(parent, ts);
            nodes.setCtime(parent, ts);
            nodes.setCtime(child, ts);
        }
    }

    /** Takes an entry off every list and frees it; the child node itself stays. */
    void removeEdge(int ts, int slot) {
        int parent = edges.parent(slot);
        int child = edges.child(slot);
        if (parent != 0) {
            quota.linked(parent, child, false);
            addTreeLength(parent, -statLength(child));
            nodes.setMtime(parent, ts);
            nodes.setCtime(parent, ts);
            if (nodes.type(child) == NodeType.DIRECTORY) {
                nodes.setNlink(parent, nodes.nlink(parent) - 1);
            } else {
                nodes.setNlink(child, nodes.nlink(child) - 1);
            }
            treeEntries--;
            int prev = edges.prevChild(slot);
            int next = edges.nextChild(slot);
            if (prev == 0) {
                nodes.setFirstChild(parent, next);
            } else {
                edges.setNextChild(prev, next);
            }
            if (next != 0) {
                edges.setPrevChild(next, prev);
            }
        }
        if (ts > 0) {
            nodes.setCtime(child, ts);
        }
        int e = nodes.firstParent(child);
        if (e == slot) {
            nodes.setFirstParent(child, edges.nextParent(slot));
        } else {
            while (edges.nextParent(e) != slot) {
                e = edges.nextParent(e);
            }
            edges.setNextParent(e, edges.nextParent(slot));
        }
        edges.remove(slot);
    }

    /**
     * Removes a directory entry with MooseFS's last-link rule: a file whose trash time is above 0 goes to the
     * trash, one still open goes to sustained, anything else is dropped.
     */
    void unlink(int ts, int slot) {
        int child = edges.child(slot);
        boolean lastLink = edges.nextParent(nodes.firstParent(child)) == 0;
        boolean isOpen = open.isOpen(child);
        byte[] path = null;
        if (lastLink && nodes.type(child) == NodeType.FILE && (nodes.trashHours(child) > 0 || isOpen)) {
            path = pathOf(slot);
        }
        removeEdge(ts, slot);
        if (nodes.firstParent(child) != 0) {
            return;
        }
        if (nodes.type(child) == NodeType.FILE && path != null) {
            long len = nodes.length(child);
            if (nodes.trashHours(child) > 0) {
                nodes.setType(child, NodeType.TRASH);
                nodes.setCtime(child, ts);
                trash.add(child);
                trashSpace += len;
            } else {
                nodes.setType(child, NodeType.SUSTAINED);
                sustained.add(child);
                sustainedSpace += len;
            }
            nodes.setFirstParent(child, edges.add(0, child, path, nextEdgeId()));
        } else {
            removeNode(ts, child);
        }
    }

    /** Trash: remove now, or move to sustained when still open. Sustained: remove. True when removed. */
    boolean purge(int ts, int inode) {
        long len = nodes.length(inode);
        if (nodes.type(inode) == NodeType.TRASH) {
            trashSpace -= len;
            trash.remove(inode);
            if (open.isOpen(inode)) {
                nodes.setType(inode, NodeType.SUSTAINED);
                sustained.add(inode);
                sustainedSpace += len;
                return false;
            }
        } else {
            sustainedSpace -= len;
            sustained.remove(inode);
        }
        removeEdge(ts, nodes.firstParent(inode));
        removeNode(ts, inode);
        return true;
    }

    void removeNode(int ts, int inode) {
        int type = nodes.type(inode);
        nodeCount--;
        if (type == NodeType.DIRECTORY) {
            dirCount--;
        } else if (NodeType.isFileLike(type)) {
            fileCount--;
        }
        long[] chunks = nodes.chunks(inode);
        if (chunks != null) {
            for (long c : chunks) {
                if (c != 0) {
                    releaser.released(inode, c);
                }
            }
        }
        if (type == NodeType.SYMLINK) {
            symlinks.remove(inode);
        }
        xattrs.removeAll(inode);
        if (type == NodeType.DIRECTORY) {
            quota.removed(inode);
        }
        nodes.clear(inode);
        inodes.free(inode, ts);
    }

    void setLength(int inode, long length) {
        long old = nodes.length(inode);
        int type = nodes.type(inode);
        var counted = quota.before(inode);
        if (type == NodeType.TRASH) {
            trashSpace += length - old;
        } else if (type == NodeType.SUSTAINED) {
            sustainedSpace += length - old;
        }
        nodes.setLength(inode, length);
        long[] chunks = nodes.chunks(inode);
        if (chunks != null) {
            int keep = length == 0 ? 0 : (int) (((length - 1) >>> CHUNK_BITS) + 1);
            if (keep < chunks.length) {
                for (int i = keep; i < chunks.length; i++) {
                    if (chunks[i] != 0) {
                        releaser.released(inode, chunks[i]);
                    }
                }
                nodes.setChunks(inode, keep == 0 ? null : Arrays.copyOf(chunks, keep));
            }
        }
        if (type == NodeType.FILE) {
            for (int e = nodes.firstParent(inode); e != 0; e = edges.nextParent(e)) {
                addTreeLength(edges.parent(e), length - old);
            }
        }
        quota.changed(inode, counted);
    }

    /** Path of an entry from the root, "/"-separated, cut to its last 1024 bytes (what trash entries keep). */
    byte[] pathOf(int slot) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(edges.name(slot));
        for (int p = edges.parent(slot); p != ROOT && p != 0; ) {
            int e = nodes.firstParent(p);
            if (e == 0) {
                break;
            }
            parts.add(edges.name(e));
            p = edges.parent(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = parts.size() - 1; i >= 0; i--) {
            out.write(parts.get(i), 0, parts.get(i).length);
            if (i > 0) {
                out.write('/');
            }
        }
        byte[] path = out.toByteArray();
        return path.length > PATH_MAX ? Arrays.copyOfRange(path, path.length - PATH_MAX, path.length)
                : path;
    }
}
