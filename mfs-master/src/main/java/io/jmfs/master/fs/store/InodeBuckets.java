package io.jmfs.master.fs.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A set of inode numbers split into a fixed number of buckets by {@code inode % buckets}, each bucket keeping its
 * members in the order they were added. The trash and the sustained files live here: MooseFS's periodic cleaning
 * visits one bucket per pass and its changelog names that bucket, so a pass must reach a bucket's members without
 * walking the whole set. A member costs four bytes; removal searches its bucket only.
 */
public final class InodeBuckets implements Iterable<Integer> {
    private static final int[] EMPTY = new int[0];

    private final int[][] buckets;
    private final int[] sizes;
    private int size;

    public InodeBuckets(int bucketCount) {
        if (bucketCount < 1) {
            throw new IllegalArgumentException("bucket count must be positive: " + bucketCount);
        }
        buckets = new int[bucketCount][];
        sizes = new int[bucketCount];
    }

    public int bucketCount() {
        return buckets.length;
    }

    /** The bucket {@code inode} belongs to. */
    public int bucketOf(int inode) {
        return Integer.remainderUnsigned(inode, buckets.length);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Adds {@code inode} at the end of its bucket; false when it is already there. */
    public boolean add(int inode) {
        int b = bucketOf(inode);
        if (indexIn(b, inode) >= 0) {
            return false;
        }
        int[] members = buckets[b];
        if (members == null) {
            members = buckets[b] = new int[4];
        } else if (sizes[b] == members.length) {
            members = buckets[b] = Arrays.copyOf(members, members.length * 2);
        }
        members[sizes[b]++] = inode;
        size++;
        return true;
    }

    /** Removes {@code inode}, keeping its bucket's order; false when it was not there. */
    public boolean remove(int inode) {
        int b = bucketOf(inode);
        int i = indexIn(b, inode);
        if (i < 0) {
            return false;
        }
        int[] members = buckets[b];
        System.arraycopy(members, i + 1, members, i, sizes[b] - i - 1);
        sizes[b]--;
        size--;
        if (sizes[b] == 0) {
            buckets[b] = null; // most buckets of a small trash are empty: give their arrays back
        }
        return true;
    }

    public boolean contains(int inode) {
        return indexIn(bucketOf(inode), inode) >= 0;
    }

    /** A copy of one bucket's members in order, so the caller may remove them while going through it. */
    public int[] bucket(int bucket) {
        int n = sizes[bucket];
        return n == 0 ? EMPTY : Arrays.copyOf(buckets[bucket], n);
    }

    /** Every member, in the order {@link #iterator()} gives them. */
    public int[] toArray() {
        int[] out = new int[size];
        int n = 0;
        for (int b = 0; b < buckets.length; b++) {
            if (sizes[b] > 0) {
                System.arraycopy(buckets[b], 0, out, n, sizes[b]);
                n += sizes[b];
            }
        }
        return out;
    }

    /** Every member, bucket by bucket, each bucket in insertion order. */
    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            private int bucket;
            private int index;

            @Override
            public boolean hasNext() {
                while (bucket < buckets.length && index >= sizes[bucket]) {
                    bucket++;
                    index = 0;
                }
                return bucket < buckets.length;
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buckets[bucket][index++];
            }
        };
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (int inode : this) {
            out.append(out.length() > 1 ? ", " : "").append(inode);
        }
        return out.append(']').toString();
    }

    private int indexIn(int bucket, int inode) {
        int[] members = buckets[bucket];
        for (int i = 0, n = sizes[bucket]; i < n; i++) {
            if (members[i] == inode) {
                return i;
            }
        }
        return -1;
    }
}
