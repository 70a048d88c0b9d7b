package io.jmfs.master.meta;

import io.jmfs.master.fs.NamespacePersistence;
import io.jmfs.master.quota.QuotaDefinition;
import java.io.IOException;
import java.util.List;

/**
 * The dump's QUOT section, version 1.1 as 3.0.117 writes it: {@code count:32} then per quota'd directory
 * {@code inode:32 graceperiod:32 exceeded:8 flags:8 stimestamp:32 sinodes:32 hinodes:32 slength:64 hlength:64
 * ssize:64 hsize:64 srealsize:64 hrealsize:64} (70 bytes). Usage is not stored: it is counted after loading.
 */
final class QuotaSection {
    static final int RECORD = 70;

    private QuotaSection() {
    }

    static void write(NamespacePersistence ns, DumpOutput out) throws IOException {
        List<QuotaDefinition> all = ns.quotas();
        out.u32(all.size());
        for (QuotaDefinition d : all) {
            out.u32(d.inode());
            out.u32(d.gracePeriod());
            out.u8(d.exceeded() ? 1 : 0);
            out.u8(d.flags());
            out.u32(d.softSince());
            out.u32(d.softInodes());
            out.u32(d.hardInodes());
            out.u64(d.softLength());
            out.u64(d.hardLength());
            out.u64(d.softSize());
            out.u64(d.hardSize());
            out.u64(d.softRealSize());
            out.u64(d.hardRealSize());
        }
    }

    static void read(DumpInput in, NamespacePersistence ns) throws IOException {
        long count = Integer.toUnsignedLong(in.u32("the quota count"));
        for (long i = 0; i < count; i++) {
            String what = "a quota record";
            int inode = in.u32(what);
            int grace = in.u32(what);
            int exceeded = in.u8(what);
            int flags = in.u8(what);
            QuotaDefinition d = new QuotaDefinition(inode, exceeded != 0, flags, in.u32(what), grace, in.u32(what),
                    in.u32(what), in.u64(what), in.u64(what), in.u64(what), in.u64(what), in.u64(what),
                    in.u64(what));
            try {
                ns.loadQuota(d);
            } catch (IllegalArgumentException e) {
                throw in.error(e.getMessage());
            }
        }
    }
}
