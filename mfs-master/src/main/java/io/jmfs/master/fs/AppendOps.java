package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.protocol.MfsStatus;

/**
 * APPEND_SLICE, live: MooseFS's caller-facing checks, then the slice as the tool gives it ({@code [from,to)}, either
 * end possibly counted back from the source's end) resolved to the absolute inclusive chunk range the APPEND line
 * records; {@link ChunkAppend} applies it. A slice with nothing in it changes nothing and records nothing.
 */
final class AppendOps {
    static final int FROM_NEG = 0x01;
    static final int TO_NEG = 0x02;

    private final FsCore core;
    private final FsState s;

    AppendOps(FsCore core) {
        this.core = core;
        this.s = core.s;
    }

    /** MooseFS's order: same file, existence, source type and read access, target type, immutable, write access. */
    FsResult<Long> append(Credentials c, int flags, int dst, int src, int sliceFrom, int sliceTo) {
        if (dst == src) {
            return FsResult.error(MfsStatus.EINVAL);
        }
        if (!core.exists(src) || !core.exists(dst)) {
            return FsResult.error(MfsStatus.ENOENT);
        }
        if (!NodeType.isFileLike(s.type(src))) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (!Perms.allows(s, src, c, Perms.R)) {
            return FsResult.error(MfsStatus.EACCES);
        }
        if (!NodeType.isFileLike(s.type(dst)) || (s.nodes.eattr(dst) & NodeAttr.EATTR_IMMUTABLE) != 0) {
            return FsResult.error(MfsStatus.EPERM);
        }
        if (!Perms.allows(s, dst, c, Perms.W)) {
            return FsResult.error(MfsStatus.EACCES);
        }
        long unchanged = s.nodes.length(dst);
        long srcLength = s.nodes.length(src);
        if (srcLength == 0) {
            return FsResult.ok(unchanged);
        }
        long end = ((srcLength - 1) >>> FsState.CHUNK_BITS) + 1; // chunks in the source
        long from = Integer.toUnsignedLong(sliceFrom);
        long to = Integer.toUnsignedLong(sliceTo);
        if ((flags & FROM_NEG) != 0) {
            from = from > end ? 0 : end - from;
        }
        if ((flags & TO_NEG) != 0) {
            if (to > end) {
                return FsResult.ok(unchanged);
            }
            to = end - to;
        }
        if (to <= from) {
            return FsResult.ok(unchanged);
        }
        long lastIncluded = Math.min(to - 1, end - 1);
        if (lastIncluded < from) {
            return FsResult.ok(unchanged);
        }
        Change.Append change = new Change.Append(core.clock.now(), dst, src, (int) from, (int) lastIncluded);
        ChunkAppend.Plan plan = new ChunkAppend(s).plan(change);
        if (!plan.status().isOk()) {
            return FsResult.error(plan.status());
        }
        if (!plan.nothing() && core.quotas.refusesAppend(dst, plan.length(), plan.newChunks() - plan.dstChunks())) {
            return FsResult.error(MfsStatus.QUOTA);
        }
        core.commit(change);
        return FsResult.ok(s.nodes.length(dst));
    }
}
