package io.jmfs.client.fuse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jmfs.client.Credentials;
import io.jmfs.client.Entry;
import io.jmfs.protocol.Attr;
import io.jmfs.protocol.msg.client.NamespaceReply;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libfuse3 low-level session serving an {@link MfsFilesystem}. libfuse's multi-threaded loop reads the kernel's
 * requests on a pool of worker threads and calls the upcalls below on them; each upcall copies what it needs out of
 * libfuse's buffers and does the work right there, answering with a {@code fuse_reply_*} call, as mfsmount's workers
 * do. A request never waits for a hand-off to another thread, and a worker that waits for the master or a chunkserver
 * blocks only itself: libfuse starts another worker when none is free (up to {@link #MAX_WORKERS}). Requests on one
 * open file go through that file's {@link SerialExecutor}, so they run one at a time in arrival order.
 */
final class FuseSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FuseSession.class);
    /** libfuse worker threads at most: requests beyond this many in progress wait in the kernel's queue. */
    static final int MAX_WORKERS = 64;
    /** Slots in struct fuse_lowlevel_ops of libfuse 3.14 (init .. lseek). */
    private static final int OPS_SLOTS = 44;
    private static final List<String> OPS = List.of("init", "destroy", "lookup", "forget", "getattr", "setattr",
            "readlink", "mknod", "mkdir", "unlink", "rmdir", "symlink", "rename", "link", "open", "read", "write",
            "flush", "release", "fsync", "opendir", "readdir", "releasedir", "fsyncdir", "statfs", "setxattr",
            "getxattr", "listxattr", "removexattr", "access", "create");

    /** Fields of struct fuse_ctx, as {@link LibFuse#requestContext} returns them. */
    private static final int CTX_UID = 0;
    private static final int CTX_GID = 1;
    private static final int CTX_PID = 2;

    private final LibFuse fuse;
    private final MfsFilesystem fs;
    private final CacheTimeouts timeouts;
    private final Arena arena = Arena.ofShared();
    private final Map<Long, SerialExecutor> perFile = new ConcurrentHashMap<>();
    private final AtomicBoolean unmounted = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private MemorySegment session = MemorySegment.NULL;

    FuseSession(LibFuse fuse, MfsFilesystem fs, CacheTimeouts timeouts) {
        this.fuse = fuse;
        this.fs = fs;
        this.timeouts = timeouts;
    }

    /** Creates the session with libfuse options ({@code args[0]} is the program name) and mounts it. */
    void mount(List<String> args, Path mountpoint) throws IOException {
        MemorySegment ops = arena.allocate(OPS_SLOTS * 8L, 8);
        ops.fill((byte) 0);
        for (int slot = 0; slot < OPS.size(); slot++) {
            Optional<MemorySegment> stub = stub(OPS.get(slot));
            if (stub.isPresent()) {
                ops.setAtIndex(ADDRESS, slot, stub.get());
            }
        }
        MemorySegment argv = arena.allocate(ADDRESS, args.size() + 1);
        for (int i = 0; i < args.size(); i++) {
            argv.setAtIndex(ADDRESS, i, arena.allocateFrom(args.get(i)));
        }
        argv.setAtIndex(ADDRESS, args.size(), MemorySegment.NULL);
        MemorySegment fuseArgs = arena.allocate(24, 8);
        fuseArgs.set(JAVA_INT, 0, args.size());
        fuseArgs.set(ADDRESS, 8, argv);
        fuseArgs.set(JAVA_INT, 16, 0);
        session = fuse.sessionNew(fuseArgs, ops, ops.byteSize());
        if (session.equals(MemorySegment.NULL)) {
            throw new IOException("fuse_session_new failed (bad -o option? libfuse printed why)");
        }
        if (fuse.sessionMount(session, arena.allocateFrom(mountpoint.toString())) != 0) {
            fuse.sessionDestroy(session);
            session = MemorySegment.NULL;
            throw new IOException("mounting on " + mountpoint + " failed (libfuse printed why)");
        }
    }

    /** Serves the kernel until the file system is unmounted (umount, or {@link #unmount}). */
    int loop() {
        return fuse.sessionLoopMultithreaded(session, MAX_WORKERS);
    }

    /**
     * Leaves the loop and detaches the mount; idempotent. Synchronized with {@link #close}: libfuse's unmount and
     * destroy both free the session's memory, so they must never overlap (a signal's unmount runs on a JVM
     * shutdown-hook thread while the main thread may be closing).
     */
    synchronized void unmount() {
        if (unmounted.compareAndSet(false, true) && !session.equals(MemorySegment.NULL)) {
            fuse.sessionExit(session);
            fuse.sessionUnmount(session);
        }
    }

    /** Waits until {@link #close} has flushed the open files and released the session. */
    boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        unmount(); // the loop has returned: libfuse joined its workers, so no request is in progress
        fs.releaseAll();
        synchronized (this) {
            if (!session.equals(MemorySegment.NULL)) {
                fuse.sessionDestroy(session);
                session = MemorySegment.NULL;
            }
        }
        closed.countDown();
    }

    private Optional<MemorySegment> stub(String name) {
        FunctionDescriptor fd = switch (name) {
            case "lookup", "unlink", "rmdir", "removexattr" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS);
            case "forget" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG);
            case "getattr", "open", "flush", "release", "opendir", "releasedir" ->
                    FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS);
            case "setattr" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, ADDRESS);
            case "readlink", "statfs" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG);
            case "mknod" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG);
            case "mkdir" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT);
            case "symlink" -> FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
            case "rename" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT);
            case "link" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS);
            case "read", "readdir" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS);
            case "write" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS);
            case "fsync", "fsyncdir" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS);
            case "setxattr" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);
            case "getxattr" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
            case "listxattr" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG);
            case "access" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_INT);
            case "create" -> FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, ADDRESS);
            default -> null; // init, destroy: libfuse's defaults do
        };
        if (fd == null) {
            return Optional.empty();
        }
        try {
            MethodHandle target = MethodHandles.lookup().findVirtual(FuseSession.class, name, fd.toMethodType())
                    .bindTo(this);
            return Optional.of(Linker.nativeLinker().upcallStub(target, fd, arena));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no upcall for " + name, e);
        }
    }

    // ---- plumbing ----

    /** The work of one request: returns normally after replying, or throws for an error reply. */
    @FunctionalInterface
    private interface Work {
        void run(Arena a) throws Exception;
    }

    /** Does the work on this (libfuse worker) thread and answers. */
    private void submit(MemorySegment req, Work work) {
        answer(req, work);
    }

    /** Does the work in turn with the other requests on the same file (at once if none is in progress). */
    private void submitTo(SerialExecutor queue, MemorySegment req, Work work) {
        queue.execute(() -> answer(req, work));
    }

    private void answer(MemorySegment req, Work work) {
        try (Arena a = Arena.ofConfined()) {
            work.run(a);
        } catch (Throwable t) {
            int errno = Errnos.of(t);
            if (errno == Errnos.EIO) {
                LOG.warn("operation failed: {}", t.toString());
                LOG.debug("details", t);
            }
            fuse.replyErr(req, errno);
        }
    }

    private SerialExecutor queueOf(long fh) {
        return perFile.computeIfAbsent(fh, h -> new SerialExecutor());
    }

    private Credentials caller(MemorySegment req) {
        return credentials(fuse.requestContext(req));
    }

    private static Credentials credentials(int[] ctx) {
        return new Credentials(ctx[CTX_UID], ctx[CTX_GID]);
    }

    private static String string(MemorySegment cString) {
        return RawMemory.string(cString);
    }

    private static int ino(long ino) {
        return (int) ino;
    }

    private static long fh(MemorySegment fi) {
        return RawMemory.at(fi, NativeLayouts.FILE_INFO_SIZE).get(JAVA_LONG, NativeLayouts.FILE_INFO_FH);
    }

    private static int openFlags(MemorySegment fi) {
        return RawMemory.at(fi, NativeLayouts.FILE_INFO_SIZE).get(JAVA_INT, NativeLayouts.FILE_INFO_FLAGS);
    }

    private void replyEntry(MemorySegment req, Arena a, Entry e) {
        StatValues v = fs.withLocalState(e.inode(), e.attr());
        fuse.replyEntry(req, NativeLayouts.entryParam(a, v, timeouts.attrFor(e.attr()),
                timeouts.entryFor(e.attr())));
    }

    // ---- upcalls (on libfuse's workers: copy the arguments, do the work or queue it per file, never throw) ----

    private void lookup(MemorySegment req, long parent, MemorySegment name) {
        int[] ctx = fuse.requestContext(req);
        Credentials who = credentials(ctx);
        String n = string(name);
        submit(req, a -> replyEntry(req, a, fs.lookup(who, ctx[CTX_PID], ino(parent), n)));
    }

    private void forget(MemorySegment req, long ino, long nlookup) {
        fuse.replyNone(req); // nothing is kept per looked-up inode
    }

    private void getattr(MemorySegment req, long ino, MemorySegment fi) {
        int[] ctx = fuse.requestContext(req);
        Credentials who = credentials(ctx);
        submit(req, a -> {
            Attr attr = fs.attr(who, ctx[CTX_PID], ino(ino));
            fuse.replyAttr(req, NativeLayouts.stat(a, fs.withLocalState(ino(ino), attr)), timeouts.attrFor(attr));
        });
    }

    private void setattr(MemorySegment req, long ino, MemorySegment stat, int toSet, MemorySegment fi) {
        Credentials who = caller(req);
        MemorySegment s = RawMemory.at(stat, NativeLayouts.STAT_SIZE);
        long now = System.currentTimeMillis() / 1000;
        MfsFilesystem.AttrChange change = MfsFilesystem.AttrChange.of(toSet,
                s.get(JAVA_INT, NativeLayouts.STAT_MODE), s.get(JAVA_INT, NativeLayouts.STAT_UID),
                s.get(JAVA_INT, NativeLayouts.STAT_GID), s.get(JAVA_LONG, NativeLayouts.STAT_SIZE_FIELD),
                s.get(JAVA_LONG, NativeLayouts.STAT_ATIME), s.get(JAVA_LONG, NativeLayouts.STAT_MTIME));
        Work work = a -> fuse.replyAttr(req, NativeLayouts.stat(a, fs.setattr(who, ino(ino), change)),
                timeouts.attr());
        if (change.size() && !fi.equals(MemorySegment.NULL)) {
            submitTo(queueOf(fh(fi)), req, work); // ftruncate: in order with the writes on that descriptor
        } else {
            submit(req, work);
        }
    }

    private void readlink(MemorySegment req, long ino) {
        Credentials who = caller(req);
        submit(req, a -> fuse.replyReadlink(req, a.allocateFrom(fs.readlink(who, ino(ino)))));
    }

    private void mknod(MemorySegment req, long parent, MemorySegment name, int mode, long rdev) {
        Credentials who = caller(req);
        String n = string(name);
        submit(req, a -> replyEntry(req, a, fs.mknod(who, ino(parent), n, mode, rdev)));
    }

    private void mkdir(MemorySegment req, long parent, MemorySegment name, int mode) {
        Credentials who = caller(req);
        String n = string(name);
        submit(req, a -> replyEntry(req, a, fs.mkdir(who, ino(parent), n, mode)));
    }

    private void unlink(MemorySegment req, long parent, MemorySegment name) {
        Credentials who = caller(req);
        String n = string(name);
        submit(req, a -> {
            fs.unlink(who, ino(parent), n);
            fuse.replyErr(req, 0);
        });
    }

    private void rmdir(MemorySegment req, long parent, MemorySegment name) {
        Credentials who = caller(req);
        String n = string(name);
        submit(req, a -> {
            fs.rmdir(who, ino(parent), n);
            fuse.replyErr(req, 0);
        });
    }

    private void symlink(MemorySegment req, MemorySegment link, long parent, MemorySegment name) {
        Credentials who = caller(req);
        String target = string(link);
        String n = string(name);
        submit(req, a -> replyEntry(req, a, fs.symlink(who, target, ino(parent), n)));
    }

    private void rename(MemorySegment req, long parent, MemorySegment name, long newParent, MemorySegment newName,
                        int flags) {
        Credentials who = caller(req);
        String n = string(name);
        String nn = string(newName);
        submit(req, a -> {
            fs.rename(who, ino(parent), n, ino(newParent), nn, flags);
            fuse.replyErr(req, 0);
        });
    }

    private void link(MemorySegment req, long ino, long newParent, MemorySegment newName) {
        Credentials who = caller(req);
        String nn = string(newName);
        submit(req, a -> replyEntry(req, a, fs.link(who, ino(ino), ino(newParent), nn)));
    }

    private void open(MemorySegment req, long ino, MemorySegment fi) {
        Credentials who = caller(req);
        int flags = openFlags(fi);
        submit(req, a -> {
            long fh = fs.open(who, ino(ino), flags);
            int bits = ino(ino) >= SpecialFiles.MIN_SPECIAL_INODE ? NativeLayouts.FI_DIRECT_IO : 0;
            fuse.replyOpen(req, NativeLayouts.fileInfo(a, flags, fh, bits));
        });
    }

    private void create(MemorySegment req, long parent, MemorySegment name, int mode, MemorySegment fi) {
        Credentials who = caller(req);
        String n = string(name);
        int flags = openFlags(fi);
        submit(req, a -> {
            MfsFilesystem.Created c = fs.create(who, ino(parent), n, mode);
            Attr attr = c.entry().attr();
            StatValues v = fs.withLocalState(c.entry().inode(), attr);
            fuse.replyCreate(req, NativeLayouts.entryParam(a, v, timeouts.attrFor(attr), timeouts.entryFor(attr)),
                    NativeLayouts.fileInfo(a, flags, c.handle(), 0));
        });
    }

    private void read(MemorySegment req, long ino, long size, long off, MemorySegment fi) {
        long fh = fh(fi);
        submitTo(queueOf(fh), req, a -> {
            MemorySegment data = fs.read(fh, off, (int) Math.min(size, Integer.MAX_VALUE), a);
            fuse.replyBuf(req, data, data.byteSize());
        });
    }

    private void write(MemorySegment req, long ino, MemorySegment buf, long size, long off, MemorySegment fi) {
        long fh = fh(fi);
        SerialExecutor queue = queueOf(fh);
        MemorySegment inRequest = RawMemory.at(buf, size);
        // when the file's queue is idle the bytes go from libfuse's buffer straight into the write buffer; a write
        // that has to wait its turn outlives the upcall, so it takes a copy
        if (!queue.tryRunNow(() -> answer(req, a -> writeAndReply(req, fh, off, inRequest)))) {
            MemorySegment copy = MemorySegment.ofArray(inRequest.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            submitTo(queue, req, a -> writeAndReply(req, fh, off, copy));
        }
    }

    private void writeAndReply(MemorySegment req, long fh, long off, MemorySegment data) throws IOException {
        fs.write(fh, off, data);
        fuse.replyWrite(req, data.byteSize());
    }

    private void flush(MemorySegment req, long ino, MemorySegment fi) {
        long fh = fh(fi);
        submitTo(queueOf(fh), req, a -> {
            fs.flush(fh);
            fuse.replyErr(req, 0);
        });
    }

    private void fsync(MemorySegment req, long ino, int datasync, MemorySegment fi) {
        long fh = fh(fi);
        submitTo(queueOf(fh), req, a -> {
            fs.flush(fh);
            fuse.replyErr(req, 0);
        });
    }

    private void release(MemorySegment req, long ino, MemorySegment fi) {
        long fh = fh(fi);
        submitTo(queueOf(fh), req, a -> {
            try {
                fs.release(fh);
            } finally {
                perFile.remove(fh);
            }
            fuse.replyErr(req, 0);
        });
    }

    private void opendir(MemorySegment req, long ino, MemorySegment fi) {
        Credentials who = caller(req);
        int flags = openFlags(fi);
        submit(req, a -> fuse.replyOpen(req, NativeLayouts.fileInfo(a, flags, fs.opendir(who, ino(ino)), 0)));
    }

    private void readdir(MemorySegment req, long ino, long size, long off, MemorySegment fi) {
        long fh = fh(fi);
        submit(req, a -> {
            List<Entry> entries = fs.listing(fh);
            MemorySegment buf = a.allocate(Math.max(size, 1));
            long used = 0;
            for (int i = (int) off; i < entries.size(); i++) {
                Entry e = entries.get(i);
                MemorySegment st = NativeLayouts.stat(a, StatValues.of(e.inode(), e.attr()));
                long need = fuse.addDirentry(req, buf.asSlice(used), size - used, a.allocateFrom(e.name()), st,
                        i + 1);
                if (need > size - used) {
                    break;
                }
                used += need;
            }
            fuse.replyBuf(req, buf, used);
        });
    }

    private void releasedir(MemorySegment req, long ino, MemorySegment fi) {
        fs.releasedir(fh(fi));
        fuse.replyErr(req, 0);
    }

    private void fsyncdir(MemorySegment req, long ino, int datasync, MemorySegment fi) {
        fuse.replyErr(req, 0);
    }

    private void statfs(MemorySegment req, long ino) {
        submit(req, a -> {
            NamespaceReply.Statfs s = fs.statfs();
            long bs = StatValues.BLOCK_SIZE;
            long files = MfsFilesystem.maxFiles();
            fuse.replyStatfs(req, NativeLayouts.statvfs(a, bs, s.totalSpace() / bs, s.freeSpace() / bs,
                    s.availSpace() / bs, files, Math.max(0, files - Integer.toUnsignedLong(s.inodes())),
                    MfsFilesystem.NAME_MAX));
        });
    }

    private void setxattr(MemorySegment req, long ino, MemorySegment name, MemorySegment value, long size,
                          int flags) {
        Credentials who = caller(req);
        String n = string(name);
        byte[] v = size == 0 ? new byte[0]
                : RawMemory.at(value, size).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        submit(req, a -> {
            fs.setxattr(who, ino(ino), n, v, flags);
            fuse.replyErr(req, 0);
        });
    }

    private void getxattr(MemorySegment req, long ino, MemorySegment name, long size) {
        Credentials who = caller(req);
        String n = string(name);
        submit(req, a -> {
            Optional<byte[]> v = fs.getxattr(who, ino(ino), n);
            if (v.isEmpty()) {
                fuse.replyErr(req, Errnos.ENODATA);
            } else {
                replySized(req, a, v.get(), size);
            }
        });
    }

    private void listxattr(MemorySegment req, long ino, long size) {
        Credentials who = caller(req);
        submit(req, a -> {
            StringBuilder names = new StringBuilder();
            for (String n : fs.listxattr(who, ino(ino))) {
                names.append(n).append('\0');
            }
            replySized(req, a, names.toString().getBytes(StandardCharsets.UTF_8), size);
        });
    }

    /** The xattr convention: size 0 asks for the length, a too small buffer is ERANGE. */
    private void replySized(MemorySegment req, Arena a, byte[] value, long size) {
        if (size == 0) {
            fuse.replyXattr(req, value.length);
        } else if (value.length > size) {
            fuse.replyErr(req, Errnos.ERANGE);
        } else {
            MemorySegment buf = a.allocate(Math.max(1, value.length));
            MemorySegment.copy(MemorySegment.ofArray(value), 0, buf, 0, value.length);
            fuse.replyBuf(req, buf, value.length);
        }
    }

    private void removexattr(MemorySegment req, long ino, MemorySegment name) {
        Credentials who = caller(req);
        String n = string(name);
        submit(req, a -> {
            fs.removexattr(who, ino(ino), n);
            fuse.replyErr(req, 0);
        });
    }

    private void access(MemorySegment req, long ino, int mask) {
        Credentials who = caller(req);
        submit(req, a -> {
            fs.access(who, ino(ino), mask);
            fuse.replyErr(req, 0);
        });
    }
}
