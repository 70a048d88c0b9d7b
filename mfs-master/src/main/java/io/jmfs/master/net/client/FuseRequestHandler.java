package io.jmfs.master.net.client;

import io.jmfs.master.cluster.ClusterSpace;
import io.jmfs.master.fs.ArchiveResults;
import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.FsResult;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.NodeAttr;
import io.jmfs.master.fs.NodeType;
import io.jmfs.master.fs.Results;
import io.jmfs.master.fs.SetAttr;
import io.jmfs.master.locks.LockManager;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.master.sclass.StorageClassTable;
import io.jmfs.master.sessions.Session;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import io.jmfs.protocol.msg.client.ChunkRequest;
import io.jmfs.protocol.msg.client.ChunkRequest.Truncate;
import io.jmfs.protocol.msg.client.ClientRequest;
import io.jmfs.protocol.msg.client.LockReply;
import io.jmfs.protocol.msg.client.LockRequest;
import io.jmfs.protocol.msg.client.LockRequest.PosixLock;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.MasterReply.Status;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceReply.AttrReply;
import io.jmfs.protocol.msg.client.NamespaceReply.DirEntry;
import io.jmfs.protocol.msg.client.NamespaceReply.EntryReply;
import io.jmfs.protocol.msg.client.NamespaceReply.InodeReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.NamespaceRequest.Access;
import io.jmfs.protocol.msg.client.NamespaceRequest.Create;
import io.jmfs.protocol.msg.client.NamespaceRequest.GetXattr;
import io.jmfs.protocol.msg.client.NamespaceRequest.Lookup;
import io.jmfs.protocol.msg.client.NamespaceRequest.Mkdir;
import io.jmfs.protocol.msg.client.NamespaceRequest.Mknod;
import io.jmfs.protocol.msg.client.NamespaceRequest.Open;
import io.jmfs.protocol.msg.client.NamespaceRequest.Readdir;
import io.jmfs.protocol.msg.client.NamespaceRequest.SetXattr;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.client.SessionRequest.AmtimeInodes;
import io.jmfs.protocol.msg.client.SessionRequest.SustainedInodes;
import io.jmfs.protocol.msg.client.ToolReply;
import io.jmfs.protocol.msg.client.ToolReply.ValueCount;
import io.jmfs.protocol.msg.client.ToolRequest;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Answers the metadata requests of a registered session: maps the session's view (root inode, credentials,
 * read-only) onto the namespace and turns its results into replies. Returns {@code null} for the packets that take
 * no answer (SUSTAINED_INODES, AMTIME_INODES) and for lock requests that wait (answered later by the lock manager). The chunk calls (READ_CHUNK, WRITE_CHUNK, WRITE_CHUNK_END, TRUNCATE,
 * CHECK) go to {@link ClientChunkCalls} instead; export {@code disable=} rules are applied before either.
 */
final class FuseRequestHandler {
    private static final int CHUNK_SIZE_BITS = 26;

    private final ClientServices services;

    FuseRequestHandler(ClientServices services) {
        this.services = services;
    }

