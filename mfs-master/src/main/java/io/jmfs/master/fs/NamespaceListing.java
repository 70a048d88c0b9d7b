package io.jmfs.master.fs;

import io.jmfs.master.fs.change.ChangeText;
import io.jmfs.master.fs.store.NodeTable;
import java.util.Arrays;

/** Renders the whole namespace as text in a fixed order, so two namespaces can be compared for equality. */
final class NamespaceListing {
    private NamespaceListing() {
    }

    static String of(FsState s) {
        StringBuilder sb = new StringBuilder();
        NodeTable n = s.nodes;
        sb.append("next=").append(s.inodes.peekNext()).append(" pendingFree=").append(s.inodes.pendingCount())
                .append(" nextEdgeId=").append(s.nextEdgeId).append(" nodes=").append(s.nodeCount)
                .append(" dirs=").append(s.dirCount).append(" files=").append(s.fileCount)
                .append(" entries=").append(s.treeEntries).append(" trash=").append(s.trash)
                .append('/').append(s.trashSpace).append(" sustained=").append(s.sustained).append('/')
                .append(s.sustainedSpace).append('\n');
        for (int i = 1; i <= s.inodes.maxInode(); i++) {
            if (!n.exists(i)) {
                continue;
            }
            sb.append(i).append(" t").append(n.type(i)).append(" m").append(Integer.toOctalString(n.mode(i)))
                    .append(" u").append(n.uid(i)).append(" g").append(n.gid(i)).append(" a").append(n.atime(i))
                    .append(" m").append(n.mtime(i)).append(" c").append(n.ctime(i)).append(" n")
                    .append(n.nlink(i)).append(" l").append(n.length(i)).append(" e").append(n.eattr(i))
                    .append(" w").append(n.winattr(i)).append(" f").append(n.flags(i)).append(" tt")
                    .append(n.trashHours(i)).append(" sc").append(n.sclass(i));
            long[] chunks = n.chunks(i);
            if (chunks != null) {
                sb.append(" chunks=").append(Arrays.toString(chunks));
            }
            if (s.symlinks.containsKey(i)) {
                sb.append(" -> ").append(ChangeText.escape(s.symlinks.get(i)));
            }
            for (var x : s.xattrs.of(i).entrySet()) {
                sb.append(" x:").append(ChangeText.escape(x.getKey().bytes())).append('=')
                        .append(ChangeText.escape(x.getValue()));
            }
            sb.append('\n');
            for (int e = n.firstParent(i); e != 0; e = s.edges.nextParent(e)) {
                sb.append("  <- ").append(s.edges.parent(e)).append(' ')
                        .append(ChangeText.escape(s.edges.name(e))).append(" #").append(s.edges.edgeId(e))
                        .append('\n');
            }
            if (n.type(i) == NodeType.DIRECTORY) {
                sb.append("  children:");
                for (int e = n.firstChild(i); e != 0; e = s.edges.nextChild(e)) {
                    sb.append(' ').append(s.edges.child(e));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
