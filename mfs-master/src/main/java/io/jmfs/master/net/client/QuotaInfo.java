package io.jmfs.master.net.client;

import io.jmfs.master.fs.FsResult;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.quota.QuotaDefinition;
import io.jmfs.master.quota.QuotaFlags;
import io.jmfs.master.quota.QuotaState;
import io.jmfs.protocol.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * mfscli's quota view (CLTOMA_QUOTA_INFO), as 3.0.117 answers it: per quota'd directory {@code inode:32 pleng:32
 * path graceperiod:32 exceeded:8 flags:8 timetoblock:32 sinodes:32 slength:64 ssize:64 srealsize:64 hinodes:32
 * hlength:64 hsize:64 hrealsize:64 curinodes:32 curlength:64 cursize:64 currealsize:64}; limits not set are 0,
 * time to block 0xFFFFFFFF while no soft limit is exceeded, 0 once its grace period ran out.
 */
final class QuotaInfo {
    private record Entry(byte[] path, QuotaState state) {
    }

    private QuotaInfo() {
    }

    static AdminReply report(ClientServices services) {
        Namespace ns = services.namespace();
        long now = services.wallClockMicros() / 1_000_000;
        List<Entry> entries = new ArrayList<>();
        for (QuotaState q : ns.quotas()) {
            int inode = q.definition().inode();
            FsResult<List<byte[]>> paths = ns.paths(Namespace.ROOT, inode);
            byte[] path = !paths.isOk() || paths.value().isEmpty() ? new byte[0] : paths.value().getFirst();
            String text = inode == Namespace.ROOT ? "/" : "/" + new String(path, StandardCharsets.ISO_8859_1);
            entries.add(new Entry(text.getBytes(StandardCharsets.ISO_8859_1), q));
        }
        return new AdminReply(MessageType.MATOCL_QUOTA_INFO.id(), out -> {
            for (Entry e : entries) {
                QuotaDefinition d = e.state().definition();
                out.writeInt(d.inode());
                out.writeInt(e.path().length);
                out.writeBytes(e.path());
                out.writeInt(d.gracePeriod());
                out.writeByte(d.exceeded() ? 1 : 0);
                out.writeByte(d.flags());
                long since = Integer.toUnsignedLong(d.softSince());
                long end = since + Integer.toUnsignedLong(d.gracePeriod());
                out.writeInt(since == 0 ? -1 : end < now ? 0 : (int) (end - now));
                out.writeInt(d.has(QuotaFlags.SOFT_INODES) ? d.softInodes() : 0);
                out.writeLong(d.has(QuotaFlags.SOFT_LENGTH) ? d.softLength() : 0);
                out.writeLong(d.has(QuotaFlags.SOFT_SIZE) ? d.softSize() : 0);
                out.writeLong(d.has(QuotaFlags.SOFT_REALSIZE) ? d.softRealSize() : 0);
                out.writeInt(d.has(QuotaFlags.HARD_INODES) ? d.hardInodes() : 0);
                out.writeLong(d.has(QuotaFlags.HARD_LENGTH) ? d.hardLength() : 0);
                out.writeLong(d.has(QuotaFlags.HARD_SIZE) ? d.hardSize() : 0);
                out.writeLong(d.has(QuotaFlags.HARD_REALSIZE) ? d.hardRealSize() : 0);
                out.writeInt((int) e.state().usage().inodes());
                out.writeLong(e.state().usage().length());
                out.writeLong(e.state().usage().size());
                out.writeLong(e.state().usage().realSize());
            }
        });
    }
}
