package io.jmfs.client.fuse;

import io.jmfs.client.Credentials;
import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import io.jmfs.client.MfsException;
import io.jmfs.client.MfsFile;
import io.jmfs.client.cache.RecentLookups;
import io.jmfs.client.cache.XattrCache;
import io.jmfs.protocol.Attr;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.NodeType;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file system as the kernel sees it, in Java terms: FUSE low-level operations (inode numbers are MooseFS's, 1 is
 * the mounted folder) carried out through an {@link MfsClient} acting for the calling process. Open files and
 * directory listings live in handle tables keyed by the number handed to the kernel. Special files in the root
 * (.masterinfo) are answered here without the master.
 */
final class MfsFilesystem {
    /** MooseFS's longest name (MFS_NAME_MAX). */
    static final int NAME_MAX = 255;
    private static final long MAX_FILES = 0x7FFFFFFFL;
    static final int O_TRUNC = 01000;
    /** The xattr holding a file's access ACL, whose mask a chmod rewrites. */
    private static final String POSIX_ACL_ACCESS = "system.posix_acl_access";
    /** Attributes the kernel asks about on writes (capabilities, integrity): known absent on a file just created. */
    private static final List<String> NO_XATTRS_WHEN_NEW = List.of("security.capability", "security.ima");

    /** An open regular file; its monitor serialises use of the handle (MfsFile is single-threaded). */
    static final class OpenFile {
        final int inode;
        final MfsFile file;
        final boolean writable;
        /**
         * The end of the furthest write through this handle (reset by truncate). Kept here because the library's
         * {@code MfsFile.length()} forgets a buffer while it is written in the background and keeps the start of
         * the last flushed extent after a shrinking truncate.
         */
        long writtenEnd;

        OpenFile(int inode, MfsFile file, boolean writable) {
            this.inode = inode;
            this.file = file;
            this.writable = writable;
        }
    }