    WireMessage handle(SessionScope scope, ClientRequest request) {
        Session session = scope.session();
        Namespace ns = services.namespace();
        if (modifies(request) && session.readOnly()) {
            return status(request, MfsStatus.EROFS);
        }
        return switch (request) {
            case SessionRequest.Nop n -> null;
            case SessionRequest.TimeSync t -> new SessionReply.TimeSync(t.msgid(), services.wallClockMicros());
            case NamespaceRequest.Statfs s -> {
                Results.StatFs st = ns.statfs();
                ClusterSpace cs = services.chunks().servers().space(services.reserveSpace());
                // quotas on the session's root and above it cap what it sees
                long[] space = ns.quotaCappedSpace(session.rootInode(), cs.total(), cs.available(), cs.free());
                yield new NamespaceReply.Statfs(s.msgid(), space[0], space[1], space[2], st.trashSpace(),
                        st.sustainedSpace(), st.inodes());
            }
            case Access a -> {
                if (session.readOnly() && (a.perm() & 2) != 0) {
                    yield status(a, MfsStatus.EROFS);
                }
                yield status(a, ns.access(scope.credentials(a.uid(), a.gids()), scope.real(a.inode()), a.perm()));
            }
            case Lookup l -> lookup(scope, l);
            case NamespaceRequest.GetAttr g -> attrReply(g, ns.getattr(scope.real(g.inode())));
            case NamespaceRequest.SetAttr s -> attrReply(s, ns.setattr(scope.credentials(s.uid(), s.gids()),
                    scope.real(s.inode()), new SetAttr(s.setMask(), s.mode(), s.attrUid(), s.attrGid(), s.atime(),
                            s.mtime(), s.winattr(), s.sugidClearMode())));
            case NamespaceRequest.ReadLink r -> {
                FsResult<byte[]> target = ns.readlink(scope.real(r.inode()));
                yield target.isOk() ? new NamespaceReply.ReadLink(r.msgid(), ByteString.of(target.value()))
                        : status(r, target.status());
            }
            case NamespaceRequest.Symlink s -> entry(scope, s, ns.symlink(scope.credentials(s.uid(), s.gids()),
                    scope.real(s.parent()), s.name().toByteArray(), s.path().toByteArray()));
            case Mknod m -> entry(scope, m, ns.mknod(scope.credentials(m.uid(), m.gids()), scope.real(m.parent()),
                    m.name().toByteArray(), m.nodeType(), m.mode(), umask(session, m.umask()), m.rdev()));
            case Mkdir m -> entry(scope, m, ns.mkdir(scope.credentials(m.uid(), m.gids()), scope.real(m.parent()),
                    m.name().toByteArray(), m.mode(), umask(session, m.umask()), m.copySgid() != 0));
            case NamespaceRequest.Unlink u -> removed(scope, u, ns.unlink(scope.credentials(u.uid(), u.gids()),
                    scope.real(u.parent()), u.name().toByteArray()));
            case NamespaceRequest.Rmdir r -> removed(scope, r, ns.rmdir(scope.credentials(r.uid(), r.gids()),
                    scope.real(r.parent()), r.name().toByteArray()));
            case NamespaceRequest.Rename r -> entry(scope, r, ns.rename(scope.credentials(r.uid(), r.gids()),
                    scope.real(r.srcParent()), r.srcName().toByteArray(), scope.real(r.dstParent()),
                    r.dstName().toByteArray()));
            case NamespaceRequest.Link l -> entry(scope, l, ns.link(scope.credentials(l.uid(), l.gids()),
                    scope.real(l.inode()), scope.real(l.dstParent()), l.name().toByteArray()));
            case Readdir r -> readdir(scope, r);
            case Open o -> open(scope, o);
            case Create c -> create(scope, c);
            case ChunkRequest.ReadChunk r -> throw chunkCall(r);
            case ChunkRequest.WriteChunk w -> throw chunkCall(w);
            case ChunkRequest.WriteChunkEnd w -> throw chunkCall(w);
            case Truncate t -> throw chunkCall(t);
            case ToolRequest.Check c -> throw chunkCall(c);
            case GetXattr g -> getxattr(scope, g);
            case SetXattr s -> setxattr(scope, s);
            case NamespaceRequest.GetFacl g -> status(g, MfsStatus.ENOATTR);
            case LockRequest.Flock f -> flock(scope, f);
            case PosixLock p -> posixLock(scope, p);
            case ToolRequest.GetTrashTime g -> getTrashTime(scope, g);
            case ToolRequest.SetTrashTime s -> setTrashTime(scope, s);
            case ToolRequest.GetEattr g -> getEattr(scope, g);
            case ToolRequest.GetSclass g -> getSclass(scope, g);
            case ToolRequest.SetSclass s -> setSclass(scope, s);
            case ToolRequest.SetEattr s -> setEattr(scope, s);
            case ToolRequest.ArchCtl a -> archiveControl(scope, a);
            case ToolRequest.GetDirStats g -> dirStats(scope, g);
            case ToolRequest.Snapshot s -> status(s, ns.snapshot(scope.credentials(s.uid(), s.gids()),
                    session.effectiveSesflags(), s.inode() == 0 ? 0 : scope.real(s.inode()), scope.real(s.dstParent()),
                    s.name().toByteArray(), s.smode(), umask(session, s.umask())));
            case ToolRequest.AppendSlice a -> status(a, ns.appendSlice(scope.credentials(a.uid(), a.gids()),
                    a.flags(), scope.real(a.inode()), scope.real(a.srcInode()), a.sliceFrom(), a.sliceTo()).status());
            case ToolRequest.Paths p -> paths(scope, p);
            case ToolRequest.SclassList s -> sclassList(s);
            case ToolRequest.QuotaControl q -> QuotaControl.answer(ns, scope, q);
            case SustainedInodes s -> {
                syncOpenFiles(session, s.inodes());
                yield null;
            }
            case AmtimeInodes a -> {
                for (SessionRequest.Amtime t : a.entries()) {
                    ns.amtime(scope.real(t.inode()), t.atime(), t.mtime());
                }
                yield null;
            }
            case SessionRequest.Register r -> throw new IllegalArgumentException("REGISTER is the connection's job");
        };
    }

