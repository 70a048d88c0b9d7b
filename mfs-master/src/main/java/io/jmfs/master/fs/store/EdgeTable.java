package io.jmfs.master.fs.store;

/**
 * Directory entries ("edges": parent, name, child), stored column-wise in paged primitive arrays indexed by an
 * edge slot (1-based; 0 means "none"). Each edge is on two intrusive lists: its parent's children (doubly
 * linked, for O(1) removal and readdir) and its child's parents (hard links; singly linked, almost always one
 * element). A chained hash over (parent, name) finds an entry. Each edge's {@code chain} long holds the next
 * edge of its bucket (low half) and its own hash (high half): a walk compares hashes without touching the other
 * entries' columns, so a lookup costs one memory access per chain step instead of two or three, and a rehash
 * needs no name. The index costs one long per edge plus the bucket array. Trash and sustained entries have parent 0 and are not
 * hashed. Names live in a {@link NameArena}.
 */
public final class EdgeTable {
    private final PagedInts parent = new PagedInts(0);
    private final PagedInts child = new PagedInts(0);
    private final PagedInts nextChild = new PagedInts(0);
    private final PagedInts prevChild = new PagedInts(0);
    private final PagedInts nextParent = new PagedInts(0);
    private final PagedLongs chain = new PagedLongs(0L);
    private final PagedLongs edgeId = new PagedLongs(0L);
    private final PagedLongs nameRef = new PagedLongs(0L);
    private NameArena names = new NameArena();
    private int[] buckets = new int[1024];
    private int hashed;
    private int live;
    private int nextSlot = 1;
    private int freeHead;
    private final long compactionThreshold;

    public EdgeTable() {
        this(1L << 22);
    }

    /** @param compactionThreshold dead name bytes tolerated before names are compacted (when also > live) */
    public EdgeTable(long compactionThreshold) {
        this.compactionThreshold = compactionThreshold;
    }

    /** Sizes the name index for {@code expected} hashed entries at once (loading a dump), instead of doubling. */
    public void reserve(int expected) {
        int size = buckets.length;
        while (size < expected && size < (1 << 30)) {
            size <<= 1;
        }
        if (size > buckets.length) {
            rehash(size);
        }
    }

    /** Creates an edge record (not yet on any list); hashes it when it has a parent. */
    public int add(int parentInode, int childInode, byte[] name, long id) {
        return add(parentInode, childInode, name, id, parentInode == 0 ? 0 : hash(parentInode, name));
    }

    /**
     * {@link #add} for a directory entry, unless {@code parentInode} already holds one named {@code name}: then
     * nothing is added and the result is 0. One hash and one bucket walk instead of {@link #find} plus add
     * (loading a dump adds millions of entries this way).
     */
    public int addUnlessPresent(int parentInode, int childInode, byte[] name, long id) {
        if (parentInode == 0) {
            throw new IllegalArgumentException("trash and sustained entries are not indexed by name");
        }
        int h = hash(parentInode, name);
        if (find(parentInode, name, h) != 0) {
            return 0;
        }
        return add(parentInode, childInode, name, id, h);
    }

    private int add(int parentInode, int childInode, byte[] name, long id, int h) {
        if (parentInode != 0 && hashed >= buckets.length) {
            rehash(buckets.length * 2); // before this edge exists, or it would be chained twice
        }
        int slot;
        if (freeHead != 0) {
            slot = freeHead;
            freeHead = nextChild.get(slot);
        } else {
            slot = nextSlot++;
        }
        parent.set(slot, parentInode);
        child.set(slot, childInode);
        nextChild.set(slot, 0);
        prevChild.set(slot, 0);
        nextParent.set(slot, 0);
        edgeId.set(slot, id);
        nameRef.set(slot, names.store(name));
        live++;
        if (parentInode != 0) {
            int b = h & (buckets.length - 1);
            link(slot, buckets[b], h);
            buckets[b] = slot;
            hashed++;
        }
        return slot;
    }

