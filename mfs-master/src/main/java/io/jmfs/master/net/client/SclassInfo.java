package io.jmfs.master.net.client;

import io.jmfs.master.chunks.Chunk;
import io.jmfs.master.cluster.ChunkserverInfo;
import io.jmfs.master.cluster.HealthStatus;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.LabelMatching;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.protocol.MessageType;
import java.util.List;

/**
 * MATOCL_SCLASS_INFO, mfscli's storage class view: per class its node counts, its chunks under / at / over the
 * goal (regular valid copies; archived chunks counted apart, against the archive goal), its definition, whether each
 * label list can be fulfilled now (3 by servers with room, 2 counting overloaded ones, 1 counting full ones, 0 not
 * at all) and how many servers match each expression.
 */
final class SclassInfo {
    private SclassInfo() {
    }

    static AdminReply report(ClientServices services) {
        List<StorageClass> classes = services.namespace().storageClasses().all();
        int[][] usage = services.namespace().classUsage();
        long[][] goalCounts = new long[usage.length][6]; // [kind * 2 + archived]
        for (Chunk c : services.chunks().chunks().all()) {
            if (c.fileCount() > 0 && c.sclass() > 0 && c.sclass() < goalCounts.length) {
                int copies = c.regularValidCopies();
                int goal = services.namespace().storageClasses().effective(c.sclass()).goal(c.isArchived());
                int kind = copies < goal ? 0 : copies == goal ? 1 : 2;
                goalCounts[c.sclass()][kind * 2 + (c.isArchived() ? 1 : 0)]++;
            }
        }
        List<ChunkserverInfo> sane = services.chunks().servers().connectedServers().stream()
                .filter(ChunkserverInfo::hasSaneSpace).toList();
        List<Integer> all = sane.stream().map(ChunkserverInfo::labelMask).toList();
        List<Integer> withRoom = sane.stream().filter(SclassInfo::hasRoom).map(ChunkserverInfo::labelMask).toList();
        List<Integer> usable = sane.stream().filter(cs -> hasRoom(cs) && !busy(cs)).map(ChunkserverInfo::labelMask)
                .toList();
        return new AdminReply(MessageType.MATOCL_SCLASS_INFO.id(), out -> {
            out.writeShort(sane.size());
            for (StorageClass c : classes) {
                byte[] name = c.nameBytes();
                out.writeByte(c.id());
                out.writeByte(name.length);
                out.writeBytes(name);
                out.writeInt(usage[c.id()][0]);
                out.writeInt(usage[c.id()][1]);
                for (int kind = 0; kind < 3; kind++) {
                    out.writeLong(goalCounts[c.id()][kind * 2]);
                    out.writeLong(goalCounts[c.id()][kind * 2 + 1]);
                }
                out.writeByte(c.adminOnly() ? 1 : 0);
                out.writeByte(c.mode());
                out.writeShort(c.archDelay());
                for (List<LabelExpression> list : List.of(c.create(), c.keep(), c.archive())) {
                    out.writeByte(fulfilment(list, usable, withRoom, all));
                    out.writeByte(list.size());
                }
                for (List<LabelExpression> list : List.of(c.create(), c.keep(), c.archive())) {
                    for (LabelExpression e : list) {
                        for (int mask : e.masks()) {
                            out.writeInt(mask);
                        }
                        out.writeShort((int) all.stream().filter(e::matches).count());
                    }
                }
            }
        });
    }

    private static boolean hasRoom(ChunkserverInfo cs) {
        return cs.hasRoomForNewChunk();
    }

    private static boolean busy(ChunkserverInfo cs) {
        return cs.health() == HealthStatus.OVERLOADED || !cs.acceptsNewCopies();
    }

    private static int fulfilment(List<LabelExpression> list, List<Integer> usable, List<Integer> withRoom,
                                  List<Integer> all) {
        if (LabelMatching.satisfied(list, usable) == list.size()) {
            return 3;
        }
        if (LabelMatching.satisfied(list, withRoom) == list.size()) {
            return 2;
        }
        return LabelMatching.satisfied(list, all) == list.size() ? 1 : 0;
    }
}