    /** Requests a read-only session may not send (OPEN only when it asks for writing or truncation). */
    static boolean modifies(ClientRequest request) {
        return switch (request) {
            case NamespaceRequest.SetAttr s -> true;
            case NamespaceRequest.Symlink s -> true;
            case Mknod m -> true;
            case Mkdir m -> true;
            case NamespaceRequest.Unlink u -> true;
            case NamespaceRequest.Rmdir r -> true;
            case NamespaceRequest.Rename r -> true;
            case NamespaceRequest.Link l -> true;
            case Create c -> true;
            case ChunkRequest.WriteChunk w -> true;
            case ChunkRequest.WriteChunkEnd w -> true;
            case Truncate t -> true;
            case SetXattr s -> true;
            case ToolRequest.SetTrashTime s -> true;
            case ToolRequest.SetSclass s -> true;
            case ToolRequest.SetEattr s -> true;
            case ToolRequest.ArchCtl a -> a.cmd() != ToolRequest.ArchCtl.GET;
            case ToolRequest.Snapshot s -> true;
            case ToolRequest.AppendSlice a -> true;
            case Open o -> (o.flags() & (0x02 | 0x08)) != 0;
            default -> false;
        };
    }

    private static int umask(Session session, int requested) {
        return (requested | session.grant().umask()) & 07777;
    }

    private MasterReply lookup(SessionScope scope, Lookup l) {
        int parent = scope.real(l.parent());
        byte[] name = l.name().toByteArray();
        if (scope.isRoot(parent) && name.length == 2 && name[0] == '.' && name[1] == '.') {
            name = new byte[] {'.'}; // the session cannot climb above its root
        }
        FsResult<Results.Lookup> found = services.namespace().lookup(scope.credentials(l.uid(), l.gids()), parent,
                name);
        if (!found.isOk()) {
            return status(l, found.status());
        }
        Results.Lookup r = found.value();
        int lflags = r.lflags();
        if (scope.session().readOnly()) {
            lflags |= NamespaceReply.Lookup.RO_FILESYSTEM;
        }
        Optional<ChunkData> chunkZero = emptyFirstChunk(r.inode(), r.attr());
        if (chunkZero.isPresent()) {
            lflags |= NamespaceReply.Lookup.CHUNK_ZERO_DATA;
        }
        return new NamespaceReply.Lookup(l.msgid(), scope.wire(r.inode()), WireAttrs.of(r.attr()), lflags, chunkZero);
    }

    /**
     * The chunk-0 data LOOKUP may carry, when the namespace alone knows it: a file of at most one chunk whose first
     * chunk does not exist yet (chunkid 0 = empty or a hole) saves the client a READ_CHUNK.
     */
    private Optional<ChunkData> emptyFirstChunk(int inode, NodeAttr attr) {
        if (attr.wireType() != NodeType.FILE || attr.length() > (1L << CHUNK_SIZE_BITS)) {
            return Optional.empty();
        }
        FsResult<Long> chunk = services.namespace().chunkAt(inode, 0);
        return chunk.isOk() && chunk.value() == 0 ? Optional.of(new ChunkData(0, 0, List.of())) : Optional.empty();
    }

