package io.jmfs.master.meta.tools;

import io.jmfs.master.chunks.Chunk;
import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.fs.NamespacePersistence;
import io.jmfs.master.fs.change.ChangeText;
import io.jmfs.master.meta.DumpReader;
import io.jmfs.master.meta.MetaState;
import io.jmfs.master.meta.MetadataException;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.master.sessions.StoredSession;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code mfsmetadump FILE}: prints a metadata.mfs (ours or MooseFS 3.0's) as text, one record a line: header,
 * sessions, nodes, entries, free inodes, extended attributes, open files, chunkservers, chunks. The file is fully
 * validated first (the same loader as the master's), so a damaged file gives its error and exit status 1.
 */
public final class MetaDumpMain {
    private MetaDumpMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: mfsmetadump metadata_file");
            System.exit(args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")) ? 0 : 1);
        }
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
                1 << 16));
        try {
            print(Path.of(args[0]), out);
            out.flush();
        } catch (MetadataException e) {
            out.flush();
            System.err.println("mfsmetadump: " + e.getMessage());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            out.flush();
            System.err.println("mfsmetadump: " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void print(Path file, PrintWriter out) throws IOException {
        MetaState s = MetaState.standalone(0);
        DumpReader.Header h = DumpReader.load(file, s);
        NamespacePersistence ns = s.namespace().persistence();
        out.printf("# header: MFSM 2.0%n# version: %d ; metaid: 0x%016X%n", h.version(), h.metaId());
        out.printf("# sessions: next id %d%n", Integer.toUnsignedLong(s.sessions().nextSessionId()));
        for (StoredSession ss : s.sessions().toStore()) {
            out.printf("SESSION|s:%d|r:%d|p:%s|i:%s|d:%d%n", Integer.toUnsignedLong(ss.id()), ss.rootInode(),
                    ipv4(ss.peerAddress()), ChangeText.escape(ss.info().getBytes(StandardCharsets.ISO_8859_1)),
                    ss.disconnectedAt());
        }
        for (StorageClass c : s.namespace().storageClasses().all()) {
            out.printf("SCLASS|i:%d|n:%s|a:%d|m:%d|d:%d|C:%s|K:%s|A:%s%n", c.id(), ChangeText.escape(c.nameBytes()),
                    c.adminOnly() ? 1 : 0, c.mode(), c.archDelay(), labels(c.create()), labels(c.keep()),
                    labels(c.archive()));
        }
        out.printf("# nodes: %d ; maxinode: %d%n", ns.nodeCount(), ns.maxInode());
        ns.forEachNode(n -> {
            StringBuilder sb = new StringBuilder();
            sb.append("NODE|k:").append("?FDLFBCSTR".charAt(n.type())).append("|i:").append(n.inode())
                    .append("|#:").append(n.sclass()).append("|e:0x").append(Integer.toHexString(n.eattr()))
                    .append("|w:0x").append(Integer.toHexString(n.winattr())).append("|m:0")
                    .append(Integer.toOctalString(n.mode())).append("|u:").append(Integer.toUnsignedString(n.uid()))
                    .append("|g:").append(Integer.toUnsignedString(n.gid())).append("|a:")
                    .append(Integer.toUnsignedString(n.atime())).append(",m:").append(Integer.toUnsignedString(n.mtime()))
                    .append(",c:").append(Integer.toUnsignedString(n.ctime())).append("|t:").append(n.trashHours())
                    .append('h');
            if (n.symlinkPath() != null) {
                sb.append("|p:").append(ChangeText.escape(n.symlinkPath()));
            }
            if (n.rdev() != 0) {
                sb.append("|d:").append(Integer.toUnsignedString(n.rdev()));
            }
            if (n.chunks() != null) {
                sb.append("|l:").append(n.length()).append("|c:(");
                for (int i = 0; i < n.chunks().length; i++) {
                    sb.append(i == 0 ? "" : ",").append(n.chunks()[i] == 0 ? "N" : String.format("%016X", n.chunks()[i]));
                }
                sb.append(')');
            }
            out.println(sb);
        });
        out.printf("# nextedgeid: %016X%n", ns.nextEdgeId());
        ns.forEachEdge((parent, child, edgeId, name) -> out.printf("EDGE|p:%d|c:%d|i:%016X|n:%s%n", parent, child,
                edgeId, ChangeText.escape(name)));
        out.printf("# free nodes: %d%n", ns.freeCount());
        ns.forEachFree((inode, ftime) -> out.printf("FREE|i:%d|f:%d%n", inode, Integer.toUnsignedLong(ftime)));
        for (io.jmfs.master.quota.QuotaDefinition q : ns.quotas()) {
            out.printf("QUOTA|i:%d|g:%d|e:%d|f:0x%02X|s:%d|si:%d|hi:%d|sl:%d|hl:%d|ss:%d|hs:%d|sr:%d|hr:%d%n", q.inode(),
                    Integer.toUnsignedLong(q.gracePeriod()), q.exceeded() ? 1 : 0, q.flags(),
                    Integer.toUnsignedLong(q.softSince()), Integer.toUnsignedLong(q.softInodes()),
                    Integer.toUnsignedLong(q.hardInodes()), q.softLength(), q.hardLength(), q.softSize(), q.hardSize(),
                    q.softRealSize(), q.hardRealSize());
        }
        ns.forEachXattr((inode, name, value) -> out.printf("XATTR|i:%d|n:%s|v:%s%n", inode, ChangeText.escape(name),
                ChangeText.escape(value)));
        ns.forEachOpen((session, inode) -> out.printf("OPENFILE|s:%d|i:%d%n", Integer.toUnsignedLong(session), inode));
        for (ChunkserverInfo cs : s.servers().all()) {
            out.printf("CHUNKSERVER|i:%s|p:%d|#:%d|m:%s|t:%d%n", ipv4(cs.ip()), cs.port(), cs.csid(),
                    cs.maintenanceMode(), Integer.toUnsignedLong(cs.maintenanceEnd()));
        }
        out.printf("# nextchunkid: %016X%n", s.chunks().nextChunkId());
        for (Chunk c : s.chunks().all()) {
            out.printf("CHUNK|i:%016X|v:%08X|t:%d|a:%d|f:%d%n", c.id(), c.version(),
                    Integer.toUnsignedLong(c.lockedTo()), c.isArchived() ? 1 : 0, c.fileCount());
        }
        out.println("# end of metadata");
    }

    private static String labels(java.util.List<LabelExpression> expressions) {
        return String.join(",", expressions.stream().map(LabelExpression::toString).toList());
    }

    private static String ipv4(int ip) {
        return (ip >>> 24) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
    }
}