    /** Drops an edge record (the caller has unlinked it from its lists). */
    public void remove(int slot) {
        int p = parent.get(slot);
        if (p != 0) {
            int b = storedHash(slot) & (buckets.length - 1);
            int prev = 0;
            for (int e = buckets[b]; e != 0; e = next(e)) {
                if (e == slot) {
                    if (prev == 0) {
                        buckets[b] = next(e);
                    } else {
                        link(prev, next(e), storedHash(prev));
                    }
                    break;
                }
                prev = e;
            }
            hashed--;
        }
        names.release(nameRef.get(slot));
        parent.set(slot, 0);
        child.set(slot, 0);
        nextChild.set(slot, freeHead);
        freeHead = slot;
        live--;
        if (names.garbage() > compactionThreshold && names.garbage() > names.usedBytes()) {
            compactNames();
        }
    }

    /** The edge named {@code name} in directory {@code parentInode}, or 0. */
    public int find(int parentInode, byte[] name) {
        return find(parentInode, name, hash(parentInode, name));
    }

    private int find(int parentInode, byte[] name, int h) {
        int b = h & (buckets.length - 1);
        for (int e = buckets[b]; e != 0; ) {
            long c = chain.get(e);
            if ((int) (c >>> 32) == h && parent.get(e) == parentInode && names.matches(nameRef.get(e), name)) {
                return e;
            }
            e = (int) c;
        }
        return 0;
    }

    /**
     * Whether looking up this directory entry's own parent and name finds exactly this entry (the name index is
     * intact for it); the consistency check asks this for every entry, so it copies no name.
     */
    public boolean foundByName(int slot) {
        int p = parent.get(slot);
        long ref = nameRef.get(slot);
        int h = hash(p, slot); // from the name itself: the stored hash is what is being checked
        if (storedHash(slot) != h) {
            return false;
        }
        int b = h & (buckets.length - 1);
        for (int e = buckets[b]; e != 0; e = next(e)) {
            if (storedHash(e) == h && parent.get(e) == p && names.sameName(nameRef.get(e), ref)) {
                return e == slot;
            }
        }
        return false;
    }

    public int parent(int slot) {
        return parent.get(slot);
    }

    public int child(int slot) {
        return child.get(slot);
    }

    public int nextChild(int slot) {
        return nextChild.get(slot);
    }

    public void setNextChild(int slot, int next) {
        nextChild.set(slot, next);
    }

    public int prevChild(int slot) {
        return prevChild.get(slot);
    }

    public void setPrevChild(int slot, int prev) {
        prevChild.set(slot, prev);
    }

    public int nextParent(int slot) {
        return nextParent.get(slot);
    }

    public void setNextParent(int slot, int next) {
        nextParent.set(slot, next);
    }

    public long edgeId(int slot) {
        return edgeId.get(slot);
    }

    public byte[] name(int slot) {
        return names.get(nameRef.get(slot));
    }

    public int nameLength(int slot) {
        return NameArena.length(nameRef.get(slot));
    }

    public int size() {
        return live;
    }

    public long nameBytes() {
        return names.usedBytes();
    }

    private int hash(int parentInode, int slot) {
        return mix(names.polynomialHash(parentInode, nameRef.get(slot)));
    }

    static int hash(int parentInode, byte[] name) {
        int h = parentInode;
        for (byte b : name) {
            h = 31 * h + (b & 0xFF);
        }
        return mix(h);
    }

    private static int mix(int h) {
        // murmur3 finalizer: the bucket index uses the low bits, which a plain polynomial hash leaves weak
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    private int next(int slot) {
        return (int) chain.get(slot);
    }

    private int storedHash(int slot) {
        return (int) (chain.get(slot) >>> 32);
    }

    private void link(int slot, int next, int h) {
        chain.set(slot, ((long) h << 32) | (next & 0xFFFFFFFFL));
    }

    private void rehash(int size) {
        int[] nb = new int[size];
        for (int slot = 1; slot < nextSlot; slot++) {
            int p = parent.get(slot);
            if (p != 0 && child.get(slot) != 0) {
                int h = storedHash(slot);
                int b = h & (size - 1);
                link(slot, nb[b], h);
                nb[b] = slot;
            }
        }
        buckets = nb;
    }

    private void compactNames() {
        NameArena fresh = new NameArena();
        for (int slot = 1; slot < nextSlot; slot++) {
            if (child.get(slot) != 0) {
                nameRef.set(slot, fresh.store(names.get(nameRef.get(slot))));
            }
        }
        names = fresh;
    }
}
