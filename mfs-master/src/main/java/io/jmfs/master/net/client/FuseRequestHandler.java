package io.jmfs.master.net.client;

import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.FsResult;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.NodeAttr;
import io.jmfs.master.fs.NodeType;
import io.jmfs.master.fs.Results;
import io.jmfs.master.fs.SetAttr;
import io.jmfs.master.sessions.Session;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.ClientRequest;
import io.jmfs.protocol.msg.client.ClientRequest.Access;
import io.jmfs.protocol.msg.client.ClientRequest.AmtimeInodes;
import io.jmfs.protocol.msg.client.ClientRequest.Create;
import io.jmfs.protocol.msg.client.ClientRequest.GetXattr;
import io.jmfs.protocol.msg.client.ClientRequest.Lookup;
import io.jmfs.protocol.msg.client.ClientRequest.Mkdir;
import io.jmfs.protocol.msg.client.ClientRequest.Mknod;
import io.jmfs.protocol.msg.client.ClientRequest.Open;
import io.jmfs.protocol.msg.client.ClientRequest.PosixLock;
import io.jmfs.protocol.msg.client.ClientRequest.Readdir;
import io.jmfs.protocol.msg.client.ClientRequest.SetXattr;
import io.jmfs.protocol.msg.client.ClientRequest.SustainedInodes;
import io.jmfs.protocol.msg.client.ClientRequest.Truncate;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.MasterReply.AttrReply;
import io.jmfs.protocol.msg.client.MasterReply.ChunkData;
import io.jmfs.protocol.msg.client.MasterReply.ChunkReply;
import io.jmfs.protocol.msg.client.MasterReply.DirEntry;
import io.jmfs.protocol.msg.client.MasterReply.EntryReply;
import io.jmfs.protocol.msg.client.MasterReply.InodeReply;
import io.jmfs.protocol.msg.client.MasterReply.Status;
import io.jmfs.protocol.msg.client.MasterReply.ValueCount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Answers the requests of a registered session: maps the session's view (root inode, credentials, read-only) onto
 * the namespace and turns its results into replies. Returns {@code null} for the packets that take no answer
 * (SUSTAINED_INODES, AMTIME_INODES).
 *
 * <p>Not served yet, and answered with a status rather than a made-up value: chunk writes (the chunk layer is
 * not wired to clients yet: NOCHUNKSERVERS), storage classes/goals, directory statistics, snapshots, CHECK,
 * PATHS and storage class listing (ENOTSUP). Locks are accepted without being recorded: every lock request
 * succeeds and GET reports no conflicting lock.
 */
final class FuseRequestHandler {
    private static final int CHUNK_SIZE_BITS = 26;

    private final ClientServices services;

    FuseRequestHandler(ClientServices services) {
        this.services = services;
    }