    private MasterReply readdir(SessionScope scope, Readdir r) {
        int dir = scope.real(r.inode());
        FsResult<List<Results.DirEntry>> listed = services.namespace().readdir(
                scope.credentials(r.uid(), r.gids()), dir, r.withAttr());
        if (!listed.isOk()) {
            return status(r, listed.status());
        }
        List<DirEntry> entries = new ArrayList<>(listed.value().size());
        NodeAttr dirAttr = null;
        for (Results.DirEntry e : listed.value()) {
            boolean dotDot = e.name().length == 2 && e.name()[0] == '.' && e.name()[1] == '.';
            if (e.name().length == 1 && e.name()[0] == '.') {
                dirAttr = e.attr();
            }
            // ".." of the session root is the root itself: the session sees nothing above it
            int inode = dotDot && scope.isRoot(dir) ? dir : e.inode();
            NodeAttr attr = dotDot && scope.isRoot(dir) ? dirAttr : e.attr();
            ByteString name = ByteString.of(e.name());
            entries.add(r.withAttr()
                    ? DirEntry.withAttr(name, scope.wire(inode), WireAttrs.of(attr))
                    : DirEntry.withType(name, scope.wire(inode), NodeType.isFileLike(e.type()) ? NodeType.FILE
                            : e.type()));
        }
        return new NamespaceReply.Readdir(r.msgid(), 0, entries);
    }

    private MasterReply open(SessionScope scope, Open o) {
        int inode = scope.real(o.inode());
        FsResult<Results.Opened> opened = services.namespace().open(scope.credentials(o.uid(), o.gids()), inode,
                o.flags());
        if (!opened.isOk()) {
            return status(o, opened.status());
        }
        acquire(scope.session(), inode);
        return new NamespaceReply.Open(o.msgid(), opened.value().oflags(), WireAttrs.of(opened.value().attr()));
    }

    private MasterReply create(SessionScope scope, Create c) {
        Session session = scope.session();
        FsResult<Results.Opened> created = services.namespace().create(scope.credentials(c.uid(), c.gids()),
                scope.real(c.parent()), c.name().toByteArray(), c.mode(), umask(session, c.umask()));
        if (!created.isOk()) {
            return status(c, created.status());
        }
        Results.Opened r = created.value();
        acquire(session, r.inode());
        return new NamespaceReply.Create(c.msgid(), r.oflags(), scope.wire(r.inode()), WireAttrs.of(r.attr()));
    }

    private void acquire(Session session, int inode) {
        if (session.markOpen(inode)) {
            services.namespace().acquire(session.id(), inode);
        }
    }

    /** SUSTAINED_INODES lists every file the mount still holds open: the session's open set becomes exactly that. */
    private void syncOpenFiles(Session session, List<Integer> stillOpen) {
        Set<Integer> keep = new HashSet<>(stillOpen);
        for (Integer inode : List.copyOf(session.openFiles())) {
            if (!keep.contains(inode) && session.markReleased(inode)) {
                services.namespace().release(session.id(), inode);
                services.locks().fileClosed(session.id(), inode);
            }
        }
        for (Integer inode : keep) {
            if (services.namespace().getattr(inode).isOk()) {
                acquire(session, inode);
            }
        }
    }



    /** FLOCK; a blocking request that must wait gets no answer now (the lock manager answers it later). */
    private MasterReply flock(SessionScope scope, LockRequest.Flock f) {
        Session session = scope.session();
        int inode = scope.real(f.inode());
        if (LockManager.flockNeedsOpenFile(f.cmd()) && !session.openFiles().contains(inode)) {
            return status(f, MfsStatus.NOTOPENED);
        }
        MfsStatus st = services.locks().flock(session.id(), f.msgid(), f.reqId(), inode, f.owner(), f.cmd());
        return st == MfsStatus.WAITING ? null : status(f, st);
    }

