package io.jmfs.master.fs;

import io.jmfs.master.fs.change.Change;
import io.jmfs.master.fs.change.ChangeSink;
import io.jmfs.master.sclass.ClassDraft;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.master.sclass.StorageClassTable;
import io.jmfs.protocol.MfsStatus;
import java.util.List;

/**
 * The master's namespace: every inode, directory entry and attribute of the cluster, and the operations the
 * MooseFS 3.0.117 client sends. Inode numbers here are real ones (the sessions layer maps a subfolder export's
 * "1" to its root first); credentials are after export mapping.
 *
 * <p>Owned by the metadata thread; not thread-safe by design. Every mutation is validated (answering MooseFS's
 * status for each error case), its values resolved (new inode number, timestamps from the injected clock),
 * recorded to the {@link ChangeSink}, then applied through {@link #replay}'s path.
 */
public final class Namespace {
    private final FsState state;
    private final FsCore core;
    private final ReadOps read;
    private final CreateOps create;
    private final RemoveOps remove;
    private final AttrOps attrs;
    private final XattrOps xattrs;
    private final TrashOps trash;
    private final PolicyOps policies;
    private final ClassOps classOps;
    private final TreeInfo tree;
    private final SnapshotOps snapshots;
    private final AppendOps appends;
    private final NamespacePersistence persistence;
    private final ArchiveOps archive;

    public Namespace(MetaClock clock, ChangeSink sink, ChunkReleaser releaser, NamespaceSettings settings) {
        this.state = new FsState(releaser, clock.now());
        this.core = new FsCore(state, sink, clock, settings);
        this.read = new ReadOps(core);
        this.create = new CreateOps(core);
        this.remove = new RemoveOps(core);
        this.attrs = new AttrOps(core);
        this.xattrs = new XattrOps(core);
        this.trash = new TrashOps(core);
        this.policies = new PolicyOps(core);
        this.classOps = new ClassOps(core);
        this.tree = new TreeInfo(core);
        this.snapshots = new SnapshotOps(core);
        this.appends = new AppendOps(core);
        this.persistence = new NamespacePersistence(state);
        this.archive = new ArchiveOps(core);
    }

    /** Reads and sets chunk archive flags through {@code flags} from now on (the owner's chunk layer). */
    public void useArchiveFlags(ChunkArchiveFlags flags) {
        state.archiveFlags = java.util.Objects.requireNonNull(flags);
    }

    /** ARCHCTL GET: archived and not archived chunks, and files with all, some or none archived, below {@code inode}. */
    public FsResult<ArchiveResults.Counts> archiveCounts(int inode) {
        return archive.counts(inode);
    }

    /**
     * ARCHCTL SET ({@code set}) or CLR for every file below {@code inode} that {@code uid} may change (its owner,
     * or root, unless immutable); CLR also sets those files' ctime.
     */
    public FsResult<ArchiveResults.Changed> changeArchive(int inode, int uid, boolean set) {
        return archive.change(inode, uid, set);
    }

    /** The root directory's inode (MFS_ROOT_ID). */
    public static final int ROOT = FsState.ROOT;

    // ---- replay ---------------------------------------------------------------------------------------------

