package io.jmfs.chunkserver.net.data;

import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.chunkserver.storage.disk.Disk;
import io.jmfs.chunkserver.storage.disk.DiskSpace;
import io.jmfs.chunkserver.storage.disk.DiskState;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.wire.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * CSTOCL_HDD_LIST, what {@code mfscli -SHD} shows per disk: {@code entrysize:16 path:NAME flags:8 errchunkid:64
 * errtime:32 used:64 total:64 chunks:32} and three 64-byte I/O statistics records (we keep none: zeros).
 * Flags: 1 marked for removal, 2 damaged, 4 scan in progress.
 */
final class HddList {
    private static final int STATS_BYTES = 3 * 64;
    private static final int FIXED_BYTES = 34;

    private HddList() {
    }

    static void answer(ChannelHandlerContext ctx, ChunkStorage storage) {
        // disk space comes from statfs: not on the event loop
        CompletableFuture.supplyAsync(() -> encode(storage)).whenComplete((payload, err) -> {
            if (err == null) {
                ctx.writeAndFlush(new Packet(MessageType.CSTOCL_HDD_LIST.id(), payload));
            } else {
                LoggerFactory.getLogger(HddList.class).warn("cannot list the disks: {}", err.toString());
                ctx.close();
            }
        });
    }

    static ByteBuf encode(ChunkStorage storage) {
        ByteBuf out = Unpooled.buffer();
        for (Disk d : storage.disks()) {
            byte[] path = (d.path().toString() + "/").getBytes(StandardCharsets.UTF_8);
            if (path.length > 255) {
                byte[] tail = Arrays.copyOfRange(path, path.length - 250, path.length);
                path = new byte[255];
                System.arraycopy("(...)".getBytes(StandardCharsets.US_ASCII), 0, path, 0, 5);
                System.arraycopy(tail, 0, path, 5, 250);
            }
            boolean damaged = d.state() == DiskState.DAMAGED;
            boolean scanning = d.state() == DiskState.SCANNING;
            DiskSpace s = d.space();
            out.writeShort(FIXED_BYTES + STATS_BYTES + path.length);
            out.writeByte(path.length);
            out.writeBytes(path);
            out.writeByte((d.markedForRemoval() ? 1 : 0) | (damaged ? 2 : 0) | (scanning ? 4 : 0));
            out.writeLong(d.lastErrorChunk());
            out.writeInt((int) (d.lastErrorTime() / 1000));
            out.writeLong(s.used());
            out.writeLong(s.total());
            out.writeInt((int) d.chunkCount());
            out.writeZero(STATS_BYTES);
        }
        return out;
    }
}
