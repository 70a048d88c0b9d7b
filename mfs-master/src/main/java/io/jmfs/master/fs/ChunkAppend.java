package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;
import java.util.Arrays;

/**
 * APPEND, applied (live after {@link AppendOps} resolved the slice, and in replay): the destination's length rounds
 * up to a chunk boundary and the source's chunks of the slice follow in new slots. The chunks are shared, not
 * copied: each gains one file reference, exactly as a snapshot copy's do, so the chunk layer copies a chunk on the
 * first write through either file.
 */
final class ChunkAppend {
    private final FsState s;

    ChunkAppend(FsState state) {
        this.s = state;
    }

    /** What the change does, or why it cannot: checked in full before anything changes. */
    record Plan(MfsStatus status, boolean nothing, long from, long to, int dstChunks, int newChunks, long length) {
        static Plan refused(MfsStatus status) {
            return new Plan(status, false, 0, 0, 0, 0, 0);
        }
    }

    Plan plan(Change.Append c) {
        int dst = c.inode();
        int src = c.srcInode();
        if (dst == src) {
            return Plan.refused(MfsStatus.EINVAL);
        }
        for (int inode : new int[] {src, dst}) {
            if (!NodeType.isFileLike(s.type(inode))) {
                return Plan.refused(s.nodes.exists(inode) ? MfsStatus.EPERM : MfsStatus.ENOENT);
            }
        }
        long srcLength = s.nodes.length(src);
        if (srcLength == 0) {
            return new Plan(MfsStatus.OK, true, 0, 0, 0, 0, s.nodes.length(dst));
        }
        long last = (srcLength - 1) >>> FsState.CHUNK_BITS;
        long from = c.wholeFile() ? 0 : Integer.toUnsignedLong(c.sliceFrom());
        long to = c.wholeFile() ? last : Integer.toUnsignedLong(c.sliceTo());
        if (to > last || from > last || from > to) {
            return Plan.refused(MfsStatus.EINVAL);
        }
        long dstLength = s.nodes.length(dst);
        long dstChunks = dstLength == 0 ? 0 : ((dstLength - 1) >>> FsState.CHUNK_BITS) + 1;
        long newChunks = dstChunks + (to - from + 1);
        if (newChunks - 1 > AttrOps.MAX_INDEX) {
            return Plan.refused(MfsStatus.INDEXTOOBIG);
        }
        // a slice reaching the source's last chunk keeps its partial length; one ending earlier is whole chunks
        long length = to == last ? (dstChunks << FsState.CHUNK_BITS) + srcLength - (from << FsState.CHUNK_BITS)
                : newChunks << FsState.CHUNK_BITS;
        return new Plan(MfsStatus.OK, false, from, to, (int) dstChunks, (int) newChunks, length);
    }

    MfsStatus apply(Change.Append c) {
        Plan p = plan(c);
        if (!p.status().isOk() || p.nothing()) {
            return p.status();
        }
        int dst = c.inode();
        int src = c.srcInode();
        long[] old = s.nodes.chunks(dst);
        long[] srcSlots = s.nodes.chunks(src);
        long[] slots = new long[p.newChunks()];
        if (old != null) {
            System.arraycopy(old, 0, slots, 0, Math.min(old.length, p.dstChunks()));
        }
        int placement = s.classes.effective(s.nodes.sclass(dst)).id();
        for (int i = 0; i < p.newChunks() - p.dstChunks(); i++) {
            long at = p.from() + i;
            long chunk = srcSlots != null && at < srcSlots.length ? srcSlots[(int) at] : 0;
            slots[p.dstChunks() + i] = chunk;
            if (chunk != 0) {
                s.releaser.referenced(dst, chunk, placement);
            }
        }
        // slots past the old end (left by a rolled-back write) lose their chunk only after the new references, so
        // a chunk both dropped and re-added never reaches zero files in between
        if (old != null) {
            for (int i = p.dstChunks(); i < old.length; i++) {
                if (old[i] != 0) {
                    s.releaser.released(dst, old[i]);
                }
            }
        }
        s.nodes.setChunks(dst, slots.length == 0 ? null : Arrays.copyOf(slots, slots.length));
        s.setLength(dst, p.length());
        s.nodes.setMtime(dst, c.ts());
        s.nodes.setAtime(dst, c.ts());
        s.nodes.setAtime(src, c.ts());
        return MfsStatus.OK;
    }
}