    /**
     * Applies a recorded change (changelog replay, a follower). Answers {@code MISMATCH} when a resolved value
     * (new inode number, purge counts) differs from what this namespace computes, or the status of a failed
     * precondition; in both cases nothing changed.
     */
    public MfsStatus replay(Change change) {
        return core.applier.apply(change);
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    public Results.StatFs statfs() {
        return read.statfs();
    }

    /** ACCESS: {@code modeMask} is rwx bits (4 r, 2 w, 1 x). */
    public MfsStatus access(Credentials c, int inode, int modeMask) {
        return read.access(c, inode, modeMask);
    }

    public FsResult<Results.Lookup> lookup(Credentials c, int parent, byte[] name) {
        return read.lookup(c, parent, name);
    }

    public FsResult<NodeAttr> getattr(int inode) {
        return read.getattr(inode);
    }

    /** READLINK: the target without the wire's trailing NUL. */
    public FsResult<byte[]> readlink(int inode) {
        return read.readlink(inode);
    }

    public FsResult<List<Results.DirEntry>> readdir(Credentials c, int dir, boolean withAttrs) {
        return read.readdir(c, dir, withAttrs);
    }

    // ---- entries --------------------------------------------------------------------------------------------

    public FsResult<Results.Entry> mknod(Credentials c, int parent, byte[] name, int type, int mode, int umask,
                                         int rdev) {
        return create.mknod(c, parent, name, type, mode, umask, rdev, false);
    }

    /** MKDIR; {@code copySgid}: a new directory in a setgid directory becomes setgid too. */
    public FsResult<Results.Entry> mkdir(Credentials c, int parent, byte[] name, int mode, int umask,
                                         boolean copySgid) {
        return create.mknod(c, parent, name, NodeType.DIRECTORY, mode, umask, 0, copySgid);
    }

    /** CREATE: mknod of a regular file, answered with open flags (the net layer then acquires it). */
    public FsResult<Results.Opened> create(Credentials c, int parent, byte[] name, int mode, int umask) {
        return create.create(c, parent, name, mode, umask);
    }

    public FsResult<Results.Entry> symlink(Credentials c, int parent, byte[] name, byte[] target) {
        return create.symlink(c, parent, name, target);
    }

    public FsResult<Results.Entry> link(Credentials c, int inode, int parent, byte[] name) {
        return create.link(c, inode, parent, name);
    }

    /** UNLINK: answers the inode that was removed. */
    public FsResult<Integer> unlink(Credentials c, int parent, byte[] name) {
        return remove.remove(c, parent, name, false);
    }

    /** RMDIR: answers the inode that was removed. */
    public FsResult<Integer> rmdir(Credentials c, int parent, byte[] name) {
        return remove.remove(c, parent, name, true);
    }

    public FsResult<Results.Entry> rename(Credentials c, int srcParent, byte[] srcName, int dstParent,
                                          byte[] dstName) {
        return remove.rename(c, srcParent, srcName, dstParent, dstName);
    }

    /**
     * SNAPSHOT (mfsmakesnapshot, and mfsrmsnapshot with {@code smode} bit 0x80 and {@code src} 0): copies node
     * {@code src} (a whole tree for a directory) to {@code dstParent/name}, files sharing their chunks;
     * {@code smode} bits 0x01 overwrite, 0x02 cp-like attributes, 0x04 force removal, 0x08 preserve hard links.
     * {@code sesflags} are the session's (recorded; IGNOREGID matters in replay); {@code umask} applies in cp-like
     * mode. The whole tree is done in one step, as in MooseFS 3.0.
     */
    public MfsStatus snapshot(Credentials c, int sesflags, int src, int dstParent, byte[] name, int smode,
                              int umask) {
        return snapshots.snapshot(c, sesflags, src, dstParent, name, smode, umask);
    }

    /**
     * APPEND_SLICE (mfsappendchunks): shares chunks {@code [sliceFrom, sliceTo)} of file {@code src} onto the end of
     * file {@code dst} (after rounding its length up to a chunk boundary); {@code flags} bit 0x01/0x02 count
     * {@code sliceFrom}/{@code sliceTo} back from the source's end. Answers the destination's resulting length.
     */
    public FsResult<Long> appendSlice(Credentials c, int flags, int dst, int src, int sliceFrom, int sliceTo) {
        return appends.append(c, flags, dst, src, sliceFrom, sliceTo);
    }

    // ---- attributes -----------------------------------------------------------------------------------------

    public FsResult<NodeAttr> setattr(Credentials c, int inode, SetAttr request) {
        return attrs.setattr(c, inode, request);
    }

    /** TRUNCATE, first half; {@code flags}: 0x01 OPENED, 0x02 UPDATE, 0x04 TIMEFIX, 0x08 RESERVE. */
    public FsResult<Results.TruncatePlan> truncateCheck(Credentials c, int inode, int flags, long length) {
        return attrs.truncateCheck(c, inode, flags, length);
    }

    /** TRUNCATE, second half, once the chunk layer shortened the chunk named by the plan (if any). */
    public FsResult<Results.Truncated> truncateApply(int inode, int flags, long length) {
        return attrs.truncateApply(inode, flags, length);
    }

    /** Both halves when no chunk needs cutting; {@code DELAYED} when one does (the chunk layer must act). */
    public FsResult<Results.Truncated> truncate(Credentials c, int inode, int flags, long length) {
        FsResult<Results.TruncatePlan> plan = truncateCheck(c, inode, flags, length);
        if (!plan.isOk()) {
            return FsResult.error(plan.status());
        }
        if (plan.value().index() >= 0) {
            return FsResult.error(MfsStatus.DELAYED);
        }
        return truncateApply(inode, flags, length);
    }

    /** OPEN; {@code flags}: 0x01 READ, 0x02 WRITE, 0x04 AFTER_CREATE, 0x08 TRUNCATE. */
    public FsResult<Results.Opened> open(Credentials c, int inode, int flags) {
        return attrs.open(c, inode, flags);
    }

    public void amtime(int inode, int atime, int mtime) {
        attrs.amtime(inode, atime, mtime);
    }

    // ---- extended attributes --------------------------------------------------------------------------------

    public FsResult<byte[]> getxattr(Credentials c, int inode, byte[] name, boolean opened) {
        return xattrs.get(c, inode, name, opened);
    }

    /** NUL-separated names (each followed by a NUL), as LISTXATTR answers. */
    public FsResult<byte[]> listxattr(Credentials c, int inode, boolean opened) {
        return xattrs.list(c, inode, opened);
    }

    /** SETXATTR; {@code mode}: 0 create or replace, 1 create only, 2 replace only, 3 remove. */
    public MfsStatus setxattr(Credentials c, int inode, byte[] name, byte[] value, int mode, boolean opened) {
        return xattrs.set(c, inode, name, value, mode, opened);
    }

    public MfsStatus removexattr(Credentials c, int inode, byte[] name, boolean opened) {
        return xattrs.set(c, inode, name, new byte[0], XattrOps.REMOVE, opened);
    }

    // ---- chunks (for the chunk layer) -----------------------------------------------------------------------

    public FsResult<Long> chunkAt(int inode, long index) {
        return attrs.chunkAt(inode, index);
    }

    public MfsStatus setChunk(int inode, long index, long chunkId) {
        return attrs.setChunk(inode, index, chunkId);
    }

    /**
     * A write was granted for the file (the chunk layer logged it as WRITE): a snapshot copy stops being an
     * unmodified one, as in MooseFS. Part of applying that record, live and in replay; records nothing itself.
     */
    public void writeGranted(int inode) {
        if (state.nodes.exists(inode) && (state.nodes.eattr(inode) & NodeAttr.EATTR_SNAPSHOT) != 0) {
            state.nodes.setEattr(inode, state.nodes.eattr(inode) & ~NodeAttr.EATTR_SNAPSHOT);
        }
    }

    /** Sets a file's length (write end, truncate completion); chunks past the end are released. */
    public MfsStatus setLength(int inode, long length, boolean modTime) {
        return attrs.setLength(inode, length, modTime);
    }

    // ---- trash, sustained, open files -----------------------------------------------------------------------

    public FsResult<Results.SetCounts> setTrashTime(Credentials c, int inode, int seconds, int smode) {
        return trash.setTrashTime(c, inode, seconds, smode);
    }

    public FsResult<Integer> trashTime(int inode) {
        return trash.trashTime(inode);
    }

    /** Periodic step: purge expired trash, drop released sustained files, free inode numbers past the delay. */
    public Results.Maintenance maintain() {
        archive.sweep(core.clock.now());
        Results.Maintenance done = trash.maintain();
        core.quotas.tick();
        return done;
    }

    // ---- quotas ---------------------------------------------------------------------------------------------

    /**
     * QUOTACONTROL on directory {@code inode}: {@code delete} drops the limits named by the request's flags (flags
     * 0 only reads), otherwise the named limits are set. Answers the definition after it and the usage below.
     */
    public FsResult<io.jmfs.master.quota.QuotaState> quotaControl(int inode, boolean delete,
                                                                   io.jmfs.master.quota.QuotaDefinition request) {
        return core.quotas.control(inode, delete, request);
    }

    /**
     * The space statfs reports to a session rooted at {@code root}: {@code space[0]} total, then available figures,
     * each shrunk by the quotas on the root and above it.
     */
    public long[] quotaCappedSpace(int root, long... space) {
        return core.quotas.capSpace(root, space);
    }

    /** Every quota with the usage below its directory, in the order they were defined (mfscli's quota view). */
    public List<io.jmfs.master.quota.QuotaState> quotas() {
        return core.quotas.states();
    }

    /** QUOTA when writing chunk {@code index} of file {@code inode} would break a quota, OK otherwise. */
    public MfsStatus quotaForWrite(int inode, long index) {
        return core.exists(inode) && NodeType.isFileLike(state.type(inode)) && core.quotas.refusesWrite(inode, index)
                ? MfsStatus.QUOTA : MfsStatus.OK;
    }

    /** QUOTA when file {@code inode} growing to {@code length} (a writer's end) would break a quota, OK otherwise. */
    public MfsStatus quotaForLength(int inode, long length) {
        return core.exists(inode) && NodeType.isFileLike(state.type(inode))
                && core.quotas.refusesFileGrowth(inode, length, 0) ? MfsStatus.QUOTA : MfsStatus.OK;
    }

    public MfsStatus purge(int inode) {
        return trash.purge(inode);
    }

    public List<Integer> trashInodes() {
        return trash.trashInodes();
    }

    public List<Integer> sustainedInodes() {
        return trash.sustainedInodes();
    }

    /** A session opened the file: it survives unlinking (as sustained) until released. */
    public MfsStatus acquire(int sessionId, int inode) {
        return trash.acquire(sessionId, inode);
    }

    public MfsStatus release(int sessionId, int inode) {
        return trash.release(sessionId, inode);
    }

    // ---- storage classes, eattr, subtree summaries ---------------------------------------------------------------

    /** The storage class id of a node (1..9 = goal 1..9); 0 for nodes without one (symlinks, devices). */
    public int sclass(int inode) {
        return state.nodes.sclass(inode);
    }

    /** The storage class new chunks of file {@code inode} are placed by: its own, the default's if it has none. */
    public int placementClass(int inode) {
        return state.classes.effective(state.nodes.sclass(inode)).id();
    }

    /** mfsscadmin create: a new class named {@code name}; CLASSEXISTS, CLASSLIMITREACH, EINVAL. */
    public FsResult<StorageClass> createClass(String name, ClassDraft d) {
        return classOps.create(name, d);
    }

    /** mfsscadmin modify (or, with mask 0, a read of the definition); predefined classes only with CHG_FORCE. */
    public FsResult<StorageClass> changeClass(String name, int changeMask,
                                                                    ClassDraft d) {
        return classOps.change(name, changeMask, d);
    }

    /** mfsscadmin delete: CLASSINUSE while any node has the class, EPERM for 1..9. */
    public MfsStatus deleteClass(String name) {
        return classOps.delete(name);
    }

    /** mfsscadmin copy. */
    public MfsStatus duplicateClass(String src, String dst) {
        return classOps.duplicate(src, dst);
    }

    /** mfsscadmin rename (user classes only). */
    public MfsStatus renameClass(String from, String to) {
        return classOps.rename(from, to);
    }

    /** Nodes per class id (mfscli's class view): {@code [id][0]} files, {@code [id][1]} directories. */
    public int[][] classUsage() {
        return classOps.usage();
    }

    /** The storage class definitions (read-only use: change them through the class operations below). */
    public StorageClassTable storageClasses() {
        return state.classes;
    }

    /**
     * SETSCLASS: {@code smode} SMODE_SET/INCREASE/DECREASE/EXCHANGE (0..3) plus SMODE_RMASK (4) for the subtree;
     * {@code src} is the class EXCHANGE replaces (ignored otherwise, but not 0); {@code uid} after export
     * mapping; {@code admin}: the session's export has the admin flag.
     */
    public FsResult<Results.SetCounts> setSclass(int inode, int uid, int src, int dst, int smode, boolean admin) {
        return policies.setSclass(inode, uid, src, dst, smode, admin);
    }

    /** GETSCLASS: class ids over the node ({@code gmode} 0) or its subtree (1). */
    public FsResult<Results.ValueCounts> sclassCounts(int inode, int gmode) {
        return policies.sclassCounts(inode, gmode);
    }

    /** GETTRASHTIME: trash times in seconds over the node or its subtree. */
    public FsResult<Results.ValueCounts> trashTimeCounts(int inode, int gmode) {
        return policies.trashTimeCounts(inode, gmode);
    }

    /** GETEATTR: eattr values over the node or its subtree. */
    public FsResult<Results.ValueCounts> eattrCounts(int inode, int gmode) {
        return policies.eattrCounts(inode, gmode);
    }

    /** SETEATTR, like {@link #setSclass}; UNDELETABLE/APPENDONLY/IMMUTABLE need {@code admin}. */
    public FsResult<Results.SetCounts> setEattr(int inode, int uid, int eattr, int smode, boolean admin) {
        return policies.setEattr(inode, uid, eattr, smode, admin);
    }

    /** PATHS: every path of {@code inode} as seen from directory {@code root}. */
    public FsResult<List<byte[]>> paths(int root, int inode) {
        return tree.paths(root, inode);
    }

    /** GETDIRSTATS: computed by walking the subtree. */
    public FsResult<Results.DirStats> dirStats(int inode) {
        return tree.dirStats(inode);
    }

    // ---- introspection --------------------------------------------------------------------------------------

    /** A canonical text listing of the whole namespace (tests compare namespaces with it). */
    public String canonicalListing() {
        return NamespaceListing.of(state);
    }

    /** The next edge id (the EDGE section's nextedgeid); counts down from 2^63-2 as in MooseFS. */
    public long nextEdgeId() {
        return state.nextEdgeId;
    }

    public int maxInode() {
        return state.inodes.maxInode();
    }

    /** Dump and load access (the {@code meta} package's metadata files). */
    public NamespacePersistence persistence() {
        return persistence;
    }

    /** Structural consistency problems (link counts, parents, lengths, free inodes); empty when consistent. */
    public List<String> checkConsistency() {
        return NamespaceCheck.problems(state);
    }
}
