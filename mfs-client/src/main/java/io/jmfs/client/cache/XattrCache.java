package io.jmfs.client.cache;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Extended attribute values (and their absence) as the master last answered them, per inode, asking user and name,
 * for a fixed time (mfsmount's {@code mfsxattrcacheto}). The kernel asks for {@code security.capability} before every
 * write to a file; without this cache each such write costs a master round trip. Changes made through this client
 * update the cache; changes made by other clients show after the timeout at the latest, as with mfsmount.
 *
 * <p>Bounded: the least recently used entries go first. Thread-safe.
 */
public final class XattrCache {
    /** Entries kept at most. */
    static final int CAPACITY = 100_000;

    private record Key(int inode, int uid, int gid, String name) {}

    /** A cached answer; {@code value} empty means "no such attribute". */
    private record Entry(Optional<byte[]> value, long expiresNanos) {}

    private final long ttlNanos;
    private final LongSupplier clock;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    /** The keys of each inode's entries, so that forgetting one costs no scan of the whole cache. */
    private final Map<Integer, Set<Key>> byInode = new HashMap<>();

    /** A cache keeping answers for {@code ttlSeconds} (0: no caching at all). */
    public XattrCache(double ttlSeconds) {
        this(ttlSeconds, System::nanoTime);
    }

    XattrCache(double ttlSeconds, LongSupplier nanoClock) {
        if (!(ttlSeconds >= 0)) {
            throw new IllegalArgumentException("xattr cache timeout must be >= 0: " + ttlSeconds);
        }
        this.ttlNanos = (long) (ttlSeconds * 1e9);
        this.clock = nanoClock;
    }

    /**
     * The cached answer for this caller: empty when unknown (ask the master); else the value, or an empty value for
     * "no such attribute".
     */
    public synchronized Optional<Optional<byte[]>> get(int inode, int uid, int gid, String name) {
        Key k = new Key(inode, uid, gid, name);
        Entry e = entries.get(k);
        if (e == null) {
            return Optional.empty();
        }
        if (clock.getAsLong() - e.expiresNanos >= 0) {
            remove(k);
            return Optional.empty();
        }
        return Optional.of(e.value.map(byte[]::clone));
    }

    /** Remembers what the master answered to this caller ({@code value} empty: no such attribute). */
    public synchronized void put(int inode, int uid, int gid, String name, Optional<byte[]> value) {
        if (ttlNanos == 0) {
            return;
        }
        Key k = new Key(inode, uid, gid, name);
        entries.put(k, new Entry(value.map(byte[]::clone), clock.getAsLong() + ttlNanos));
        byInode.computeIfAbsent(inode, i -> new HashSet<>()).add(k);
        if (entries.size() > CAPACITY) {
            remove(entries.keySet().iterator().next()); // the least recently used
        }
    }

    private void remove(Key k) {
        entries.remove(k);
        Set<Key> keys = byInode.get(k.inode);
        if (keys != null && keys.remove(k) && keys.isEmpty()) {
            byInode.remove(k.inode);
        }
    }

    /** Forgets the attribute for every caller (it was set or removed here, so cached answers may be wrong). */
    public synchronized void forget(int inode, String name) {
        Set<Key> keys = byInode.get(inode);
        if (keys != null) {
            List.copyOf(keys).stream().filter(k -> k.name.equals(name)).forEach(this::remove);
        }
    }

    /** Forgets all of the inode's attributes. */
    public synchronized void forgetInode(int inode) {
        Set<Key> keys = byInode.remove(inode);
        if (keys != null) {
            keys.forEach(entries::remove);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** Inodes with entries (for tests: the index must not outlive the entries). */
    synchronized int indexedInodes() {
        return byInode.size();
    }
}
