package io.jmfs.master.chunks;

import io.jmfs.master.fs.FsResult;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.NodeAttr;
import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.Objects;

/**
 * {@link FileChunkSlots} on a {@link Namespace}: each change goes through {@link Namespace#replay}, the namespace's
 * one mutation path, which records nothing (the chunk record that caused it is the changelog line).
 */
public final class NamespaceFileSlots implements FileChunkSlots {
    private static final int CHUNK_BITS = 26;

    private final Namespace namespace;

    public NamespaceFileSlots(Namespace namespace) {
        this.namespace = Objects.requireNonNull(namespace);
    }

    @Override
    public long chunkAt(int inode, int index) {
        FsResult<Long> found = namespace.chunkAt(inode, Integer.toUnsignedLong(index));
        if (!found.isOk()) {
            throw new IllegalStateException("inode " + Integer.toUnsignedString(inode) + " has no chunk slot "
                    + Integer.toUnsignedString(index) + ": " + found.status());
        }
        return found.value();
    }

    @Override
    public void setChunk(int ts, int inode, int index, long chunkId) {
        apply(new Change.SetFileChunk(ts, inode, index, chunkId));
    }

    @Override
    public void prepareForWrite(int ts, int inode, int index, boolean modTime) {
        long chunkStart = Integer.toUnsignedLong(index) << CHUNK_BITS;
        if (chunkStart > attr(inode).length()) {
            apply(new Change.Length(ts, inode, chunkStart, false));
        }
        if (modTime) {
            touch(ts, inode);
        }
        namespace.writeGranted(inode);
    }

    @Override
    public void touch(int ts, int inode) {
        NodeAttr a = attr(inode);
        apply(new Change.Amtime(ts, inode, a.atime(), ts, ts));
    }

    private NodeAttr attr(int inode) {
        FsResult<NodeAttr> attr = namespace.getattr(inode);
        if (!attr.isOk()) {
            throw new IllegalStateException("inode " + Integer.toUnsignedString(inode) + ": " + attr.status());
        }
        return attr.value();
    }

    private void apply(Change change) {
        MfsStatus status = namespace.replay(change);
        if (!status.isOk()) {
            throw new IllegalStateException("does not apply (" + status + "): " + change);
        }
    }
}
