package io.jmfs.client.fuse;

import io.jmfs.client.Entry;
import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The virtual files mfsmount shows in the mount root. {@code .masterinfo} (inode 0x7FFFFFFF, mode 0444, 14 bytes:
 * {@code ip:32 port:16 sessionid:32 version:32}) tells MooseFS's own tools (mfsgetgoal, mfsfileinfo, ...) where the
 * mount's tool proxy listens; they then send their queries through it over the mount's master session.
 * Contents are taken at open, so a reader sees one consistent snapshot.
 */
final class SpecialFiles {
    static final String MASTERINFO = ".masterinfo";
    static final int MASTERINFO_INODE = 0x7FFFFFFF;
    /** Inodes from here up are mfsmount's internal files, never the master's. */
    static final int MIN_SPECIAL_INODE = 0x7FFFFFF0;

    private final Supplier<byte[]> masterInfo;
    private final Map<Long, byte[]> open = new ConcurrentHashMap<>();

    /** {@code masterInfo} gives the 14 bytes of .masterinfo; null when the mount has no tool proxy. */
    SpecialFiles(Supplier<byte[]> masterInfo) {
        this.masterInfo = masterInfo;
    }

    private static Attr masterInfoAttr() {
        return new Attr(0, NodeType.FILE, 0444, 0, 0, 0, 0, 0, 1, 14, 0);
    }

    Optional<Entry> lookup(String name) {
        if (masterInfo != null && name.equals(MASTERINFO)) {
            return Optional.of(new Entry(MASTERINFO, MASTERINFO_INODE, masterInfoAttr()));
        }
        return Optional.empty();
    }

    List<Entry> entries() {
        return lookup(MASTERINFO).stream().toList();
    }

    Optional<Attr> attr(int inode) {
        if (masterInfo != null && inode == MASTERINFO_INODE) {
            return Optional.of(masterInfoAttr());
        }
        return Optional.empty();
    }

    long open(int inode, long fh) {
        open.put(fh, masterInfo.get());
        return fh;
    }

    Optional<byte[]> read(long fh, long offset, int size) {
        byte[] content = open.get(fh);
        if (content == null) {
            return Optional.empty();
        }
        int from = (int) Math.min(offset, content.length);
        return Optional.of(Arrays.copyOfRange(content, from, (int) Math.min(content.length, from + (long) size)));
    }

    void release(long fh) {
        open.remove(fh);
    }
}
