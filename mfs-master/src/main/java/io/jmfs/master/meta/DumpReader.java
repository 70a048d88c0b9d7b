package io.jmfs.master.meta;

import io.jmfs.master.cluster.CsdbChange;
import io.jmfs.master.exports.ExportGrant;
import io.jmfs.master.fs.NamespacePersistence;
import io.jmfs.master.fs.NamespacePersistence.StoredNode;
import io.jmfs.master.fs.NodeType;
import io.jmfs.master.sessions.StoredSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a MooseFS 3.0 metadata.mfs (ours or the real master's) into a new {@link MetaState}. Strict: a truncated
 * file, a section whose records do not end where its length says, an unknown section or version, a missing EOF
 * marker, or contents that contradict each other (an entry naming a missing node, a file naming an unknown chunk)
 * are {@link MetadataException}s naming the file, the section and the byte offset. Data jmfs cannot represent yet
 * (quotas, POSIX ACLs) is refused, not dropped; file locks are dropped with a warning
 * (clients re-take them), storage classes are kept as loaded and written back.
 */
public final class DumpReader {
    private static final Logger log = LoggerFactory.getLogger(DumpReader.class);

    /** The header of a dump: the first version it does not contain, and the metadata id. */
    public record Header(long version, long metaId) {
    }

    private final DumpInput in;
    private final MetaState state;
    private final NamespacePersistence ns;
    private final Set<String> seen = new HashSet<>();
    private final StringBuilder timings = new StringBuilder();
    /** The CHNK section read ahead on a second thread, or null (see {@link #startChunkReader}). */
    private ChunkReadAhead chunkReadAhead;
    /** The chunk reference problems found by the read-ahead thread; null when the references are counted here. */
    private List<String> referencesCounted;

    private DumpReader(DumpInput in, MetaState state) {
        this.in = in;
        this.state = state;
        this.ns = state.namespace().persistence();
    }

    /**
     * Whether {@code file} is Debian's "MFSM NEW" marker (create a new file system). The real master only looks at
     * the 8-byte signature, and markers made with {@code echo "MFSM NEW" > metadata.mfs} end in a newline: accept
     * the signature followed by nothing but whitespace.
     */
    public static boolean isNewFsMarker(Path file) throws IOException {
        int length = DumpFormat.NEW_FS.length;
        if (Files.size(file) < length || Files.size(file) > length + 16) {
            return false;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (!Arrays.equals(bytes, 0, length, DumpFormat.NEW_FS, 0, length)) {
            return false;
        }
        for (int i = length; i < bytes.length; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    /** Reads only the header. */
    public static Header header(Path file) throws IOException {
        try (DumpInput in = new DumpInput(file)) {
            return readHeader(in);
        }
    }

    private static Header readHeader(DumpInput in) throws IOException {
        byte[] sig = in.bytes(8, "the signature");
        if (!Arrays.equals(sig, DumpFormat.SIGNATURE)) {
            String text = new String(sig, StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "?");
            throw in.error(Arrays.equals(sig, DumpFormat.NEW_FS) ? "is an 'MFSM NEW' marker, not a dump"
                    : "not a MooseFS 3.0 metadata file: signature '" + text + "', expected 'MFSM 2.0'");
        }
        return new Header(in.u64("the header"), in.u64("the header"));
    }

    /** Loads {@code file} into {@code state}, which must be new (standalone or a just-built master state). */
    public static Header load(Path file, MetaState state) throws IOException {
        return load(file, state, false);
    }

    /**
     * {@link #load}, with the chunk table read on a second thread (see {@link #startChunkReader}): for the start,
     * when nothing else runs. A background dump's load does not use it: there the second core serves clients.
     */
    public static Header loadAtStart(Path file, MetaState state) throws IOException {
        return load(file, state, true);
    }

    private static Header load(Path file, MetaState state, boolean chunksOnSecondThread) throws IOException {
        DumpReader reader = null;
        try (DumpInput in = new DumpInput(file)) {
            reader = new DumpReader(in, state);
            return reader.read(chunksOnSecondThread);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MetadataException(file, "inconsistent metadata: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                reader.abandonChunkReader();
            }
        }
    }

    /**
     * The chunk table (CHNK, the last section, a third of a start's work) depends on no other section, so while
     * this thread loads the namespace a second one reads it into the state's chunk registry, which nothing else
     * touches until the main pass reaches CHNK and waits for it. Errors stay those of a sequential read: the main
     * pass still checks every section header, in file order, and raises the chunk reader's error only when it
     * gets to CHNK. The look-ahead walks section headers by their lengths and gives up (everything is then read
     * sequentially) at the first one that is not plainly well-formed.
     */
    private void startChunkReader(long firstSection) throws IOException {
        long pos = firstSection;
        byte[] chnk = ("CHNK " + (DumpFormat.CHNK >> 4) + "." + (DumpFormat.CHNK & 15)).getBytes(StandardCharsets.ISO_8859_1);
        try (DumpInput scan = new DumpInput(in.file())) {
            while (pos + 16 <= scan.size()) {
                scan.seek(pos);
                byte[] tag = scan.bytes(8, "a section header");
                long length = scan.u64("a section length");
                long end = pos + 16 + length;
                if (length < 0 || end > scan.size() || tag[4] != ' ' || tag[6] != '.') {
                    return;
                }
                if (Arrays.equals(tag, chnk)) {
                    chunkReadAhead = new ChunkReadAhead(pos + 16, end);
                    Thread.ofPlatform().daemon().name("mfsmaster-load-chunks").start(chunkReadAhead.task);
                    return;
                }
                pos = end;
            }
        }
    }

    /**
     * Where the read-ahead CHNK payload lies, and its outcome. Once the main pass has loaded NODE (it completes
     * {@link #nodesLoaded} with the highest inode), the same thread also counts every file's chunk references into
     * the chunk table: that needs only nodes and chunks, so it overlaps the main pass's EDGE and later sections.
     */
    private final class ChunkReadAhead {
        final long start;
        final long end;
        final CompletableFuture<Long> result = new CompletableFuture<>();
        final CompletableFuture<Integer> nodesLoaded = new CompletableFuture<>();
        volatile boolean abandoned;
        volatile List<String> referenceProblems;
        volatile long referencesMs;
        final Runnable task;

        ChunkReadAhead(long start, long end) {
            this.start = start;
            this.end = end;
            this.task = () -> {
                long t0 = System.nanoTime();
                try (DumpInput own = new DumpInput(in.file())) {
                    own.seek(start);
                    own.limitTo(end);
                    chunks(own, this);
                    if (own.position() != end) {
                        throw new MetadataException(own.file(), "section CHNK (at byte " + (start - 16)
                                + "): its records end at byte " + own.position() + " but its length says " + end);
                    }
                    long chunksMs = (System.nanoTime() - t0) / 1_000_000;
                    int maxInode = nodesLoaded.join(); // completed exceptionally when the load is abandoned
                    if (abandoned) {
                        throw new CancellationException("load abandoned");
                    }
                    long t1 = System.nanoTime();
                    referenceProblems = chunkReferenceProblems(maxInode);
                    referencesMs = (System.nanoTime() - t1) / 1_000_000;
                    result.complete(chunksMs);
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            };
        }
    }

    /** The main pass reached CHNK at {@code start}: take the read-ahead's outcome, or read it here. */
    private void chunksSection(long start) throws IOException {
        ChunkReadAhead ahead = chunkReadAhead;
        if (ahead == null || ahead.start != start) {
            chunks(in, null);
            return;
        }
        try {
            long ms = ahead.result.join();
            timings.append(" (CHNK on its own thread: ").append(ms).append("ms, then chunk references: ")
                    .append(ahead.referencesMs).append("ms)");
            referencesCounted = ahead.referenceProblems;
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IllegalStateException(e.getCause());
            }
        } finally {
            chunkReadAhead = null;
        }
        in.seek(ahead.end);
    }

    /** A failed load must not leave the chunk reader writing into the discarded state. */
    private void abandonChunkReader() {
        ChunkReadAhead ahead = chunkReadAhead;
        if (ahead != null) {
            ahead.abandoned = true;
            ahead.nodesLoaded.completeExceptionally(new CancellationException("load abandoned"));
            try {
                ahead.result.exceptionally(e -> 0L).join();
            } finally {
                chunkReadAhead = null;
            }
        }
    }

    private Header read(boolean chunksOnSecondThread) throws IOException {
        Header h = readHeader(in);
        state.setVersion(h.version());
        state.setMetaId(h.metaId());
        ns.beginLoad();
        if (chunksOnSecondThread) {
            startChunkReader(in.position());
        }
        while (true) {
            long start = in.position();
            byte[] tagBytes = in.bytes(8, "a section header");
            if (Arrays.equals(tagBytes, Arrays.copyOf(DumpFormat.EOF_MARKER, 8))) {
                byte[] rest = in.bytes(8, "the EOF marker");
                if (!Arrays.equals(rest, Arrays.copyOfRange(DumpFormat.EOF_MARKER, 8, 16))) {
                    throw in.error("broken EOF marker");
                }
                if (in.position() != in.size()) {
                    throw in.error((in.size() - in.position()) + " bytes after the EOF marker");
                }
                break;
            }
            String tag = new String(tagBytes, 0, 4, StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "?");
            if (tagBytes[4] != ' ' || tagBytes[6] != '.' || tagBytes[5] < '0' || tagBytes[5] > '9'
                    || tagBytes[7] < '0' || tagBytes[7] > '9') {
                throw new MetadataException(in.file(), "bad section header '"
                        + new String(tagBytes, StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "?")
                        + "' at byte " + start + " (missing EOF marker or corrupt file)");
            }
            int version = ((tagBytes[5] - '0') << 4) | (tagBytes[7] - '0');
            long length = in.u64("section " + tag + "'s length");
            long end = in.position() + length;
            if (length < 0 || end > in.size()) {
                throw new MetadataException(in.file(), "section " + tag + " at byte " + start + " claims " + length
                        + " bytes but the file ends at " + in.size() + " (truncated)");
            }
            if (!seen.add(tag)) {
                throw in.error("section " + tag + " appears twice");
            }
            in.limitTo(end);
            long t0 = System.nanoTime();
            section(tag, version, length);
            timings.append(' ').append(tag).append('=').append((System.nanoTime() - t0) / 1_000_000).append("ms");
            if (in.position() != end) {
                throw new MetadataException(in.file(), "section " + tag + " (at byte " + start + "): its records end at byte "
                        + in.position() + " but its length says " + end);
            }
            in.clearLimit();
        }
        for (String required : List.of("NODE", "EDGE")) {
            if (!seen.contains(required)) {
                throw in.error("no " + required + " section");
            }
        }
        long t0 = System.nanoTime();
        ns.finishLoad();
        long t1 = System.nanoTime();
        List<String> missing = referencesCounted != null ? referencesCounted
                : chunkReferenceProblems(state.namespace().persistence().maxInode());
        if (!missing.isEmpty()) {
            throw new MetadataException(in.file(), "inconsistent metadata: " + String.join("; ", missing));
        }
        long t2 = System.nanoTime();
        log.info("{} loaded:{} links={}ms chunkrefs={}ms", in.file(), timings, (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000);
        return h;
    }

    private void section(String tag, int version, long length) throws IOException {
        int expected = switch (tag) {
            case "SESS" -> DumpFormat.SESS;
            case "SCLA" -> DumpFormat.SCLA;
            case "NODE" -> DumpFormat.NODE;
            case "EDGE" -> DumpFormat.EDGE;
            case "FREE" -> DumpFormat.FREE;
            case "QUOT" -> DumpFormat.QUOT;
            case "XATR" -> DumpFormat.XATR;
            case "PACL" -> DumpFormat.PACL;
            case "OPEN" -> DumpFormat.OPEN;
            case "FLCK" -> DumpFormat.FLCK;
            case "PLCK" -> DumpFormat.PLCK;
            case "CSDB" -> DumpFormat.CSDB;
            case "CHNK" -> DumpFormat.CHNK;
            default -> throw in.error("unknown section '" + tag + "'");
        };
        if (version != expected) {
            throw in.error("section " + tag + " version " + (version >> 4) + "." + (version & 15)
                    + " is not supported (MooseFS 3.0.117 writes " + (expected >> 4) + "." + (expected & 15) + ")");
        }
        if ((tag.equals("EDGE") || tag.equals("XATR") || tag.equals("OPEN")) && !seen.contains("NODE")) {
            throw in.error("section " + tag + " before NODE");
        }
        switch (tag) {
            case "SESS" -> sessions();
            case "SCLA" -> {
                byte[] body = in.bytes((int) length, "the storage classes");
                try {
                    state.setStorageClasses(body);
                } catch (IllegalArgumentException e) {
                    throw in.error("storage classes: " + e.getMessage());
                }
            }
            case "NODE" -> {
                nodes();
                if (chunkReadAhead != null) {
                    chunkReadAhead.nodesLoaded.complete(state.namespace().persistence().maxInode());
                }
            }
            case "EDGE" -> edges();
            case "FREE" -> free();
            case "QUOT" -> QuotaSection.read(in, ns);
            case "XATR" -> xattrs();
            case "PACL" -> {
                byte[] first = in.bytes(DumpFormat.PACL_END, "an ACL record");
                if (!allZero(first)) {
                    throw in.error("POSIX ACLs present: not supported by jmfs yet");
                }
            }
            case "OPEN" -> open();
            case "FLCK", "PLCK" -> locks(tag, tag.equals("FLCK") ? DumpFormat.FLCK_RECORD : DumpFormat.PLCK_RECORD);
            case "CSDB" -> servers();
            case "CHNK" -> chunksSection(in.position());
            default -> throw new IllegalStateException(tag);
        }
    }

    private void sessions() throws IOException {
        int next = in.u32("the next session id");
        int stats = in.u16("the statistics count");
        List<StoredSession> out = new ArrayList<>();
        while (true) {
            int id = in.u32("a session record");
            long csum = in.u64("a session record");
            int ileng = in.u32("a session record");
            int peer = in.u32("a session record");
            int root = in.u32("a session record");
            int sesflags = in.u8("a session record");
            int umask = in.u16("a session record");
            int minGoal = in.u8("a session record");
            int maxGoal = in.u8("a session record");
            long minTrash = Integer.toUnsignedLong(in.u32("a session record"));
            long maxTrash = Integer.toUnsignedLong(in.u32("a session record"));
            int rootUid = in.u32("a session record");
            int rootGid = in.u32("a session record");
            int mapAllUid = in.u32("a session record");
            int mapAllGid = in.u32("a session record");
            int disables = in.u32("a session record");
            long disconnected = Integer.toUnsignedLong(in.u32("a session record"));
            long[] current = new long[DumpFormat.SESSION_STATS];
            long[] last = new long[DumpFormat.SESSION_STATS];
            for (int i = 0; i < stats; i++) {
                long v = Integer.toUnsignedLong(in.u32("a session record"));
                if (i < current.length) {
                    current[i] = v;
                }
            }
            for (int i = 0; i < stats; i++) {
                long v = Integer.toUnsignedLong(in.u32("a session record"));
                if (i < last.length) {
                    last[i] = v;
                }
            }
            if (id == 0) {
                break;
            }
            if (ileng < 0 || ileng > 65536) {
                throw in.error("session " + Integer.toUnsignedString(id) + " has info of " + ileng + " bytes");
            }
            String info = new String(in.bytes(ileng, "a session's info"), StandardCharsets.ISO_8859_1);
            ExportGrant grant = new ExportGrant(csum, root == 0, sesflags, umask, rootUid, rootGid, mapAllUid,
                    mapAllGid, minGoal, maxGoal, minTrash, maxTrash, disables);
            out.add(new StoredSession(id, grant, root, peer, info, disconnected, current, last));
        }
        state.sessions().restore(next, out);
    }

    private void nodes() throws IOException {
        int maxNodeId = in.u32("maxnodeid");
        int declared = in.u32("the node count");
        int count = 0;
        while (true) {
            int type = in.u8("a node's type");
            if (type == 0) {
                break;
            }
            if (type < NodeType.FILE || type > NodeType.SUSTAINED) {
                throw in.error("node of unknown type " + type);
            }
            int inode = in.u32("a node");
            int sclass = in.u8("a node");
            int eattr = in.u8("a node");
            int winattr = in.u8("a node");
            int mode = in.u16("a node");
            int uid = in.u32("a node");
            int gid = in.u32("a node");
            int atime = in.u32("a node");
            int mtime = in.u32("a node");
            int ctime = in.u32("a node");
            int trash = in.u16("a node");
            long length = 0;
            int rdev = 0;
            long[] chunks = null;
            byte[] path = null;
            switch (type) {
                case NodeType.BLOCKDEV, NodeType.CHARDEV -> rdev = in.u32("a device node");
                case NodeType.SYMLINK -> {
                    int pleng = in.u32("a symlink");
                    if (pleng < 0 || pleng > 4096) {
                        throw in.error("symlink " + inode + " has a path of " + Integer.toUnsignedString(pleng) + " bytes");
                    }
                    path = in.bytes(pleng, "a symlink's path");
                }
                case NodeType.FILE, NodeType.TRASH, NodeType.SUSTAINED -> {
                    length = in.u64("a file node");
                    int n = in.u32("a file node");
                    if (n < 0 || (long) n * 8 > in.size()) {
                        throw in.error("file " + inode + " claims " + Integer.toUnsignedString(n) + " chunks");
                    }
                    chunks = new long[n];
                    for (int i = 0; i < n; i++) {
                        chunks[i] = in.u64("a file's chunk list");
                    }
                }
                default -> {
                }
            }
            if (type != NodeType.DIRECTORY && !NodeType.isFileLike(type)) {
                sclass = 0;
            }
            try {
                ns.loadNode(new StoredNode(inode, type, sclass, eattr, winattr, mode, uid, gid, atime, mtime, ctime,
                        trash, length, rdev, chunks, path));
            } catch (IllegalArgumentException e) {
                throw in.error(e.getMessage());
            }
            count++;
        }
        if (count != declared) {
            throw in.error("NODE declares " + Integer.toUnsignedString(declared) + " nodes but holds " + count);
        }
        ns.loadMaxInode(maxNodeId);
    }

    private void edges() throws IOException {
        ns.loadNextEdgeId(in.u64("nextedgeid"));
        while (true) {
            int parent = in.u32("an entry");
            int child = in.u32("an entry");
            long edgeId = in.u64("an entry");
            int nleng = in.u16("an entry");
            if (parent == 0 && child == 0) {
                if (edgeId != 0 || nleng != 0) {
                    throw in.error("broken EDGE end marker");
                }
                break;
            }
            byte[] name = in.bytes(nleng, "an entry's name");
            try {
                ns.loadEdge(parent, child, edgeId, name);
            } catch (IllegalArgumentException e) {
                throw in.error(e.getMessage());
            }
        }
    }

    private void free() throws IOException {
        int n = in.u32("the free inode count");
        for (long i = 0; i < Integer.toUnsignedLong(n); i++) {
            int inode = in.u32("a free inode");
            int ftime = in.u32("a free inode");
            try {
                ns.loadFree(inode, ftime);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw in.error(e.getMessage());
            }
        }
    }

    private void xattrs() throws IOException {
        while (true) {
            int inode = in.u32("an extended attribute");
            int nleng = in.u8("an extended attribute");
            int vleng = in.u32("an extended attribute");
            if (inode == 0) {
                if (nleng != 0 || vleng != 0) {
                    throw in.error("broken XATR end marker");
                }
                break;
            }
            if (vleng < 0 || vleng > 65536) {
                throw in.error("extended attribute of inode " + inode + " with a " + Integer.toUnsignedString(vleng)
                        + "-byte value");
            }
            byte[] name = in.bytes(nleng, "an extended attribute's name");
            byte[] value = in.bytes(vleng, "an extended attribute's value");
            try {
                ns.loadXattr(inode, name, value);
            } catch (IllegalArgumentException e) {
                throw in.error(e.getMessage());
            }
        }
    }

    private void open() throws IOException {
        while (true) {
            int session = in.u32("an open file");
            int inode = in.u32("an open file");
            if (session == 0 && inode == 0) {
                break;
            }
            try {
                ns.loadOpen(session, inode);
            } catch (IllegalArgumentException e) {
                throw in.error(e.getMessage());
            }
        }
    }

    private void locks(String tag, int recordSize) throws IOException {
        int dropped = 0;
        while (true) {
            byte[] rec = in.bytes(recordSize, "a lock record");
            if (allZero(rec)) {
                break;
            }
            dropped++;
        }
        if (dropped > 0) {
            log.warn("{}: {} {} lock records dropped: jmfs does not keep file locks across restarts yet", in.file(),
                    dropped, tag);
        }
    }

    private void servers() throws IOException {
        int n = in.u32("the chunkserver count");
        for (long i = 0; i < Integer.toUnsignedLong(n); i++) {
            int ip = in.u32("a chunkserver");
            int port = in.u16("a chunkserver");
            int csid = in.u16("a chunkserver");
            int maintenance = in.u8("a chunkserver");
            int timeout = in.u32("a chunkserver");
            try {
                state.servers().apply(new CsdbChange(0, CsdbChange.Op.ADD, ip, port, csid));
                switch (maintenance) {
                    case 0 -> {
                    }
                    case 1 -> state.servers().apply(new CsdbChange(0, CsdbChange.Op.MAINTENANCE_ON, ip, port, timeout));
                    case 2 -> state.servers().apply(new CsdbChange(0, CsdbChange.Op.MAINTENANCE_TEMPORARY, ip, port, timeout));
                    default -> throw in.error("chunkserver " + csid + " has unknown maintenance mode " + maintenance);
                }
            } catch (IllegalStateException e) {
                throw in.error(e.getMessage());
            }
        }
    }

    /** Reads CHNK from {@code in} (the main input, or the read-ahead's own, which may be abandoned). */
    private void chunks(DumpInput in, ChunkReadAhead ahead) throws IOException {
        long next = in.u64("nextchunkid");
        for (int n = 0; ; n++) {
            if (ahead != null && (n & 0xFFFF) == 0 && ahead.abandoned) {
                throw new CancellationException("load abandoned");
            }
            long id = in.u64("a chunk");
            int version = in.u32("a chunk");
            int lockedTo = in.u32("a chunk");
            int arch = in.u8("a chunk");
            if (id == 0) {
                if (version != 0 || lockedTo != 0 || arch != 0) {
                    throw in.error("broken CHNK end marker");
                }
                break;
            }
            if (arch > 1) {
                throw in.error("chunk " + Long.toHexString(id) + " has archive flag " + arch + " (0 or 1 expected)");
            }
            try {
                state.chunks().load(id, version, lockedTo, arch == 1);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw in.error(e.getMessage());
            }
        }
        state.chunks().loadNextChunkId(next);
    }

    /**
     * Adds every file's chunk references to the chunk table (files up to {@code maxInode}); answers up to ten
     * references to chunks the table does not have.
     */
    private List<String> chunkReferenceProblems(int maxInode) {
        List<String> missing = new ArrayList<>();
        ns.forEachChunkReference(maxInode, (inode, sclass, chunkId) -> {
            try {
                state.chunks().addFileReference(chunkId, state.namespace().storageClasses().effective(sclass).id());
            } catch (IllegalStateException e) {
                if (missing.size() < 10) {
                    missing.add("inode " + inode + " references unknown chunk " + String.format("%016X", chunkId));
                }
            }
        });
        return missing;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
