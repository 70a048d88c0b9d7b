package io.jmfs.master.fs;

import io.jmfs.protocol.MfsStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only questions about a node's place in the tree: every path that reaches it (PATHS, for mfsfileinfo and
 * mfscheckfile) and its subtree statistics (GETDIRSTATS, for mfsdirinfo).
 *
 * <p>Directory statistics are computed by walking the subtree when asked (O(subtree) on the metadata thread),
 * not kept per directory: they are asked for rarely (mfsdirinfo), and keeping them would cost every directory
 * a statistics record and every create/write a walk up its ancestors.
 */
final class TreeInfo {
    /** MooseFS's chunk-file header and block size: what one stored chunk copy costs beside its data. */
    private static final long CHUNK_HEADER = 0x2000;
    private static final long BLOCK = 0x10000;
    private static final long CHUNK = 1L << FsState.CHUNK_BITS;

    private final FsCore core;
    private final FsState s;

    TreeInfo(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    /**
     * Every path of {@code inode} seen from {@code root} (no leading slash; "/" for the root itself); entries not
     * under {@code root} are left out. Trash and sustained files answer "./TRASH (path)" / "./SUSTAINED (path)".
     */
    FsResult<List<byte[]>> paths(int root, int inode) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        int type = s.type(inode);
        if (type == NodeType.TRASH || type == NodeType.SUSTAINED) {
            String prefix = type == NodeType.TRASH ? "./TRASH (" : "./SUSTAINED (";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(s.edges.name(s.nodes.firstParent(inode)));
            out.write(')');
            return FsResult.ok(List.of(out.toByteArray()));
        }
        if (inode == root) {
            return FsResult.ok(List.of(new byte[] {'/'}));
        }
        List<byte[]> paths = new ArrayList<>();
        for (int e = s.nodes.firstParent(inode); e != 0; e = s.edges.nextParent(e)) {
            byte[] path = pathBelow(root, e);
            if (path != null) {
                paths.add(path);
            }
        }
        return FsResult.ok(paths);
    }

    /** The path of entry {@code edge} below {@code root}, or null when the entry is not under it. */
    private byte[] pathBelow(int root, int edge) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(s.edges.name(edge));
        int dir = s.edges.parent(edge);
        while (dir != root) {
            int up = s.nodes.firstParent(dir);
            if (up == 0) {
                return null;
            }
            parts.add(s.edges.name(up));
            dir = s.edges.parent(up);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = parts.size() - 1; i >= 0; i--) {
            out.writeBytes(parts.get(i));
            if (i > 0) {
                out.write('/');
            }
        }
        return out.toByteArray();
    }

    FsResult<Results.DirStats> dirStats(int inode) {
        if (!core.exists(inode)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!PolicyOps.classBearing(s.type(inode))) {
            return FsResult.error(MfsStatus.EPERM);
        }
        long inodes = 0;
        long dirs = 0;
        long files = 0;
        long chunks = 0;
        long length = 0;
        long size = 0;
        long realSize = 0;
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(inode);
        while (!todo.isEmpty()) {
            int n = todo.pop();
            int type = s.type(n);
            inodes++;
            if (type == NodeType.DIRECTORY) {
                dirs++;
                for (int e = s.nodes.firstChild(n); e != 0; e = s.edges.nextChild(e)) {
                    todo.push(s.edges.child(e));
                }
            } else if (NodeType.isFileLike(type)) {
                files++;
                long len = s.nodes.length(n);
                long fileSize = 0;
                long[] cs = s.nodes.chunks(n);
                if (cs != null) {
                    long last = len > 0 ? (len - 1) >>> FsState.CHUNK_BITS : 0;
                    long lastSize = len > 0 ? ((((len - 1) & (CHUNK - 1)) + BLOCK) & ~(BLOCK - 1)) + CHUNK_HEADER
                            : CHUNK_HEADER;
                    for (int i = 0; i < cs.length; i++) {
                        if (cs[i] != 0) {
                            chunks++;
                            fileSize += i < last ? CHUNK + CHUNK_HEADER : i == last ? lastSize : 0;
                        }
                    }
                }
                length += len;
                size += fileSize;
                int sclass = s.nodes.sclass(n);
                realSize += fileSize * (s.classes.exists(sclass) ? s.classes.get(sclass).goal() : 1);
            }
        }
        return FsResult.ok(new Results.DirStats((int) inodes, (int) dirs, (int) files, (int) chunks, length, size,
                realSize));
    }
}
