package io.jmfs.master.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes everything derived in the namespace and compares: link counts, parent and child lists of every entry,
 * the name index, directory subtree lengths, the node/dir/file/entry counters, trash and sustained sets, and the
 * inode allocator (every node taken, no pending free inode still alive). Used after a restart and by the check
 * tool; a list of human-readable problems, empty when consistent (at most {@link #LIMIT} are reported).
 */
final class NamespaceCheck {
    static final int LIMIT = 100;

    private NamespaceCheck() {
    }

    static List<String> problems(FsState s) {
        List<String> out = new ArrayList<>();
        int max = s.inodes.maxInode();
        int nodes = 0;
        int dirs = 0;
        int files = 0;
        long entries = 0;
        long[] subtree = new long[max + 1];
        for (int i = 1; i <= max && out.size() < LIMIT; i++) {
            int t = s.nodes.type(i);
            if (t == 0) {
                continue;
            }
            nodes++;
            if (!s.inodes.isTaken(i)) {
                out.add("inode " + i + " exists but its number is free");
            }
            if (t == NodeType.DIRECTORY) {
                dirs++;
                int expected = 2;
                for (int e = s.nodes.firstChild(i), prev = 0; e != 0; prev = e, e = s.edges.nextChild(e)) {
                    if (s.edges.parent(e) != i) {
                        out.add("entry in the child list of " + i + " names parent " + s.edges.parent(e));
                    }
                    if (s.edges.prevChild(e) != prev) {
                        out.add("broken child list of directory " + i);
                    }
                    if (!s.edges.foundByName(e)) {
                        out.add("entry " + i + "/" + new String(s.edges.name(e)) + " is not found by name");
                    }
                    int child = s.edges.child(e);
                    if (!s.nodes.exists(child)) {
                        out.add("entry in " + i + " names missing inode " + child);
                    } else if (s.isDir(child)) {
                        expected++;
                    }
                    entries++;
                }
                if (s.nodes.nlink(i) != expected) {
                    out.add("directory " + i + " has nlink " + s.nodes.nlink(i) + ", expected " + expected);
                }
            } else {
                if (NodeType.isFileLike(t)) {
                    files++;
                }
                int links = 0;
                for (int e = s.nodes.firstParent(i); e != 0; e = s.edges.nextParent(e)) {
                    if (s.edges.child(e) != i) {
                        out.add("parent list of " + i + " holds an entry of " + s.edges.child(e));
                    }
                    if (s.edges.parent(e) != 0) {
                        links++;
                    }
                }
                int expected = t == NodeType.TRASH || t == NodeType.SUSTAINED ? 0 : links;
                if (s.nodes.nlink(i) != expected) {
                    out.add("inode " + i + " has nlink " + s.nodes.nlink(i) + ", expected " + expected);
                }
            }
            if (i != FsState.ROOT && s.nodes.firstParent(i) == 0) {
                out.add("inode " + i + " has no parent");
            }
            if (t == NodeType.TRASH && !s.trash.contains(i) || t == NodeType.SUSTAINED && !s.sustained.contains(i)) {
                out.add("inode " + i + " of type " + t + " is missing from its trash/sustained list");
            }
            if (t == NodeType.DIRECTORY && i != FsState.ROOT && s.nodes.firstParent(i) != 0
                    && s.edges.nextParent(s.nodes.firstParent(i)) != 0) {
                out.add("directory " + i + " has more than one parent");
            }
            if (t == NodeType.FILE || t == NodeType.SYMLINK) {
                long len = s.nodes.length(i);
                for (int e = s.nodes.firstParent(i); e != 0 && len != 0; e = s.edges.nextParent(e)) {
                    int guard = 0;
                    for (int d = s.edges.parent(e); d != 0 && guard++ <= max; d = s.firstParentDir(d)) {
                        subtree[d] += len;
                    }
                }
            }
        }
        for (int i = 1; i <= max && out.size() < LIMIT; i++) {
            if (s.isDir(i) && s.nodes.length(i) != subtree[i]) {
                out.add("directory " + i + " has subtree length " + s.nodes.length(i) + ", expected " + subtree[i]);
            }
        }
        if (nodes != s.nodeCount || dirs != s.dirCount || files != s.fileCount || entries != s.treeEntries) {
            out.add("counters nodes/dirs/files/entries " + s.nodeCount + "/" + s.dirCount + "/" + s.fileCount + "/"
                    + s.treeEntries + ", counted " + nodes + "/" + dirs + "/" + files + "/" + entries);
        }
        for (int inode : s.trash) {
            if (s.nodes.type(inode) != NodeType.TRASH) {
                out.add("trash list holds inode " + inode + " of type " + s.nodes.type(inode));
            }
        }
        for (int inode : s.sustained) {
            if (s.nodes.type(inode) != NodeType.SUSTAINED) {
                out.add("sustained list holds inode " + inode + " of type " + s.nodes.type(inode));
            }
        }
        s.inodes.forEachPending((inode, ftime) -> {
            if (s.nodes.exists(inode) && out.size() < LIMIT) {
                out.add("free inode " + inode + " still exists");
            }
            if (!s.inodes.isTaken(inode) && out.size() < LIMIT) {
                out.add("free inode " + inode + " is not reserved");
            }
        });
        return out;
    }
}