    MasterReply handle(SessionScope scope, ClientRequest request) {
        Session session = scope.session();
        Namespace ns = services.namespace();
        if (modifies(request) && session.readOnly()) {
            return status(request, MfsStatus.EROFS);
        }
        return switch (request) {
            case ClientRequest.Nop n -> null;
            case ClientRequest.TimeSync t -> new MasterReply.TimeSync(t.msgid(), services.wallClockMicros());
            case ClientRequest.Statfs s -> {
                Results.StatFs st = ns.statfs();
                yield new MasterReply.Statfs(s.msgid(), 0, 0, 0, st.trashSpace(), st.sustainedSpace(), st.inodes());
            }
            case Access a -> {
                if (session.readOnly() && (a.perm() & 2) != 0) {
                    yield status(a, MfsStatus.EROFS);
                }
                yield status(a, ns.access(scope.credentials(a.uid(), a.gids()), scope.real(a.inode()), a.perm()));
            }
            case Lookup l -> lookup(scope, l);
            case ClientRequest.GetAttr g -> attrReply(g, ns.getattr(scope.real(g.inode())));
            case ClientRequest.SetAttr s -> attrReply(s, ns.setattr(scope.credentials(s.uid(), s.gids()),
                    scope.real(s.inode()), new SetAttr(s.setMask(), s.mode(), s.attrUid(), s.attrGid(), s.atime(),
                            s.mtime(), s.winattr(), s.sugidClearMode())));
            case ClientRequest.ReadLink r -> {
                FsResult<byte[]> target = ns.readlink(scope.real(r.inode()));
                yield target.isOk() ? new MasterReply.ReadLink(r.msgid(), ByteString.of(target.value()))
                        : status(r, target.status());
            }
            case ClientRequest.Symlink s -> entry(scope, s, ns.symlink(scope.credentials(s.uid(), s.gids()),
                    scope.real(s.parent()), s.name().toByteArray(), s.path().toByteArray()));
            case Mknod m -> entry(scope, m, ns.mknod(scope.credentials(m.uid(), m.gids()), scope.real(m.parent()),
                    m.name().toByteArray(), m.nodeType(), m.mode(), umask(session, m.umask()), m.rdev()));
            case Mkdir m -> entry(scope, m, ns.mkdir(scope.credentials(m.uid(), m.gids()), scope.real(m.parent()),
                    m.name().toByteArray(), m.mode(), umask(session, m.umask()), m.copySgid() != 0));
            case ClientRequest.Unlink u -> removed(scope, u, ns.unlink(scope.credentials(u.uid(), u.gids()),
                    scope.real(u.parent()), u.name().toByteArray()));
            case ClientRequest.Rmdir r -> removed(scope, r, ns.rmdir(scope.credentials(r.uid(), r.gids()),
                    scope.real(r.parent()), r.name().toByteArray()));
            case ClientRequest.Rename r -> entry(scope, r, ns.rename(scope.credentials(r.uid(), r.gids()),
                    scope.real(r.srcParent()), r.srcName().toByteArray(), scope.real(r.dstParent()),
                    r.dstName().toByteArray()));
            case ClientRequest.Link l -> entry(scope, l, ns.link(scope.credentials(l.uid(), l.gids()),
                    scope.real(l.inode()), scope.real(l.dstParent()), l.name().toByteArray()));
            case Readdir r -> readdir(scope, r);
            case Open o -> open(scope, o);
            case Create c -> create(scope, c);
            case ClientRequest.ReadChunk r -> readChunk(scope, r);
            case ClientRequest.WriteChunk w -> status(w, MfsStatus.NOCHUNKSERVERS);
            case ClientRequest.WriteChunkEnd w -> status(w, MfsStatus.NOCHUNKSERVERS);
            case Truncate t -> truncate(scope, t);
            case GetXattr g -> getxattr(scope, g);
            case SetXattr s -> setxattr(scope, s);
            case ClientRequest.GetFacl g -> status(g, MfsStatus.ENOATTR);
            case ClientRequest.Flock f -> status(f, MfsStatus.OK);
            case PosixLock p -> p.cmd() == 0
                    ? new MasterReply.PosixLockInfo(p.msgid(), 0, 0, 0, 0) // no conflicting lock
                    : status(p, MfsStatus.OK);
            case ClientRequest.GetTrashTime g -> getTrashTime(scope, g);
            case ClientRequest.SetTrashTime s -> setTrashTime(scope, s);
            case ClientRequest.GetEattr g -> getEattr(scope, g);
            case ClientRequest.GetSclass g -> status(g, MfsStatus.ENOTSUP);
            case ClientRequest.SetSclass s -> status(s, MfsStatus.ENOTSUP);
            case ClientRequest.SetEattr s -> status(s, MfsStatus.ENOTSUP);
            case ClientRequest.GetDirStats g -> status(g, MfsStatus.ENOTSUP);
            case ClientRequest.Check c -> status(c, MfsStatus.ENOTSUP);
            case ClientRequest.Snapshot s -> status(s, MfsStatus.ENOTSUP);
            case ClientRequest.Paths p -> status(p, MfsStatus.ENOTSUP);
            case ClientRequest.SclassList s -> status(s, MfsStatus.ENOTSUP);
            case SustainedInodes s -> {
                syncOpenFiles(session, s.inodes());
                yield null;
            }
            case AmtimeInodes a -> {
                for (ClientRequest.Amtime t : a.entries()) {
                    ns.amtime(scope.real(t.inode()), t.atime(), t.mtime());
                }
                yield null;
            }
            case ClientRequest.Register r -> throw new IllegalArgumentException("REGISTER is the connection's job");
        };
    }

    /** Requests a read-only session may not send (OPEN only when it asks for writing or truncation). */
    static boolean modifies(ClientRequest request) {
        return switch (request) {
            case ClientRequest.SetAttr s -> true;
            case ClientRequest.Symlink s -> true;
            case Mknod m -> true;
            case Mkdir m -> true;
            case ClientRequest.Unlink u -> true;
            case ClientRequest.Rmdir r -> true;
            case ClientRequest.Rename r -> true;
            case ClientRequest.Link l -> true;
            case Create c -> true;
            case ClientRequest.WriteChunk w -> true;
            case ClientRequest.WriteChunkEnd w -> true;
            case Truncate t -> true;
            case SetXattr s -> true;
            case ClientRequest.SetTrashTime s -> true;
            case ClientRequest.SetSclass s -> true;
            case ClientRequest.SetEattr s -> true;
            case ClientRequest.Snapshot s -> true;
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
            lflags |= MasterReply.Lookup.RO_FILESYSTEM;
        }
        Optional<ChunkData> chunkZero = emptyFirstChunk(r.inode(), r.attr());
        if (chunkZero.isPresent()) {
            lflags |= MasterReply.Lookup.CHUNK_ZERO_DATA;
        }
        return new MasterReply.Lookup(l.msgid(), scope.wire(r.inode()), WireAttrs.of(r.attr()), lflags, chunkZero);
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
        return new MasterReply.Readdir(r.msgid(), 0, entries);
    }

