package io.jmfs.client.cache;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.msg.client.SessionRequest.Amtime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Modification times this client has caused that the master has not been told yet (a 3.0.117 master leaves a file's
 * mtime alone when data is written: the client reports it with AMTIME_INODES).
 *
 * <p>As mfsmount does, the client notes each write here and sends what is pending in one packet a second, instead of
 * one packet per file. An explicit time change (utime after unpacking, {@code cp -p}) cancels what was pending, so
 * in the common pattern of writing a file and then setting its times the master hears nothing at all. Until the
 * master knows, {@link #apply} shows the later time in this client's own answers. A sent time stays for one more
 * round for that purpose, since answers already on their way may predate it.
 */
public final class PendingTimes {
    private record Pending(int mtime, boolean sent) {}

    private final Map<Integer, Pending> byInode = new ConcurrentHashMap<>();

    /** Data of {@code inode} was written at {@code mtime} (unix seconds). */
    public void modified(int inode, int mtime) {
        byInode.merge(inode, new Pending(mtime, false),
                (old, now) -> new Pending(later(old.mtime, now.mtime), false));
    }

    /** The file's mtime was set explicitly: the master has the time that counts. */
    public void mtimeSet(int inode) {
        byInode.remove(inode);
    }

    /** {@code attr} as the master sent it, with a later mtime this client knows of. */
    public Attr apply(int inode, Attr attr) {
        Pending p = byInode.get(inode);
        if (p == null || Integer.compareUnsigned(p.mtime, attr.mtime()) <= 0) {
            return attr;
        }
        return new Attr(attr.flags(), attr.type(), attr.mode(), attr.uid(), attr.gid(), attr.atime(), p.mtime,
                attr.ctime(), attr.nlink(), attr.size(), attr.winattr());
    }

    /**
     * The times to send now (each once), forgetting those sent last round. Empty when nothing is pending: no packet
     * goes out.
     */
    public List<Amtime> takeUnsent() {
        List<Amtime> out = new ArrayList<>();
        for (Map.Entry<Integer, Pending> e : byInode.entrySet()) {
            Pending p = e.getValue();
            if (p.sent) {
                byInode.remove(e.getKey(), p); // unless a write came meanwhile: that one is sent next round
            } else if (byInode.replace(e.getKey(), p, new Pending(p.mtime, true))) {
                out.add(new Amtime(e.getKey(), 0, p.mtime));
            }
        }
        return out;
    }

    private static int later(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }
}
