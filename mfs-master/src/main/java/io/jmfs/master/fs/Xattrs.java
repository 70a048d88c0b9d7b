package io.jmfs.master.fs;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Extended attributes per inode. Few nodes have any, so plain maps keyed by inode are cheap enough here. */
final class Xattrs {
    private final Map<Integer, LinkedHashMap<Key, byte[]>> byInode = new HashMap<>();

    record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    byte[] get(int inode, byte[] name) {
        Map<Key, byte[]> m = byInode.get(inode);
        return m == null ? null : m.get(new Key(name));
    }

    boolean has(int inode, byte[] name) {
        return get(inode, name) != null;
    }

    /** Sum of (name length + 1) over the node's attributes: the size of the NUL-separated list. */
    int listLength(int inode) {
        Map<Key, byte[]> m = byInode.get(inode);
        if (m == null) {
            return 0;
        }
        int n = 0;
        for (Key k : m.keySet()) {
            n += k.bytes.length + 1;
        }
        return n;
    }

    byte[] list(int inode) {
        Map<Key, byte[]> m = byInode.get(inode);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (m != null) {
            for (Key k : m.keySet()) {
                out.write(k.bytes, 0, k.bytes.length);
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    void put(int inode, byte[] name, byte[] value) {
        byInode.computeIfAbsent(inode, i -> new LinkedHashMap<>()).put(new Key(name.clone()), value.clone());
    }

    /** Removes one attribute; true when the node has none left. */
    boolean remove(int inode, byte[] name) {
        Map<Key, byte[]> m = byInode.get(inode);
        if (m != null) {
            m.remove(new Key(name));
            if (m.isEmpty()) {
                byInode.remove(inode);
                return true;
            }
            return false;
        }
        return true;
    }

    void removeAll(int inode) {
        byInode.remove(inode);
    }

    Map<Key, byte[]> of(int inode) {
        return byInode.getOrDefault(inode, new LinkedHashMap<>());
    }

    /** Inodes that carry attributes, ascending (dump order). */
    int[] inodes() {
        return byInode.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
