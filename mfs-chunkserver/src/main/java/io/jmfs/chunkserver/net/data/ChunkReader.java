package io.jmfs.chunkserver.net.data;

import io.jmfs.chunkserver.storage.chunk.BufferedRead;
import io.jmfs.chunkserver.storage.chunk.BufferedSlice;
import io.jmfs.chunkserver.storage.chunk.ChunkFormat;
import io.jmfs.chunkserver.storage.chunk.ChunkStorage;
import io.jmfs.protocol.ChunkGeometry;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.data.DataMessage;
import io.jmfs.protocol.msg.data.DataMessages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Serves the READs of one connection, one after another: the range is read from storage in pieces of at most
 * {@link #PIECE} bytes (block aligned), each piece is sent as one READ_DATA per touched block. The next piece is read
 * from disk while the previous one is being sent, and is sent only once the previous one went out, so at most two
 * pieces sit in memory (never a whole 64 MiB replication read) and disk and network overlap. While a read waits
 * for a slow disk, a NOP goes out every {@link #NOP_INTERVAL_NANOS} so the client keeps the connection. Every read
 * ends with READ_STATUS; an error (bad version, no chunk, CRC mismatch, range outside the chunk) is that status
 * alone, or follows the data already sent.
 *
 * <p>Event-loop confined: storage answers are moved back onto the connection's loop before touching state.
 */
final class ChunkReader {
    private static final Logger log = LoggerFactory.getLogger(ChunkReader.class);
    static final int PIECE = 16 * ChunkGeometry.BLOCK_SIZE;
    /** Frame header and fixed fields of a READ_DATA. */
    private static final int READ_DATA_HEAD = 8 + 20;
    static final long NOP_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private final ChannelHandlerContext ctx;
    private final ChunkStorage storage;
    private final Queue<DataMessage.Read> queued = new ArrayDeque<>();
    private DataMessage.Read current;
    private long lastSentNanos;
    private java.util.concurrent.ScheduledFuture<?> nopTimer;

    ChunkReader(ChannelHandlerContext ctx, ChunkStorage storage) {
        this.ctx = ctx;
        this.storage = storage;
    }

    boolean busy() {
        return current != null;
    }

    void read(DataMessage.Read r) {
        if (current != null) {
            queued.add(r);
            return;
        }
        start(r);
    }

    private void start(DataMessage.Read r) {
        current = r;
        lastSentNanos = System.nanoTime();
        if (nopTimer == null) {
            nopTimer = ctx.executor().scheduleAtFixedRate(this::nopIfSilent, NOP_INTERVAL_NANOS, NOP_INTERVAL_NANOS,
                    java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        long offset = Integer.toUnsignedLong(r.offset());
        long size = Integer.toUnsignedLong(r.size());
        if (offset >= ChunkGeometry.CHUNK_SIZE && size > 0 || offset > ChunkGeometry.CHUNK_SIZE) {
            finish(MfsStatus.WRONGOFFSET);
        } else if (offset + size > ChunkGeometry.CHUNK_SIZE) {
            finish(MfsStatus.WRONGSIZE);
        } else {
            readPiece((int) offset, (int) (offset + size));
        }
    }

    private void readPiece(int position, int end) {
        readPiece(position, end, null);
    }

    /**
     * Reads a piece into a pooled direct buffer (the disk writes straight into the memory the socket sends from);
     * its data is sent once {@code previousSent} (the previous piece's flush, if any) completed.
     */
    private void readPiece(int position, int end, io.netty.channel.ChannelFuture previousSent) {
        int length = Math.min(end - position, PIECE - position % PIECE);
        DataMessage.Read r = current;
        int capacity = ChunkFormat.blocksSpanned(position, length) * ChunkGeometry.BLOCK_SIZE;
        ByteBuf buffer = ctx.alloc().directBuffer(capacity, capacity);
        storage.readInto(r.chunkId(), r.version(), position, length, buffer.nioBuffer(0, capacity))
                .whenComplete((result, error) -> ctx.executor().execute(() -> {
                    if (previousSent == null || previousSent.isDone()) {
                        afterPrevious(previousSent, position, length, end, buffer, result, error);
                    } else {
                        previousSent.addListener(f -> afterPrevious(previousSent, position, length, end, buffer,
                                result, error));
                    }
                }));
    }

    private void afterPrevious(io.netty.channel.ChannelFuture previousSent, int position, int length, int end,
                               ByteBuf buffer, BufferedRead result, Throwable error) {
        try {
            if (previousSent != null && !previousSent.isSuccess()) {
                current = null;
                queued.clear();
                return;
            }
            pieceRead(position, length, end, buffer, result, error);
        } finally {
            buffer.release();
        }
    }

    private void pieceRead(int position, int length, int end, ByteBuf buffer, BufferedRead result, Throwable error) {
        DataMessage.Read r = current;
        if (!ctx.channel().isActive()) {
            current = null;
            queued.clear();
            return;
        }
        if (error != null) {
            log.warn("read of chunk {} failed: {}", Long.toHexString(r.chunkId()), error.toString());
            finish(MfsStatus.IO);
            return;
        }
        if (!result.status().isOk()) {
            log.info("read of chunk {} v{} at {}+{}: {}", Long.toHexString(r.chunkId()), r.version(), position, length,
                    result.status());
            finish(result.status());
            return;
        }
        for (BufferedSlice s : result.slices()) {
            // header and data as two buffers of one gathering write: the block's bytes are not copied again
            ByteBuf head = ctx.alloc().buffer(READ_DATA_HEAD);
            DataMessages.readDataHead(head, r.chunkId(), s.blockNum(), s.offset(), s.length(), s.crc());
            ctx.write(head);
            ctx.write(buffer.retainedSlice(s.bufferOffset(), s.length()));
        }
        lastSentNanos = System.nanoTime();
        int next = position + length;
        if (next >= end) {
            finish(MfsStatus.OK);
        } else {
            // read ahead: the next piece comes from disk while this one is sent
            readPiece(next, end, ctx.writeAndFlush(Unpooled.EMPTY_BUFFER));
        }
    }

    /** A NOP while a read has sent nothing for a second (a slow disk): MooseFS's clients skip it and wait on. */
    private void nopIfSilent() {
        if (current == null) {
            nopTimer.cancel(false);
            nopTimer = null;
        } else if (System.nanoTime() - lastSentNanos >= NOP_INTERVAL_NANOS && ctx.channel().isActive()) {
            lastSentNanos = System.nanoTime();
            ctx.writeAndFlush(new io.jmfs.protocol.msg.common.CommonMessage.Nop());
        }
    }

    private void finish(MfsStatus status) {
        ctx.writeAndFlush(new DataMessage.ReadStatus(current.chunkId(), status));
        current = null;
        DataMessage.Read next = queued.poll();
        if (next != null) {
            start(next);
        }
    }
}