    private MasterReply posixLock(SessionScope scope, PosixLock p) {
        Session session = scope.session();
        int inode = scope.real(p.inode());
        if (LockManager.posixNeedsOpenFile(p.cmd(), p.lockType()) && !session.openFiles().contains(inode)) {
            return status(p, MfsStatus.NOTOPENED);
        }
        LockManager.PosixResult r = services.locks().posixLock(session.id(), p.msgid(), p.reqId(), inode, p.owner(),
                p.pid(), p.cmd(), p.lockType(), p.start(), p.end());
        if (r.status() == MfsStatus.WAITING) {
            return null;
        }
        if (p.cmd() == 0 && r.status().isOk()) {
            return new LockReply.PosixLockInfo(p.msgid(), r.pid(), r.type(), r.start(), r.end());
        }
        return status(p, r.status());
    }

    private MasterReply getxattr(SessionScope scope, GetXattr g) {
        Credentials c = scope.credentials(g.uid(), g.gids());
        int inode = scope.real(g.inode());
        FsResult<byte[]> value = g.name().isEmpty()
                ? services.namespace().listxattr(c, inode, g.opened() != 0)
                : services.namespace().getxattr(c, inode, g.name().toByteArray(), g.opened() != 0);
        if (!value.isOk()) {
            return status(g, value.status());
        }
        byte[] v = value.value();
        return g.mode() == 1 ? new NamespaceReply.GetXattr(g.msgid(), v.length, Optional.empty())
                : NamespaceReply.GetXattr.of(g.msgid(), ByteString.of(v));
    }

    private MasterReply setxattr(SessionScope scope, SetXattr s) {
        Credentials c = scope.credentials(s.uid(), s.gids());
        int inode = scope.real(s.inode());
        if (s.mode() > 3) {
            return status(s, MfsStatus.EINVAL);
        }
        MfsStatus st = s.mode() == 3
                ? services.namespace().removexattr(c, inode, s.name().toByteArray(), s.opened() != 0)
                : services.namespace().setxattr(c, inode, s.name().toByteArray(), s.value().toByteArray(), s.mode(),
                        s.opened() != 0);
        return status(s, st);
    }

    /** GETSCLASS over a node or (gmode 1) its subtree: class ids 1..9 are the classic goals, sent by number. */
    private MasterReply getSclass(SessionScope scope, ToolRequest.GetSclass g) {
        FsResult<Results.ValueCounts> counts = services.namespace().sclassCounts(scope.real(g.inode()), g.gmode());
        if (!counts.isOk()) {
            return status(g, counts.status());
        }
        StorageClassTable classes = services.namespace().storageClasses();
        return new ToolReply.GetSclass(g.msgid(), sclassCounts(classes, counts.value().files()),
                sclassCounts(classes, counts.value().dirs()));
    }

    /** Classic goals (1..9) go by number, user classes by name after the 0xFF marker, as 3.0.117 answers. */
    private static List<ToolReply.SclassCount> sclassCounts(StorageClassTable classes, Map<Integer, Integer> counts) {
        return counts.entrySet().stream().map(e -> {
            StorageClass c = classes.get(e.getKey());
            return c == null || c.isSimpleGoal()
                    ? new ToolReply.SclassCount(e.getKey(), Optional.empty(), e.getValue())
                    : new ToolReply.SclassCount(ToolReply.SclassCount.NAMED, Optional.of(ByteString.of(
                            c.nameBytes())), e.getValue());
        }).toList();
    }

    private static List<ValueCount> valueCounts(Map<Integer, Integer> counts) {
        return counts.entrySet().stream().map(e -> new ValueCount(e.getKey(), e.getValue())).toList();
    }