    /** A directory listing taken at opendir, so that readdir offsets stay stable while it is read. */
    record Listing(List<Entry> entries) {}

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MfsFilesystem.class);
    private final MfsClient client;
    private final SpecialFiles specials;
    private final AtomicLong handles = new AtomicLong();
    private final Map<Long, OpenFile> files = new ConcurrentHashMap<>();
    private final Map<Integer, List<OpenFile>> filesByInode = new ConcurrentHashMap<>();
    private final Map<Long, Listing> listings = new ConcurrentHashMap<>();
    private final XattrCache xattrs;
    private final RecentLookups recentLookups = new RecentLookups();

    MfsFilesystem(MfsClient client, SpecialFiles specials, XattrCache xattrs) {
        this.client = client;
        this.specials = specials;
        this.xattrs = xattrs;
    }

    private static String checkName(String name) throws IOException {
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw new Errnos.NameTooLongException(name);
        }
        return name;
    }

    /** A name in a directory, looked up for process {@code pid}. */
    Entry lookup(Credentials who, int pid, int parent, String name) throws IOException {
        if (parent == MfsClient.ROOT) {
            Optional<Entry> special = specials.lookup(name);
            if (special.isPresent()) {
                return special.get();
            }
        }
        checkName(name);
        Entry e = client.actingAs(who, () -> client.lookup(parent, name));
        if (e.attr().type() == NodeType.DIRECTORY) {
            recentLookups.remember(e.inode(), pid, who.uid(), who.gid(), e.attr());
        }
        return e;
    }

    /**
     * The node's attributes as the master (or, for a special file, this mount) has them; for a directory that process
     * {@code pid} looked up less than a second ago, what that lookup returned ({@link RecentLookups}).
     */
    Attr attr(Credentials who, int pid, int inode) throws IOException {
        Optional<Attr> special = specials.attr(inode);
        if (special.isPresent()) {
            return special.get();
        }
        Optional<Attr> recent = recentLookups.recent(inode, pid, who.uid(), who.gid());
        if (recent.isPresent()) {
            return recent.get();
        }
        return client.actingAs(who, () -> client.getattr(inode));
    }

    /**
     * The attributes as this client knows them: the length including data written here but not yet flushed to the
     * chunkservers, the modification time of writes the master has not been told of yet.
     */
    StatValues withLocalState(int inode, Attr masterAttr) {
        Attr attr = client.withPendingTimes(inode, masterAttr);
        long length = attr.size();
        if (attr.type() == NodeType.FILE) {
            for (OpenFile f : filesByInode.getOrDefault(inode, List.of())) {
                if (f.writable) {
                    synchronized (f) {
                        length = Math.max(length, f.writtenEnd);
                    }
                }
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("attr of {}: master length {}, local {}", inode, attr.size(), length);
        }
        return StatValues.of(inode, attr, length);
    }

    /** What setattr may change, as the kernel's FUSE_SET_ATTR_* bits say. */
    record AttrChange(boolean mode, boolean uid, boolean gid, boolean size, boolean atime, boolean atimeNow,
                      boolean mtime, boolean mtimeNow, int newMode, int newUid, int newGid, long newSize,
                      long newAtime, long newMtime) {
        static final int SET_MODE = 1;
        static final int SET_UID = 2;
        static final int SET_GID = 4;
        static final int SET_SIZE = 8;
        static final int SET_ATIME = 16;
        static final int SET_MTIME = 32;
        static final int SET_ATIME_NOW = 128;
        static final int SET_MTIME_NOW = 256;

        static AttrChange of(int toSet, int mode, int uid, int gid, long size, long atime, long mtime) {
            return new AttrChange((toSet & SET_MODE) != 0, (toSet & SET_UID) != 0, (toSet & SET_GID) != 0,
                    (toSet & SET_SIZE) != 0, (toSet & SET_ATIME) != 0, (toSet & SET_ATIME_NOW) != 0,
                    (toSet & SET_MTIME) != 0, (toSet & SET_MTIME_NOW) != 0, mode & 07777, uid, gid, size, atime,
                    mtime);
        }

        /** The master's SETATTR mask for everything except the size (a TRUNCATE of its own). */
        int masterMask() {
            int m = 0;
            m |= mode ? NamespaceRequest.SetAttr.SET_MODE : 0;
            m |= uid ? NamespaceRequest.SetAttr.SET_UID : 0;
            m |= gid ? NamespaceRequest.SetAttr.SET_GID : 0;
            m |= atimeNow ? NamespaceRequest.SetAttr.SET_ATIME_NOW : atime ? NamespaceRequest.SetAttr.SET_ATIME : 0;
            m |= mtimeNow ? NamespaceRequest.SetAttr.SET_MTIME_NOW : mtime ? NamespaceRequest.SetAttr.SET_MTIME : 0;
            return m;
        }
    }

    StatValues setattr(Credentials who, int inode, AttrChange change) throws IOException {
        if (specials.attr(inode).isPresent()) {
            throw new MfsException(MfsStatus.EPERM, "setattr of a special file");
        }
        recentLookups.forget(inode);
        return client.actingAs(who, () -> {
            Attr attr = null;
            if (change.size()) {
                attr = truncate(inode, change.newSize());
            }
            if (change.mode()) {
                xattrs.forget(inode, POSIX_ACL_ACCESS);
            }
            int mask = change.masterMask();
            if (mask != 0 || attr == null) {
                attr = client.setattr(inode, mask, change.newMode(), change.newUid(), change.newGid(),
                        (int) change.newAtime(), (int) change.newMtime());
            }
            return withLocalState(inode, attr);
        });
    }

    /** Truncates through the open handles of the file (they must drop buffered data and know the new length). */
    private Attr truncate(int inode, long length) throws IOException {
        List<OpenFile> open = filesByInode.getOrDefault(inode, List.of());
        if (open.isEmpty()) {
            return client.truncate(inode, length, false);
        }
        for (OpenFile f : open) {
            synchronized (f) {
                f.file.truncate(length);
                f.writtenEnd = length;
            }
        }
        return client.getattr(inode);
    }

    String readlink(Credentials who, int inode) throws IOException {
        return client.actingAs(who, () -> client.readlink(inode));
    }

    Entry mknod(Credentials who, int parent, String name, int mode, long rdev) throws IOException {
        NodeType type = StatValues.nodeType(mode);
        if (type == null || type == NodeType.DIRECTORY || type == NodeType.SYMLINK) {
            throw new MfsException(MfsStatus.EINVAL, "mknod of mode " + Integer.toOctalString(mode));
        }
        checkName(name);
        NamespaceReply.EntryReply r = client.session().request(id -> new NamespaceRequest.Mknod(id, parent,
                ByteString.utf8(name), type.code(), mode & 07777, 0, who.uid(), who.gids(), (int) rdev),
                NamespaceReply.EntryReply.class, "mknod " + name);
        return new Entry(name, r.inode(), r.attr());
    }

    Entry mkdir(Credentials who, int parent, String name, int mode) throws IOException {
        checkName(name);
        return client.actingAs(who, () -> client.mkdir(parent, name, mode & 07777));
    }

    void unlink(Credentials who, int parent, String name) throws IOException {
        refuseSpecial(parent, name);
        client.actingAs(who, () -> {
            client.unlink(parent, checkName(name));
            return null;
        });
    }

    void rmdir(Credentials who, int parent, String name) throws IOException {
        client.actingAs(who, () -> {
            client.rmdir(parent, checkName(name));
            return null;
        });
    }

    Entry symlink(Credentials who, String target, int parent, String name) throws IOException {
        checkName(name);
        return client.actingAs(who, () -> client.symlink(parent, name, target));
    }

    void rename(Credentials who, int parent, String name, int newParent, String newName, int flags)
            throws IOException {
        if (flags != 0) {
            // RENAME_NOREPLACE / RENAME_EXCHANGE: MooseFS 3.0 has no such rename
            throw new MfsException(MfsStatus.EINVAL, "rename flags " + flags);
        }
        refuseSpecial(parent, name);
        refuseSpecial(newParent, newName);
        checkName(newName);
        client.actingAs(who, () -> client.rename(parent, checkName(name), newParent, newName));
    }

    Entry link(Credentials who, int inode, int newParent, String newName) throws IOException {
        checkName(newName);
        if (specials.attr(inode).isPresent()) {
            throw new MfsException(MfsStatus.EPERM, "link to a special file");
        }
        return client.actingAs(who, () -> client.link(inode, newParent, newName));
    }

    private void refuseSpecial(int parent, String name) throws MfsException {
        if (parent == MfsClient.ROOT && specials.lookup(name).isPresent()) {
            throw new MfsException(MfsStatus.EPERM, "special file " + name);
        }
    }

    // ---- files ----

    /** Whether open flags ask for writing (O_WRONLY or O_RDWR). */
    static boolean writes(int flags) {
        return (flags & 3) != 0;
    }

    long open(Credentials who, int inode, int flags) throws IOException {
        if (specials.attr(inode).isPresent()) {
            if (writes(flags)) {
                throw new MfsException(MfsStatus.EACCES, "special files are read-only");
            }
            return specials.open(inode, handles.incrementAndGet());
        }
        MfsFile file = client.actingAs(who, () -> {
            MfsFile f = client.open(inode, writes(flags));
            if (writes(flags) && (flags & O_TRUNC) != 0) {
                try {
                    f.truncate(0); // libfuse asks the kernel for atomic O_TRUNC: the truncate is ours to do
                } catch (IOException e) {
                    f.close();
                    throw e;
                }
            }
            return f;
        });
        return register(new OpenFile(inode, file, writes(flags)));
    }

    /** Creates and opens; the entry's attributes are those of the master's CREATE reply (no second round trip). */
    record Created(Entry entry, long handle) {}

    Created create(Credentials who, int parent, String name, int mode) throws IOException {
        checkName(name);
        refuseSpecial(parent, name);
        MfsClient.CreatedFile created = client.actingAs(who, () -> client.createFile(parent, name, mode & 07777));
        MfsFile file = created.file();
        // a new file has no attributes yet: spare the master the kernel's question before each write (as mfsmount)
        for (String xattr : NO_XATTRS_WHEN_NEW) {
            xattrs.put(file.inode(), who.uid(), who.gid(), xattr, Optional.empty());
        }
        long fh = register(new OpenFile(file.inode(), file, true));
        return new Created(new Entry(name, file.inode(), created.attr()), fh);
    }

    private long register(OpenFile f) {
        long fh = handles.incrementAndGet();
        files.put(fh, f);
        filesByInode.computeIfAbsent(f.inode, i -> new CopyOnWriteArrayList<>()).add(f);
        return fh;
    }

    private OpenFile file(long fh) throws MfsException {
        OpenFile f = files.get(fh);
        if (f == null) {
            throw new MfsException(MfsStatus.EINVAL, "no open file " + fh);
        }
        return f;
    }

    /**
     * Reads up to {@code size} bytes at {@code offset} into memory from {@code allocator} (the request's native arena:
     * the data goes from the read-ahead window straight into the buffer the kernel's reply is sent from).
     */
    MemorySegment read(long fh, long offset, int size, SegmentAllocator allocator) throws IOException {
        Optional<byte[]> special = specials.read(fh, offset, size);
        if (special.isPresent()) {
            byte[] data = special.get();
            return data.length == 0 ? MemorySegment.NULL : allocator.allocateFrom(ValueLayout.JAVA_BYTE, data);
        }
        OpenFile f = file(fh);
        if (size == 0) {
            return MemorySegment.NULL;
        }
        MemorySegment buf = allocator.allocate(size);
        int n;
        synchronized (f) {
            n = f.file.readFully(offset, buf);
        }
        return n == 0 ? MemorySegment.NULL : buf.asSlice(0, n);
    }

    void write(long fh, long offset, MemorySegment data) throws IOException {
        OpenFile f = file(fh);
        synchronized (f) {
            f.file.write(offset, data);
            f.writtenEnd = Math.max(f.writtenEnd, offset + data.byteSize());
        }
    }

    /** close() of a descriptor, fsync: everything written reaches the chunkservers and the master. */
    void flush(long fh) throws IOException {
        OpenFile f = files.get(fh);
        if (f == null) {
            return; // a special file
        }
        if (f.writable) {
            synchronized (f) {
                f.file.fsync();
            }
        }
    }

    void release(long fh) throws IOException {
        specials.release(fh);
        OpenFile f = files.remove(fh);
        if (f == null) {
            return;
        }
        filesByInode.computeIfPresent(f.inode, (i, list) -> {
            list.remove(f);
            return list.isEmpty() ? null : list;
        });
        synchronized (f) {
            f.file.close();
        }
    }

    /** Flushes and closes every open file (at unmount). */
    void releaseAll() {
        for (Long fh : List.copyOf(files.keySet())) {
            try {
                release(fh);
            } catch (IOException e) {
                // the file's data could not be written; nobody is left to tell
            }
        }
    }

    // ---- directories ----

    long opendir(Credentials who, int inode) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Attr self = client.actingAs(who, () -> client.getattr(inode));
        entries.add(new Entry(".", inode, self));
        entries.add(new Entry("..", inode, self));
        if (inode == MfsClient.ROOT) {
            entries.addAll(specials.entries());
        }
        entries.addAll(client.actingAs(who, () -> client.readdir(inode)));
        long fh = handles.incrementAndGet();
        listings.put(fh, new Listing(List.copyOf(entries)));
        return fh;
    }

    List<Entry> listing(long fh) throws MfsException {
        Listing l = listings.get(fh);
        if (l == null) {
            throw new MfsException(MfsStatus.EINVAL, "no open directory " + fh);
        }
        return l.entries();
    }

    void releasedir(long fh) {
        listings.remove(fh);
    }

    // ---- the rest ----

    NamespaceReply.Statfs statfs() throws IOException {
        return client.statfs();
    }

    static long maxFiles() {
        return MAX_FILES;
    }

    void access(Credentials who, int inode, int mask) throws IOException {
        if (specials.attr(inode).isPresent()) {
            if ((mask & 2) != 0) {
                throw new MfsException(MfsStatus.EACCES, "special files are read-only");
            }
            return;
        }
        client.session().request(id -> new NamespaceRequest.Access(id, inode, who.uid(), who.gids(), mask & 7),
                MasterReply.Status.class, "access " + inode);
    }

    Optional<byte[]> getxattr(Credentials who, int inode, String name) throws IOException {
        if (specials.attr(inode).isPresent()) {
            return Optional.empty();
        }
        Optional<Optional<byte[]>> cached = xattrs.get(inode, who.uid(), who.gid(), name);
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<byte[]> value = client.actingAs(who, () -> client.getxattr(inode, name));
        xattrs.put(inode, who.uid(), who.gid(), name, value);
        return value;
    }

    List<String> listxattr(Credentials who, int inode) throws IOException {
        if (specials.attr(inode).isPresent()) {
            return List.of();
        }
        return client.actingAs(who, () -> client.listxattr(inode));
    }

    void setxattr(Credentials who, int inode, String name, byte[] value, int flags) throws IOException {
        int mode = switch (flags & 3) {
            case 1 -> MfsClient.XATTR_CREATE_ONLY;
            case 2 -> MfsClient.XATTR_REPLACE_ONLY;
            default -> MfsClient.XATTR_CREATE_OR_REPLACE;
        };
        try {
            client.actingAs(who, () -> {
                client.setxattr(inode, name, value, mode);
                return null;
            });
        } finally {
            xattrs.forget(inode, name); // after the change: an answer cached meanwhile may predate it
        }
    }

    void removexattr(Credentials who, int inode, String name) throws IOException {
        try {
            client.actingAs(who, () -> {
                client.removexattr(inode, name);
                return null;
            });
        } finally {
            xattrs.forget(inode, name); // after the change: an answer cached meanwhile may predate it
        }
    }

}
