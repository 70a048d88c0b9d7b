package io.jmfs.master.net.client;

import io.jmfs.master.chunks.ChunkCounts;
import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.SpaceReport;
import io.jmfs.master.exports.ExportRule;
import io.jmfs.master.fs.FsResult;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.Results;
import io.jmfs.master.sessions.Session;
import io.jmfs.protocol.MessageType;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitoring answers mfscli reads (admin connections: no REGISTER, no msgid), in the layouts 3.0.117's mfscli
 * picks for a 3.0.117 master. Everything reported is read from the state now; what this master does not keep is
 * reported as absent, not invented: no filesystem/chunk test loop runs (loop times 0, no counted problems beside the
 * chunk layer's own undergoal/missing totals), no quotas, no metaloggers known to the client layer.
 */
final class AdminReports {
    /** What MooseFS 3.0.117 keeps per session: 16 operation counters. */
    private static final int SESSION_STATS = 16;

    private final ClientServices services;

    AdminReports(ClientServices services) {
        this.services = services;
    }

    /** The answer to an admin request type, or null when this is not one. */
    AdminReply answer(int requestType) {
        if (requestType == MessageType.CLTOMA_FSTEST_INFO.id()) {
            return fsTest();
        } else if (requestType == MessageType.CLTOMA_CHUNKSTEST_INFO.id()) {
            return chunksTest();
        } else if (requestType == MessageType.CLTOMA_CHUNKS_MATRIX.id()) {
            return chunksMatrix();
        } else if (requestType == MessageType.CLTOMA_CSERV_LIST.id()) {
            return chunkservers();
        } else if (requestType == MessageType.CLTOMA_SESSION_LIST.id()) {
            return sessions();
        } else if (requestType == MessageType.CLTOMA_EXPORTS_INFO.id()) {
            return exports();
        } else if (requestType == MessageType.CLTOMA_MLOG_LIST.id()) {
            return new AdminReply(MessageType.MATOCL_MLOG_LIST.id(), out -> { });
        } else if (requestType == MessageType.CLTOMA_SCLASS_INFO.id()) {
            return SclassInfo.report(services);
        } else if (requestType == MessageType.CLTOMA_QUOTA_INFO.id()) {
            return QuotaInfo.report(services);
        }
        return null;
    }

    /** Request types answered here, with the payload sizes mfscli may send (-1: none or one mode byte). */
    static boolean isAdminRequest(int type) {
        return type == MessageType.CLTOMA_FSTEST_INFO.id() || type == MessageType.CLTOMA_CHUNKSTEST_INFO.id()
                || type == MessageType.CLTOMA_CHUNKS_MATRIX.id() || type == MessageType.CLTOMA_CSERV_LIST.id()
                || type == MessageType.CLTOMA_SESSION_LIST.id() || type == MessageType.CLTOMA_EXPORTS_INFO.id()
                || type == MessageType.CLTOMA_MLOG_LIST.id() || type == MessageType.CLTOMA_QUOTA_INFO.id()
                || type == MessageType.CLTOMA_SCLASS_INFO.id();
    }

    private long chunkTotal(ChunkCounts c) {
        long n = 0;
        for (long[] row : c.allCopies()) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    /**
     * 44 bytes plus message: loopstart loopend files ugfiles mfiles mtfiles msfiles chunks ugchunks mchunks
     * msglen. No check loop runs here, so its times are 0 and its per-file findings 0.
     */
    private AdminReply fsTest() {
        Results.StatFs st = services.namespace().statfs();
        ChunkCounts c = services.chunks().counts();
        return new AdminReply(MessageType.MATOCL_FSTEST_INFO.id(), out -> {
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(st.files());
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt((int) chunkTotal(c));
            out.writeInt((int) c.undergoal());
            out.writeInt((int) c.missing());
            out.writeInt(0);
        });
    }

    /** 72 bytes (18 counters); the chunk loop keeps no per-loop operation counts, so they are 0. */
    private AdminReply chunksTest() {
        return new AdminReply(MessageType.MATOCL_CHUNKSTEST_INFO.id(), out -> out.writeZero(72));
    }

    /** 969 bytes: progress:8 (0 = complete), then all-copies and regular-copies 11x11 matrices (goal x copies). */
    private AdminReply chunksMatrix() {
        ChunkCounts c = services.chunks().counts();
        return new AdminReply(MessageType.MATOCL_CHUNKS_MATRIX.id(), out -> {
            out.writeByte(0);
            for (long[][] m : List.of(c.allCopies(), c.regularCopies())) {
                for (long[] row : m) {
                    for (long v : row) {
                        out.writeInt((int) Math.min(v, 0xFFFFFFFFL));
                    }
                }
            }
        });
    }

    /**
     * 69 bytes per server: flags:8 (1 disconnected, 2 maintenance) version:24 ip:32 port:16 csid:16 used:64
     * total:64 chunks:32 tdused:64 tdtotal:64 tdchunks:32 errcount:32 load:32 gracetime:32 labelmask:32 mfrstatus:8.
     */
    private AdminReply chunkservers() {
        List<ChunkserverInfo> servers = new ArrayList<>(services.chunks().servers().all());
        return new AdminReply(MessageType.MATOCL_CSERV_LIST.id(), out -> {
            for (ChunkserverInfo cs : servers) {
                SpaceReport sp = cs.space();
                int flags = (cs.connected() ? 0 : 1) | (cs.inMaintenance() ? 2 : 0);
                out.writeByte(flags);
                out.writeMedium(cs.version());
                out.writeInt(cs.ip());
                out.writeShort(cs.port());
                out.writeShort(cs.csid());
                out.writeLong(sp.used());
                out.writeLong(sp.total());
                out.writeInt(sp.chunks());
                out.writeLong(sp.tdUsed());
                out.writeLong(sp.tdTotal());
                out.writeInt(sp.tdChunks());
                out.writeInt(cs.errorCount());
                out.writeInt(cs.load());
                out.writeInt(0); // no grace time after (re)connection
                out.writeInt(cs.labelMask());
                out.writeByte(0); // no removal in progress
            }
        });
    }

    /** SESSION_LIST in vmode 4 (what mfscli asks a 3.0.117 master for): stats count:16, then one record each. */
    private AdminReply sessions() {
        Namespace ns = services.namespace();
        long now = services.clock().now();
        long sustain = services.sessions().sustainSeconds();
        List<Session> list = new ArrayList<>(services.sessions().sessions());
        return new AdminReply(MessageType.MATOCL_SESSION_LIST.id(), out -> {
            out.writeShort(SESSION_STATS);
            for (Session s : list) {
                boolean connected = s.disconnectedAt() == 0;
                out.writeInt(s.id());
                out.writeInt(s.peerAddress());
                out.writeInt(s.clientVersion());
                out.writeInt(s.openFiles().size());
                out.writeByte(connected ? 1 : 0);
                out.writeInt(connected ? 0 : (int) Math.max(0, s.disconnectedAt() + sustain - now));
                byte[] info = s.info().getBytes(StandardCharsets.UTF_8);
                out.writeInt(info.length);
                out.writeBytes(info);
                byte[] path = s.meta() ? new byte[] {'.'} : sessionPath(ns, s.rootInode());
                out.writeInt(path.length);
                out.writeBytes(path);
                var g = s.grant();
                out.writeByte(g.sesflags());
                out.writeShort(g.umask());
                out.writeInt(g.rootUid());
                out.writeInt(g.rootGid());
                out.writeInt(g.mapAllUid());
                out.writeInt(g.mapAllGid());
                out.writeByte(g.minGoal());
                out.writeByte(g.maxGoal());
                out.writeInt((int) g.minTrashTime());
                out.writeInt((int) g.maxTrashTime());
                out.writeInt(g.disables());
                for (long v : s.currentHourOperations()) {
                    out.writeInt((int) v);
                }
                for (long v : s.lastHourOperations()) {
                    out.writeInt((int) v);
                }
            }
        });
    }

    private static byte[] sessionPath(Namespace ns, int rootInode) {
        if (rootInode == Namespace.ROOT) {
            return new byte[] {'/'};
        }
        FsResult<List<byte[]>> paths = ns.paths(Namespace.ROOT, rootInode);
        if (!paths.isOk() || paths.value().isEmpty()) {
            return new byte[] {'?'};
        }
        byte[] p = paths.value().getFirst();
        byte[] out = new byte[p.length + 1];
        out[0] = '/';
        System.arraycopy(p, 0, out, 1, p.length);
        return out;
    }

    /** EXPORTS_INFO in vmode 3: each rule with its address range, path and every option. */
    private AdminReply exports() {
        List<ExportRule> rules = services.exports().rules();
        return new AdminReply(MessageType.MATOCL_EXPORTS_INFO.id(), out -> {
            for (ExportRule r : rules) {
                out.writeInt(r.addresses().from());
                out.writeInt(r.addresses().to());
                byte[] path = r.meta() ? new byte[] {'.'} : ("/" + r.path()).getBytes(StandardCharsets.UTF_8);
                out.writeInt(path.length);
                out.writeBytes(path);
                out.writeInt(r.minVersion());
                out.writeByte((r.allDirs() ? 1 : 0) | (r.password().isPresent() ? 2 : 0));
                out.writeByte(r.sesflags());
                out.writeShort(r.umask());
                out.writeInt(r.rootUid());
                out.writeInt(r.rootGid());
                out.writeInt(r.mapAllUid());
                out.writeInt(r.mapAllGid());
                out.writeByte(r.minGoal());
                out.writeByte(r.maxGoal());
                out.writeInt((int) r.minTrashTime());
                out.writeInt((int) r.maxTrashTime());
                out.writeInt(r.disables());
            }
        });
    }
}