    /**
     * SETSCLASS: the classic form names a goal (1..9); the named form (0xFF) a class by name, and for EXCHANGE the
     * class to replace. The export's mingoal/maxgoal bound the new goal; an unknown class name is EINVAL.
     */
    private MasterReply setSclass(SessionScope scope, ToolRequest.SetSclass s) {
        Session session = scope.session();
        int dst;
        int src;
        StorageClassTable classes = services.namespace().storageClasses();
        if (s.goal() == ToolRequest.SetSclass.NAMED) {
            dst = classes.find(StorageClass.nameOf(s.dstClass().orElseThrow().toByteArray()));
            src = s.srcClass().map(n -> classes.find(StorageClass.nameOf(n.toByteArray()))).orElse(1);
        } else {
            if (s.goal() < 1 || s.goal() >= StorageClassTable.FIRST_USER_ID) {
                return status(s, MfsStatus.EINVAL);
            }
            dst = s.goal();
            src = s.goal();
        }
        if (dst == 0 || src == 0) {
            return status(s, MfsStatus.EINVAL);
        }
        // the export's mingoal/maxgoal bound only the classic goals (3.0.117 checks user classes against nothing)
        MfsStatus allowed = dst < StorageClassTable.FIRST_USER_ID
                ? session.checkGoal(limitMode(s.smode()), classes.get(dst).goal()) : MfsStatus.OK;
        if (!allowed.isOk()) {
            return status(s, allowed);
        }
        FsResult<Results.SetCounts> counts = services.namespace().setSclass(scope.real(s.inode()),
                scope.credentials(s.uid(), 0).uid(), src, dst, s.smode(), session.grant().admin());
        return setResult(MessageTypes.SETSCLASS_REPLY, s, counts);
    }

    private static Session.LimitMode limitMode(int smode) {
        return switch (smode & 3) {
            case 1 -> Session.LimitMode.INCREASE;
            case 2 -> Session.LimitMode.DECREASE;
            case 3 -> Session.LimitMode.EXCHANGE;
            default -> Session.LimitMode.SET;
        };
    }

    private MasterReply setResult(int replyType, ClientRequest request, FsResult<Results.SetCounts> counts) {
        if (!counts.isOk()) {
            return status(request, counts.status());
        }
        Results.SetCounts c = counts.value();
        return new ToolReply.SetResult(replyType, request.msgid(), c.changed(), c.notChanged(), c.notPermitted());
    }

    private MasterReply getTrashTime(SessionScope scope, ToolRequest.GetTrashTime g) {
        FsResult<Results.ValueCounts> counts = services.namespace().trashTimeCounts(scope.real(g.inode()),
                g.gmode());
        if (!counts.isOk()) {
            return status(g, counts.status());
        }
        return new ToolReply.GetTrashTime(g.msgid(), valueCounts(counts.value().files()),
                valueCounts(counts.value().dirs()));
    }

    private MasterReply setTrashTime(SessionScope scope, ToolRequest.SetTrashTime s) {
        MfsStatus allowed = scope.session().checkTrashTime(limitMode(s.smode()), Integer.toUnsignedLong(s.trashTime()));
        if (!allowed.isOk()) {
            return status(s, allowed);
        }
        return setResult(MessageTypes.SETTRASHTIME_REPLY, s, services.namespace().setTrashTime(
                scope.credentials(s.uid(), 0), scope.real(s.inode()), s.trashTime(), s.smode()));
    }

    private MasterReply getEattr(SessionScope scope, ToolRequest.GetEattr g) {
        FsResult<Results.ValueCounts> counts = services.namespace().eattrCounts(scope.real(g.inode()), g.gmode());
        if (!counts.isOk()) {
            return status(g, counts.status());
        }
        return new ToolReply.GetEattr(g.msgid(), valueCounts(counts.value().files()),
                valueCounts(counts.value().dirs()));
    }

    private MasterReply setEattr(SessionScope scope, ToolRequest.SetEattr s) {
        return setResult(MessageTypes.SETEATTR_REPLY, s, services.namespace().setEattr(scope.real(s.inode()),
                scope.credentials(s.uid(), 0).uid(), s.eattr(), s.smode(), scope.session().grant().admin()));
    }