    private MasterReply open(SessionScope scope, Open o) {
        int inode = scope.real(o.inode());
        FsResult<Results.Opened> opened = services.namespace().open(scope.credentials(o.uid(), o.gids()), inode,
                o.flags());
        if (!opened.isOk()) {
            return status(o, opened.status());
        }
        acquire(scope.session(), inode);
        return new MasterReply.Open(o.msgid(), opened.value().oflags(), WireAttrs.of(opened.value().attr()));
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
        return new MasterReply.Create(c.msgid(), r.oflags(), scope.wire(r.inode()), WireAttrs.of(r.attr()));
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
            }
        }
        for (Integer inode : keep) {
            if (services.namespace().getattr(inode).isOk()) {
                acquire(session, inode);
            }
        }
    }

    private MasterReply readChunk(SessionScope scope, ClientRequest.ReadChunk r) {
        int inode = scope.real(r.inode());
        FsResult<NodeAttr> attr = services.namespace().getattr(inode);
        if (!attr.isOk()) {
            return status(r, attr.status());
        }
        FsResult<Long> chunk = services.namespace().chunkAt(inode, Integer.toUnsignedLong(r.index()));
        if (!chunk.isOk()) {
            return status(r, chunk.status());
        }
        if (chunk.value() != 0) {
            // the chunk exists, but locating its copies needs the chunk layer, which clients cannot reach yet
            return status(r, MfsStatus.NOCHUNKSERVERS);
        }
        return new ChunkReply(MessageTypes.READ_CHUNK_REPLY, r.msgid(), attr.value().length(),
                new ChunkData(0, 0, List.of()));
    }

    private MasterReply truncate(SessionScope scope, Truncate t) {
        FsResult<Results.Truncated> done = services.namespace().truncate(scope.credentials(t.uid(), t.gids()),
                scope.real(t.inode()), t.flags(), t.length());
        if (done.status() == MfsStatus.DELAYED) {
            // a chunk would have to be cut on the chunkservers, which clients cannot reach through us yet
            return status(t, MfsStatus.NOCHUNKSERVERS);
        }
        if (!done.isOk()) {
            return status(t, done.status());
        }
        return new MasterReply.Truncate(t.msgid(), done.value().previousLength(), WireAttrs.of(done.value().attr()));
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
        return g.mode() == 1 ? new MasterReply.GetXattr(g.msgid(), v.length, Optional.empty())
                : MasterReply.GetXattr.of(g.msgid(), ByteString.of(v));
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

    private MasterReply getTrashTime(SessionScope scope, ClientRequest.GetTrashTime g) {
        int inode = scope.real(g.inode());
        FsResult<NodeAttr> attr = services.namespace().getattr(inode);
        if (!attr.isOk()) {
            return status(g, attr.status());
        }
        FsResult<Integer> time = services.namespace().trashTime(inode);
        if (!time.isOk()) {
            return status(g, time.status());
        }
        List<ValueCount> one = List.of(new ValueCount(time.value(), 1));
        boolean dir = attr.value().type() == NodeType.DIRECTORY;
        return new MasterReply.GetTrashTime(g.msgid(), dir ? List.of() : one, dir ? one : List.of());
    }

    private MasterReply setTrashTime(SessionScope scope, ClientRequest.SetTrashTime s) {
        Session session = scope.session();
        Session.LimitMode mode = switch (s.smode() & 3) {
            case 1 -> Session.LimitMode.INCREASE;
            case 2 -> Session.LimitMode.DECREASE;
            case 3 -> Session.LimitMode.EXCHANGE;
            default -> Session.LimitMode.SET;
        };
        MfsStatus allowed = session.checkTrashTime(mode, Integer.toUnsignedLong(s.trashTime()));
        if (!allowed.isOk()) {
            return status(s, allowed);
        }
        FsResult<Results.SetCounts> counts = services.namespace().setTrashTime(scope.credentials(s.uid(), 0),
                scope.real(s.inode()), s.trashTime(), s.smode());
        if (!counts.isOk()) {
            return status(s, counts.status());
        }
        Results.SetCounts c = counts.value();
        return new MasterReply.SetResult(MessageTypes.SETTRASHTIME_REPLY, s.msgid(), c.changed(), c.notChanged(),
                c.notPermitted());
    }

    private MasterReply getEattr(SessionScope scope, ClientRequest.GetEattr g) {
        FsResult<NodeAttr> attr = services.namespace().getattr(scope.real(g.inode()));
        if (!attr.isOk()) {
            return status(g, attr.status());
        }
        Map<Integer, Integer> one = new TreeMap<>(Map.of(attr.value().eattr() & 0xFF, 1));
        List<ValueCount> counts = one.entrySet().stream().map(e -> new ValueCount(e.getKey(), e.getValue())).toList();
        boolean dir = attr.value().type() == NodeType.DIRECTORY;
        return new MasterReply.GetEattr(g.msgid(), dir ? List.of() : counts, dir ? counts : List.of());
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

    /** The generic {@code msgid:32 status:8} answer, in the reply type of {@code request}. */
    static Status status(ClientRequest request, MfsStatus status) {
        return new Status(request.type() + 1, request.msgid(), status);
    }
}
