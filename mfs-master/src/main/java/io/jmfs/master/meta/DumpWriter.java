package io.jmfs.master.meta;

import io.jmfs.master.chunks.Chunk;
import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.fs.NamespacePersistence;
import io.jmfs.master.fs.NodeType;
import io.jmfs.master.sessions.StoredSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a {@link MetaState} as MooseFS 3.0.117's metadata.mfs: header {@code "MFSM 2.0" version metaid}, the
 * thirteen sections in 3.0.117's order and versions, and the EOF marker. Sections we do not model (quotas, ACLs,
 * locks) are written empty in MooseFS's exact layout; storage classes are written back as loaded, or as a new
 * file system's nine defaults. Everything is written in a deterministic order, so equal states give equal bytes.
 * Runs on the thread that owns the state.
 */
public final class DumpWriter {

    private DumpWriter() {
    }

    /** Writes the dump to {@code file} (created or truncated) and forces it to disk. */
    public static void write(MetaState state, Path file) throws IOException {
        try (DumpOutput out = new DumpOutput(file)) {
            out.bytes(DumpFormat.SIGNATURE);
            out.u64(state.version());
            out.u64(state.metaId());
            sessions(state, out);
            out.beginSection("SCLA", DumpFormat.SCLA);
            byte[] classes = state.storageClasses();
            out.bytes(classes != null ? classes : DumpFormat.defaultStorageClasses());
            out.endSection();
            nodes(state.namespace().persistence(), out);
            edges(state.namespace().persistence(), out);
            free(state.namespace().persistence(), out);
            out.beginSection("QUOT", DumpFormat.QUOT);
            QuotaSection.write(state.namespace().persistence(), out);
            out.endSection();
            xattrs(state.namespace().persistence(), out);
            out.beginSection("PACL", DumpFormat.PACL);
            out.zeros(DumpFormat.PACL_END);
            out.endSection();
            open(state.namespace().persistence(), out);
            out.beginSection("FLCK", DumpFormat.FLCK);
            out.zeros(DumpFormat.FLCK_RECORD);
            out.endSection();
            out.beginSection("PLCK", DumpFormat.PLCK);
            out.zeros(DumpFormat.PLCK_RECORD);
            out.endSection();
            servers(state, out);
            chunks(state, out);
            out.bytes(DumpFormat.EOF_MARKER);
            out.sync();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void sessions(MetaState state, DumpOutput out) throws IOException {
        out.beginSection("SESS", DumpFormat.SESS);
        out.u32(state.sessions().nextSessionId());
        out.u16(DumpFormat.SESSION_STATS);
        List<StoredSession> stored = new ArrayList<>(state.sessions().toStore());
        stored.sort(Comparator.comparingLong(s -> Integer.toUnsignedLong(s.id())));
        for (StoredSession s : stored) {
            byte[] info = s.info().getBytes(StandardCharsets.ISO_8859_1);
            var g = s.grant();
            out.u32(s.id());
            out.u64(g.exportsChecksum());
            out.u32(info.length);
            out.u32(s.peerAddress());
            out.u32(s.rootInode());
            out.u8(g.sesflags());
            out.u16(g.umask());
            out.u8(g.minGoal());
            out.u8(g.maxGoal());
            out.u32((int) g.minTrashTime());
            out.u32((int) g.maxTrashTime());
            out.u32(g.rootUid());
            out.u32(g.rootGid());
            out.u32(g.mapAllUid());
            out.u32(g.mapAllGid());
            out.u32(g.disables());
            out.u32((int) s.disconnectedAt());
            for (long v : s.currentOps()) {
                out.u32((int) v);
            }
            for (long v : s.lastHourOps()) {
                out.u32((int) v);
            }
            out.bytes(info);
        }
        out.zeros(DumpFormat.SESSION_RECORD);
        out.endSection();
    }

    private static void nodes(NamespacePersistence ns, DumpOutput out) throws IOException {
        out.beginSection("NODE", DumpFormat.NODE);
        out.u32(ns.maxInode());
        out.u32(ns.nodeCount());
        ns.forEachNode(n -> {
            try {
                out.u8(n.type());
                out.u32(n.inode());
                out.u8(n.sclass());
                out.u8(n.eattr());
                out.u8(n.winattr());
                out.u16(n.mode());
                out.u32(n.uid());
                out.u32(n.gid());
                out.u32(n.atime());
                out.u32(n.mtime());
                out.u32(n.ctime());
                out.u16(n.trashHours());
                switch (n.type()) {
                    case NodeType.BLOCKDEV, NodeType.CHARDEV -> out.u32(n.rdev());
                    case NodeType.SYMLINK -> {
                        out.u32(n.symlinkPath().length);
                        out.bytes(n.symlinkPath());
                    }
                    case NodeType.FILE, NodeType.TRASH, NodeType.SUSTAINED -> {
                        out.u64(n.length());
                        out.u32(n.chunks().length);
                        for (long c : n.chunks()) {
                            out.u64(c);
                        }
                    }
                    default -> {
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.u8(0);
        out.endSection();
    }

    private static void edges(NamespacePersistence ns, DumpOutput out) throws IOException {
        out.beginSection("EDGE", DumpFormat.EDGE);
        out.u64(ns.nextEdgeId());
        ns.forEachEdge((parent, child, edgeId, name) -> {
            try {
                out.u32(parent);
                out.u32(child);
                out.u64(edgeId);
                out.u16(name.length);
                out.bytes(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.zeros(DumpFormat.EDGE_END);
        out.endSection();
    }

    private static void free(NamespacePersistence ns, DumpOutput out) throws IOException {
        out.beginSection("FREE", DumpFormat.FREE);
        out.u32(ns.freeCount());
        ns.forEachFree((inode, ftime) -> {
            try {
                out.u32(inode);
                out.u32(ftime);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.endSection();
    }

    private static void xattrs(NamespacePersistence ns, DumpOutput out) throws IOException {
        out.beginSection("XATR", DumpFormat.XATR);
        ns.forEachXattr((inode, name, value) -> {
            try {
                out.u32(inode);
                out.u8(name.length);
                out.u32(value.length);
                out.bytes(name);
                out.bytes(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.zeros(DumpFormat.XATTR_END);
        out.endSection();
    }

    private static void open(NamespacePersistence ns, DumpOutput out) throws IOException {
        out.beginSection("OPEN", DumpFormat.OPEN);
        ns.forEachOpen((session, inode) -> {
            try {
                out.u32(session);
                out.u32(inode);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.zeros(DumpFormat.OPEN_RECORD);
        out.endSection();
    }

    private static void servers(MetaState state, DumpOutput out) throws IOException {
        out.beginSection("CSDB", DumpFormat.CSDB);
        List<ChunkserverInfo> all = new ArrayList<>(state.servers().all());
        all.sort(Comparator.comparingInt(ChunkserverInfo::csid));
        out.u32(all.size());
        for (ChunkserverInfo cs : all) {
            out.u32(cs.ip());
            out.u16(cs.port());
            out.u16(cs.csid());
            out.u8(switch (cs.maintenanceMode()) {
                case OFF -> 0;
                case ON -> 1;
                case TEMPORARY -> 2;
            });
            out.u32(cs.maintenanceEnd());
        }
        out.endSection();
    }

    private static void chunks(MetaState state, DumpOutput out) throws IOException {
        out.beginSection("CHNK", DumpFormat.CHNK);
        out.u64(state.chunks().nextChunkId());
        for (Chunk c : state.chunks().all()) {
            out.u64(c.id());
            out.u32(c.version());
            out.u32(c.lockedTo());
            out.u8(c.isArchived() ? 1 : 0);
        }
        out.zeros(DumpFormat.CHUNK_RECORD);
        out.endSection();
    }
}
