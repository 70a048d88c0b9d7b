package io.jmfs.client.cache;

import io.jmfs.protocol.Attr;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The attributes a LOOKUP just returned for a directory, per asking process (pid, uid and gid), for one second: the
 * answer to that process's next GETATTR of the directory, as mfsmount's lookup cache gives it. The kernel forgets a
 * directory's attributes whenever an entry is created in it, so a program that stats the folders of each path it
 * writes (unzip, tar) would otherwise cost a master round trip per file; the directory's own lookup, which the kernel
 * repeats each second, keeps the answer fresh. As with mfsmount, the answer may miss changes of the last second
 * (a new entry's effect on mtime and nlink); a change this client makes to the directory itself forgets it.
 *
 * <p>Bounded: the oldest entries go first. Thread-safe.
 */
public final class RecentLookups {
    /** How long an answer serves, in nanoseconds (mfsmount's one second). */
    static final long TTL_NANOS = 1_000_000_000L;
    /** Directories remembered at most. */
    static final int CAPACITY = 10_000;

    private record Caller(int pid, int uid, int gid) {}

    private record Answer(Attr attr, long takenNanos) {}

    private final LongSupplier clock;
    /** Per directory, in the order they were last looked up, the answer each caller got. */
    private final LinkedHashMap<Integer, Map<Caller, Answer>> answers = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Map<Caller, Answer>> eldest) {
            return size() > CAPACITY;
        }
    };

    public RecentLookups() {
        this(System::nanoTime);
    }

    RecentLookups(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    /** Notes the attributes of a directory that a lookup by process {@code pid} (as {@code uid}/{@code gid}) got. */
    public synchronized void remember(int inode, int pid, int uid, int gid, Attr attr) {
        answers.computeIfAbsent(inode, i -> new HashMap<>(2))
                .put(new Caller(pid, uid, gid), new Answer(attr, clock.getAsLong()));
    }

    /** The attributes a lookup by the same process returned less than a second ago, if any. */
    public synchronized Optional<Attr> recent(int inode, int pid, int uid, int gid) {
        Map<Caller, Answer> byCaller = answers.get(inode);
        if (byCaller == null) {
            return Optional.empty();
        }
        Caller c = new Caller(pid, uid, gid);
        Answer a = byCaller.get(c);
        if (a == null) {
            return Optional.empty();
        }
        if (clock.getAsLong() - a.takenNanos() >= TTL_NANOS) {
            byCaller.remove(c);
            if (byCaller.isEmpty()) {
                answers.remove(inode);
            }
            return Optional.empty();
        }
        return Optional.of(a.attr());
    }

    /** Forgets every answer about {@code inode} (this client changed it). */
    public synchronized void forget(int inode) {
        answers.remove(inode);
    }
}