    /**
     * ARCHCTL: GET counts archive flags below the node; SET and CLR (as 3.0.117, any other command clears) change them
     * for the files the (remapped) uid may change.
     */
    private MasterReply archiveControl(SessionScope scope, ToolRequest.ArchCtl a) {
        int inode = scope.real(a.inode());
        if (a.cmd() == ToolRequest.ArchCtl.GET) {
            FsResult<ArchiveResults.Counts> counts = services.namespace().archiveCounts(inode);
            if (!counts.isOk()) {
                return status(a, counts.status());
            }
            ArchiveResults.Counts c = counts.value();
            return new ToolReply.ArchiveCounts(a.msgid(), c.archivedChunks(), c.notArchivedChunks(),
                    c.archivedFiles(), c.partialFiles(), c.notArchivedFiles());
        }
        int uid = scope.credentials(a.uid().orElseThrow(), 0).uid();
        FsResult<ArchiveResults.Changed> changed = services.namespace().changeArchive(inode, uid,
                a.cmd() == ToolRequest.ArchCtl.SET);
        if (!changed.isOk()) {
            return status(a, changed.status());
        }
        ArchiveResults.Changed c = changed.value();
        return new ToolReply.ArchiveChanged(a.msgid(), c.changedChunks(), c.notChangedChunks(),
                c.notPermittedFiles());
    }

    /** PATHS as the session sees them: relative to its root, nothing above it. */
    private MasterReply paths(SessionScope scope, ToolRequest.Paths p) {
        FsResult<List<byte[]>> paths = services.namespace().paths(scope.session().rootInode(),
                scope.real(p.inode()));
        if (!paths.isOk()) {
            return status(p, paths.status());
        }
        return new ToolReply.Paths(p.msgid(), paths.value().stream().map(ByteString::of).toList());
    }

    /** GETDIRSTATS: mounts get the 60-byte form, tool sessions the 44-byte one (as 3.0.117 answers them). */
    private MasterReply dirStats(SessionScope scope, ToolRequest.GetDirStats g) {
        FsResult<Results.DirStats> stats = services.namespace().dirStats(scope.real(g.inode()));
        if (!stats.isOk()) {
            return status(g, stats.status());
        }
        Results.DirStats d = stats.value();
        return new ToolReply.GetDirStats(g.msgid(), d.inodes(), d.dirs(), d.files(), d.chunks(), d.length(),
                d.size(), d.realSize(), !scope.tool());
    }

    /**
     * SCLASS_LIST: the class names in id order; with the long-mode bit, each class's definition as 3.0.117 sends it
     * ({@code admin_only:8 mode:8 arch_delay:16 create:8 keep:8 arch:8} and every expression's four label masks).
     */
    private WireMessage sclassList(ToolRequest.SclassList l) {
        List<StorageClass> all = services.namespace().storageClasses().all();
        if ((l.longMode() & 1) == 0) {
            return new ToolReply.SclassList(l.msgid(), all.stream().map(c -> ByteString.of(c.nameBytes())).toList());
        }
        return new SclassDefinitions(l.msgid(), all);
    }

    /** The long form of SCLASS_LIST's answer. */
    record SclassDefinitions(int msgid, List<StorageClass> classes) implements WireMessage {
        @Override
        public int type() {
            return MessageType.MATOCL_SCLASS_LIST.id();
        }

        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            for (StorageClass c : classes) {
                byte[] name = c.nameBytes();
                out.writeByte(name.length);
                out.writeBytes(name);
                SclassAdmin.writeDefinition(out, c);
            }
        }
    }

    private MasterReply attrReply(ClientRequest request, FsResult<NodeAttr> result) {
        return result.isOk() ? new AttrReply(request.type() + 1, request.msgid(), WireAttrs.of(result.value()))
                : status(request, result.status());
    }

    private MasterReply entry(SessionScope scope, ClientRequest request, FsResult<Results.Entry> result) {
        if (!result.isOk()) {
            return status(request, result.status());
        }
        return new EntryReply(request.type() + 1, request.msgid(), scope.wire(result.value().inode()),
                WireAttrs.of(result.value().attr()));
    }

    private MasterReply removed(SessionScope scope, ClientRequest request, FsResult<Integer> result) {
        return result.isOk() ? new InodeReply(request.type() + 1, request.msgid(), scope.wire(result.value()))
                : status(request, result.status());
    }

    private static IllegalArgumentException chunkCall(ClientRequest request) {
        return new IllegalArgumentException(request.getClass().getSimpleName() + " belongs to ClientChunkCalls");
    }

    /** The generic {@code msgid:32 status:8} answer, in the reply type of {@code request}. */
    static Status status(ClientRequest request, MfsStatus status) {
        return new Status(request.type() + 1, request.msgid(), status);
    }
}
