package io.jmfs.client;

import io.jmfs.client.cache.ChunkLocationCache;
import io.jmfs.client.cache.PendingTimes;
import io.jmfs.client.io.ChunkMaster;
import io.jmfs.client.io.ChunkReader;
import io.jmfs.client.io.ChunkserverPool;
import io.jmfs.client.io.FileReader;
import io.jmfs.client.io.FileWriter;
import io.jmfs.client.io.Retry;
import io.jmfs.client.master.MasterOptions;
import io.jmfs.client.master.MasterSession;
import io.jmfs.protocol.Attr;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.ChunkOpReply;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkHasChanged;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply;
import io.jmfs.protocol.msg.client.ChunkOpReply.FlengHasChanged;
import io.jmfs.protocol.msg.client.ChunkOpReply.InvalidateChunkCache;
import io.jmfs.protocol.msg.client.ChunkRequest;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.MasterReply.Status;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceReply.AttrReply;
import io.jmfs.protocol.msg.client.NamespaceReply.EntryReply;
import io.jmfs.protocol.msg.client.NamespaceReply.GetXattr;
import io.jmfs.protocol.msg.client.NamespaceReply.InodeReply;
import io.jmfs.protocol.msg.client.NamespaceReply.Lookup;
import io.jmfs.protocol.msg.client.NamespaceReply.Readdir;
import io.jmfs.protocol.msg.client.NamespaceReply.Statfs;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.client.ToolReply;
import io.jmfs.protocol.msg.client.ToolReply.CheckChunk;
import io.jmfs.protocol.msg.client.ToolReply.CheckCounts;
import io.jmfs.protocol.msg.client.ToolReply.GetDirStats;
import io.jmfs.protocol.msg.client.ToolReply.GetEattr;
import io.jmfs.protocol.msg.client.ToolReply.GetSclass;
import io.jmfs.protocol.msg.client.ToolReply.GetTrashTime;
import io.jmfs.protocol.msg.client.ToolReply.SetResult;
import io.jmfs.protocol.msg.client.ToolRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MooseFS client: one master session plus the data path. Operations take inodes (1 is the root of the mounted
 * subfolder) or, through {@link #resolve}, absolute paths inside the mount. Master refusals throw
 * {@link MfsException}. Thread-safe; open files ({@link MfsFile}) are meant for one thread each.
 */
public final class MfsClient implements AutoCloseable, ChunkMaster {
    private static final Logger LOG = LoggerFactory.getLogger(MfsClient.class);
    public static final int ROOT = 1;
    private static final int WRITE_BUFFER = 16 * 1024 * 1024;
    public static final int SMODE_SET = 0;
    public static final int SMODE_INCREASE = 1;
    public static final int SMODE_DECREASE = 2;
    public static final int SMODE_RECURSIVE = 4;
    public static final int XATTR_CREATE_OR_REPLACE = 0;
    public static final int XATTR_CREATE_ONLY = 1;
    public static final int XATTR_REPLACE_ONLY = 2;
    public static final int XATTR_REMOVE = 3;

    private final MasterSession master;
    private final Credentials credentials;
    private final ThreadLocal<Credentials> caller = new ThreadLocal<>();
    private final ChunkLocationCache locations = new ChunkLocationCache();
    private final PendingTimes pendingTimes = new PendingTimes();
    private final ChunkserverPool pool = new ChunkserverPool();
    private final ChunkReader chunkReader = new ChunkReader(pool);
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mfs-data");
        t.setDaemon(true);
        return t;
    });

    /** Open handles per inode: the master keeps such files (even unlinked ones) while this session lists them. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, Integer> openFiles =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mfs-client-timer"); // sustained inodes, idle chunk writes
                t.setDaemon(true);
                return t;
            });

    private MfsClient(MasterOptions options, Credentials credentials) throws IOException {
        this.credentials = credentials;
        this.master = MasterSession.open(options, this::onNotification);
        timer.scheduleWithFixedDelay(this::sendSustainedInodes, 60, 60, java.util.concurrent.TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::sendPendingTimes, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** SUSTAINED_INODES, as mfsmount sends it every minute: the files this session still has open. */
    private void sendSustainedInodes() {
        try {
            master.sendOneWay(new SessionRequest.SustainedInodes(List.copyOf(openFiles.keySet())));
        } catch (IOException e) {
            // the next round sends the list again; the keepalive path reports a lost master
        }
    }

    void released(int inode) {
        openFiles.computeIfPresent(inode, (i, n) -> n == 1 ? null : n - 1);
    }

    /**
     * Notes that data of {@code inode} was written now. 3.0.117 masters ignore the chunk write's mtime flag, so the
     * client reports modification times itself, batched once a second (AMTIME_INODES, as mfsmount).
     */
    void modified(int inode) {
        pendingTimes.modified(inode, (int) (System.currentTimeMillis() / 1000));
    }

    /** {@code attr} from the master, with the later modification time this client has not reported yet. */
    public Attr withPendingTimes(int inode, Attr attr) {
        return pendingTimes.apply(inode, attr);
    }

    /** AMTIME_INODES with the times written since the last round (none: no packet). */
    private void sendPendingTimes() {
        List<SessionRequest.Amtime> due = pendingTimes.takeUnsent();
        if (due.isEmpty()) {
            return;
        }
        try {
            master.sendOneWay(new SessionRequest.AmtimeInodes(due));
        } catch (IOException e) {
            LOG.debug("modification times not sent: {}", e.getMessage()); // the local answers still show them
        }
    }

    public static MfsClient connect(MasterOptions options, Credentials credentials) throws IOException {
        return new MfsClient(options, credentials);
    }

    public MasterSession session() {
        return master;
    }

    private void onNotification(MasterReply n) {
        switch (n) {
            case ChunkHasChanged c -> locations.invalidate(c.inode(), c.index());
            case FlengHasChanged f -> locations.invalidateInode(f.inode());
            case InvalidateChunkCache i -> locations.invalidateAll();
            default -> { }
        }
    }

    private int uid() {
        return credentials().uid();
    }

    private Gids gids() {
        return credentials().gids();
    }

    /** Who this thread's requests act as: the FUSE caller while {@link #actingAs} runs, else the client's own. */
    private Credentials credentials() {
        Credentials c = caller.get();
        return c != null ? c : credentials;
    }

    /** An operation run by {@link #actingAs}. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code action} with this thread's requests sent as {@code who} (a mount acts for each calling process,
     * as mfsmount sends the caller's uid/gid).
     */
    public <T> T actingAs(Credentials who, Action<T> action) throws IOException {
        Credentials before = caller.get();
        caller.set(who);
        try {
            return action.run();
        } finally {
            if (before == null) {
                caller.remove();
            } else {
                caller.set(before);
            }
        }
    }

    private static ByteString name(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a plain name: '" + name + "'");
        }
        return ByteString.utf8(name);
    }

    // ---- metadata ----

    public Statfs statfs() throws IOException {
        return master.request(NamespaceRequest.Statfs::new, Statfs.class, "statfs");
    }

    public Attr getattr(int inode) throws IOException {
        return withPendingTimes(inode, master.request(id -> new NamespaceRequest.GetAttr(id, inode, 0, uid(),
                credentials().gid()), AttrReply.class, "getattr " + inode).attr());
    }

    public Entry lookup(int parent, String name) throws IOException {
        Lookup l = master.request(id -> new NamespaceRequest.Lookup(id, parent, ByteString.utf8(name), uid(), gids()),
                Lookup.class, "lookup " + name);
        return new Entry(name, l.inode(), withPendingTimes(l.inode(), l.attr()));
    }

    /** The node at an absolute path inside the mount ("/" is the root); symlinks are not followed. */
    public Entry resolve(String path) throws IOException {
        Entry e = new Entry("/", ROOT, getattr(ROOT));
        for (String part : components(path)) {
            e = lookup(e.inode(), part);
        }
        return e;
    }

    /** The parent directory of {@code path} and the last component's name. */
    public record ParentAndName(Entry parent, String name) {}

    public ParentAndName resolveParent(String path) throws IOException {
        List<String> parts = components(path);
        if (parts.isEmpty()) {
            throw new MfsException(MfsStatus.EINVAL, "the root has no parent");
        }
        Entry e = new Entry("/", ROOT, getattr(ROOT));
        for (String part : parts.subList(0, parts.size() - 1)) {
            e = lookup(e.inode(), part);
        }
        return new ParentAndName(e, parts.getLast());
    }

    static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                continue;
            }
            out.add(p);
        }
        return out;
    }

    /** Entries of a directory with attributes, without "." and "..". */
    public List<Entry> readdir(int inode) throws IOException {
        Readdir r = master.request(id -> new NamespaceRequest.Readdir(id, inode, uid(), gids(),
                NamespaceRequest.Readdir.FLAG_WITH_ATTR, 0xFFFFFFFF, 0L), Readdir.class, "readdir " + inode);
        List<Entry> out = new ArrayList<>();
        for (NamespaceReply.DirEntry d : r.entries()) {
            String n = d.name().utf8();
            if (!n.equals(".") && !n.equals("..")) {
                out.add(new Entry(n, d.inode(), d.attr().orElseThrow()));
            }
        }
        return out;
    }

    public Entry mkdir(int parent, String name, int mode) throws IOException {
        EntryReply r = master.request(id -> new NamespaceRequest.Mkdir(id, parent, name(name), mode, 0, uid(), gids(), 0),
                EntryReply.class, "mkdir " + name);
        return new Entry(name, r.inode(), r.attr());
    }

    public void unlink(int parent, String name) throws IOException {
        master.request(id -> new NamespaceRequest.Unlink(id, parent, name(name), uid(), gids()), InodeReply.class,
                "unlink " + name);
    }

    public void rmdir(int parent, String name) throws IOException {
        master.request(id -> new NamespaceRequest.Rmdir(id, parent, name(name), uid(), gids()), InodeReply.class,
                "rmdir " + name);
    }

    public Entry rename(int srcParent, String srcName, int dstParent, String dstName) throws IOException {
        EntryReply r = master.request(id -> new NamespaceRequest.Rename(id, srcParent, name(srcName), dstParent,
                name(dstName), uid(), gids()), EntryReply.class, "rename " + srcName);
        return new Entry(dstName, r.inode(), r.attr());
    }

    public Entry link(int inode, int dstParent, String name) throws IOException {
        EntryReply r = master.request(id -> new NamespaceRequest.Link(id, inode, dstParent, name(name), uid(), gids()),
                EntryReply.class, "link " + name);
        return new Entry(name, r.inode(), r.attr());
    }

    public Entry symlink(int parent, String name, String target) throws IOException {
        EntryReply r = master.request(id -> new NamespaceRequest.Symlink(id, parent, name(name),
                ByteString.utf8(target), uid(), gids()), EntryReply.class, "symlink " + name);
        return new Entry(name, r.inode(), r.attr());
    }

    public String readlink(int inode) throws IOException {
        return master.request(id -> new NamespaceRequest.ReadLink(id, inode), NamespaceReply.ReadLink.class,
                "readlink " + inode).path().utf8();
    }

    public Attr chmod(int inode, int mode) throws IOException {
        return setattr(inode, NamespaceRequest.SetAttr.SET_MODE, mode, 0, 0, 0, 0);
    }

    public Attr chown(int inode, int newUid, int newGid) throws IOException {
        return setattr(inode, NamespaceRequest.SetAttr.SET_UID | NamespaceRequest.SetAttr.SET_GID, 0, newUid, newGid, 0, 0);
    }

    public Attr utimes(int inode, int atime, int mtime) throws IOException {
        return setattr(inode, NamespaceRequest.SetAttr.SET_ATIME | NamespaceRequest.SetAttr.SET_MTIME, 0, 0, 0, atime, mtime);
    }

    public Attr setattr(int inode, int setMask, int mode, int newUid, int newGid, int atime, int mtime)
            throws IOException {
        if ((setMask & (NamespaceRequest.SetAttr.SET_MTIME | NamespaceRequest.SetAttr.SET_MTIME_NOW)) != 0) {
            pendingTimes.mtimeSet(inode); // the time set now is the one that counts
        }
        return withPendingTimes(inode, master.request(id -> new NamespaceRequest.SetAttr(id, inode, 0, uid(), gids(),
                setMask, mode, newUid, newGid, atime, mtime, 0, 0), AttrReply.class, "setattr " + inode).attr());
    }

    /** Sets a file's length; {@code opened} when this session has it open. */
    public Attr truncate(int inode, long length, boolean opened) throws IOException {
        int flags = opened ? ChunkRequest.Truncate.OPENED : 0;
        IOException last = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                Attr a = master.request(id -> new ChunkRequest.Truncate(id, inode, flags, uid(), gids(), length),
                        ChunkOpReply.Truncate.class, "truncate " + inode).attr();
                locations.invalidateInode(inode);
                return a;
            } catch (MfsException e) {
                if (e.status() != MfsStatus.LOCKED && e.status() != MfsStatus.EAGAIN) {
                    throw e;
                }
                last = e;
                sleepQuietly(200);
            }
        }
        throw last;
    }

    private static void sleepQuietly(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }

    // ---- extended attributes ----

    public Optional<byte[]> getxattr(int inode, String name) throws IOException {
        try {
            GetXattr r = master.request(id -> new NamespaceRequest.GetXattr(id, inode, ByteString.utf8(name), 0, 0,
                    uid(), gids()), GetXattr.class, "getxattr " + name);
            return Optional.of(r.value().map(ByteString::toByteArray).orElse(new byte[0]));
        } catch (MfsException e) {
            if (e.status() == MfsStatus.ENOATTR) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<String> listxattr(int inode) throws IOException {
        GetXattr r = master.request(id -> new NamespaceRequest.GetXattr(id, inode, ByteString.EMPTY, 0, 0, uid(),
                gids()), GetXattr.class, "listxattr");
        List<String> names = new ArrayList<>();
        for (String n : new String(r.value().map(ByteString::toByteArray).orElse(new byte[0]),
                StandardCharsets.UTF_8).split("\0")) {
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return names;
    }

    public void setxattr(int inode, String name, byte[] value, int mode) throws IOException {
        master.request(id -> new NamespaceRequest.SetXattr(id, inode, ByteString.utf8(name), ByteString.of(value), mode,
                0, uid(), gids()), Status.class, "setxattr " + name);
    }

    public void removexattr(int inode, String name) throws IOException {
        setxattr(inode, name, new byte[0], XATTR_REMOVE);
    }

    // ---- MooseFS tools ----

    public GetSclass getGoal(int inode, boolean recursive) throws IOException {
        return master.request(id -> new ToolRequest.GetSclass(id, inode, recursive ? 1 : 0), GetSclass.class,
                "getgoal");
    }

    public SetResult setGoal(int inode, int goal, int smode) throws IOException {
        return master.request(id -> ToolRequest.SetSclass.goal(id, inode, uid(), goal, smode), SetResult.class,
                "setgoal");
    }

    public GetTrashTime getTrashTime(int inode, boolean recursive) throws IOException {
        return master.request(id -> new ToolRequest.GetTrashTime(id, inode, recursive ? 1 : 0), GetTrashTime.class,
                "gettrashtime");
    }

    public SetResult setTrashTime(int inode, int seconds, int smode) throws IOException {
        return master.request(id -> new ToolRequest.SetTrashTime(id, inode, uid(), seconds, smode), SetResult.class,
                "settrashtime");
    }

    public GetEattr getEattr(int inode, boolean recursive) throws IOException {
        return master.request(id -> new ToolRequest.GetEattr(id, inode, recursive ? 1 : 0), GetEattr.class,
                "geteattr");
    }

    public SetResult setEattr(int inode, int eattr, int smode) throws IOException {
        return master.request(id -> new ToolRequest.SetEattr(id, inode, uid(), eattr, smode), SetResult.class,
                "seteattr");
    }

    /** How many chunks of the file have 0, 1, 2 ... copies. */
    public CheckCounts check(int inode) throws IOException {
        return master.request(id -> new ToolRequest.Check(id, inode, OptionalInt.empty()), CheckCounts.class,
                "checkfile");
    }

    /** One chunk of the file with each copy's server and state. */
    public CheckChunk check(int inode, int index) throws IOException {
        return master.request(id -> new ToolRequest.Check(id, inode, OptionalInt.of(index)), CheckChunk.class,
                "fileinfo");
    }

    /**
     * QUOTACONTROL on directory {@code inode}: with {@code set} the limits named by {@code flags} are set, without it
     * they are deleted (flags 0: a read). Answers the directory's quota and usage afterwards.
     */
    public ToolReply.QuotaControl quota(int inode, int flags,
                                        java.util.Optional<ToolRequest.QuotaLimits> set) throws IOException {
        return master.request(id -> new ToolRequest.QuotaControl(id, inode, flags, set), ToolReply.QuotaControl.class,
                "quota");
    }

    public GetDirStats dirStats(int inode) throws IOException {
        return master.request(id -> new ToolRequest.GetDirStats(id, inode), GetDirStats.class, "dirinfo");
    }

    /** Snapshot of {@code inode} as {@code dstParent/name}; smode 1 = overwrite existing. */
    public void snapshot(int inode, int dstParent, String name, int smode) throws IOException {
        master.request(id -> new ToolRequest.Snapshot(id, inode, dstParent, name(name), uid(), gids(), smode, 0),
                Status.class, "makesnapshot " + name);
    }

    /**
     * Shares chunks {@code [from, to)} of file {@code src} onto the end of file {@code dst} (mfsappendchunks);
     * {@code flags} 0x01/0x02 count {@code from}/{@code to} back from the source's end.
     */
    public void appendChunks(int dst, int src, int flags, int from, int to) throws IOException {
        master.request(id -> new ToolRequest.AppendSlice(id, flags, dst, src, from, to, uid(), gids()), Status.class,
                "appendchunks " + src);
    }

    /** Every path of a node (several for hard links), absolute inside the mount (the master sends them relative). */
    public List<String> paths(int inode) throws IOException {
        return master.request(id -> new ToolRequest.Paths(id, inode), ToolReply.Paths.class, "paths")
                .paths().stream().map(ByteString::utf8).map(p -> p.startsWith("/") ? p : "/" + p).toList();
    }

    // ---- files ----

    /** Creates a new regular file and opens it for reading and writing. */
    public MfsFile create(int parent, String name, int mode) throws IOException {
        return createFile(parent, name, mode).file();
    }

    /** A file just created and opened, with the attributes the master's CREATE reply gave it. */
    public record CreatedFile(MfsFile file, Attr attr) {}

    /** {@link #create}, also handing back the new file's attributes (a mount answers the kernel with them). */
    public CreatedFile createFile(int parent, String name, int mode) throws IOException {
        NamespaceReply.Create r = master.request(id -> new NamespaceRequest.Create(id, parent, name(name), mode, 0, uid(),
                gids()), NamespaceReply.Create.class, "create " + name);
        return new CreatedFile(handle(r.inode(), r.attr().size()), r.attr());
    }

    /** Opens an existing file (OPEN with READ, and WRITE when {@code write}). */
    public MfsFile open(int inode, boolean write) throws IOException {
        int flags = 0x01 | (write ? 0x02 : 0);
        NamespaceReply.Open r = master.request(id -> new NamespaceRequest.Open(id, inode, uid(), gids(), flags),
                NamespaceReply.Open.class, "open " + inode);
        return handle(inode, r.attr().size());
    }

    private MfsFile handle(int inode, long length) {
        locations.invalidateInode(inode);
        openFiles.merge(inode, 1, Integer::sum);
        FileReader reader = new FileReader(inode, this, chunkReader, locations, background, Retry.STANDARD);
        int flags = credentials().isRoot() ? ChunkRequest.WriteChunk.CANUSERESERVESPACE : 0;
        FileWriter writer = new FileWriter(inode, this, pool, locations, background, timer, length, WRITE_BUFFER,
                flags, Retry.STANDARD);
        return new MfsFile(this, inode, reader, writer);
    }

    @Override
    public ChunkReply readChunk(int inode, int index) throws IOException {
        return master.request(id -> new ChunkRequest.ReadChunk(id, inode, index, 0), ChunkReply.class,
                "read chunk " + index + " of " + inode);
    }

    @Override
    public ChunkReply writeChunk(int inode, int index, int chunkOpFlags) throws IOException {
        return master.request(id -> new ChunkRequest.WriteChunk(id, inode, index, chunkOpFlags), ChunkReply.class,
                "write chunk " + index + " of " + inode);
    }

    @Override
    public void writeChunkEnd(long chunkId, int inode, int index, long fileLength, int chunkOpFlags)
            throws IOException {
        master.request(id -> new ChunkRequest.WriteChunkEnd(id, chunkId, inode, index, fileLength, chunkOpFlags),
                Status.class, "end write of chunk " + index + " of " + inode);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sendPendingTimes(); // before the session ends: nobody else will
        background.shutdownNow();
        pool.close();
        master.close();
    }
}
