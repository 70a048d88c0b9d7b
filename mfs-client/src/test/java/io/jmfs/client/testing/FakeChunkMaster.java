package io.jmfs.client.testing;

import io.jmfs.client.io.ChunkMaster;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The master's part of the data path for one file, in memory: chunk ids per index, locations, the length. */
public final class FakeChunkMaster implements ChunkMaster {
    private final Map<Integer, Long> chunkIds = new ConcurrentHashMap<>();
    private final AtomicLong nextChunkId = new AtomicLong(100);
    private final AtomicLong length = new AtomicLong();
    private final AtomicInteger readChunkCalls = new AtomicInteger();
    private final AtomicInteger writeChunkCalls = new AtomicInteger();
    private final AtomicInteger writeChunkEndCalls = new AtomicInteger();
    private volatile Supplier<List<ChunkLocation>> locations;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    /** Runs when a WRITE_CHUNK for the given index arrives, before it is answered. */
    public volatile IndexHook onWriteChunk = index -> { };
    /** Runs when a WRITE_CHUNK_END for the given index arrives, before it is taken (it may wait, or fail). */
    public volatile IndexHook onWriteChunkEnd = index -> { };

    /** A test's look at (or say in) a chunk operation of one chunk index. */
    @FunctionalInterface
    public interface IndexHook {
        void at(int index) throws IOException;
    }

    public FakeChunkMaster(Supplier<List<ChunkLocation>> locations) {
        this.locations = locations;
    }

    public void locations(Supplier<List<ChunkLocation>> l) {
        this.locations = l;
    }

    /** Declares that chunk {@code index} exists with {@code chunkId}. */
    public void chunk(int index, long chunkId) {
        chunkIds.put(index, chunkId);
    }

    public long chunkId(int index) {
        return chunkIds.getOrDefault(index, 0L);
    }

    public void length(long l) {
        length.set(l);
    }

    public long length() {
        return length.get();
    }

    public int readChunkCalls() {
        return readChunkCalls.get();
    }

    public int writeChunkCalls() {
        return writeChunkCalls.get();
    }

    public int writeChunkEndCalls() {
        return writeChunkEndCalls.get();
    }

    /** The chunk operations taken so far, in order: "WRITE_CHUNK 0", "WRITE_CHUNK_END 0", ... */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public ChunkReply readChunk(int inode, int index) {
        readChunkCalls.incrementAndGet();
        long id = chunkIds.getOrDefault(index, 0L);
        return new ChunkReply(MessageType.MATOCL_FUSE_READ_CHUNK.id(), 1, length.get(),
                new ChunkData(id, 1, id == 0 ? List.of() : locations.get()));
    }

    @Override
    public ChunkReply writeChunk(int inode, int index, int chunkOpFlags) throws IOException {
        onWriteChunk.at(index);
        calls.add("WRITE_CHUNK " + index);
        writeChunkCalls.incrementAndGet();
        long id = chunkIds.computeIfAbsent(index, i -> nextChunkId.getAndIncrement());
        return new ChunkReply(MessageType.MATOCL_FUSE_WRITE_CHUNK.id(), 1, length.get(),
                new ChunkData(id, 1, locations.get()));
    }

    @Override
    public void writeChunkEnd(long chunkId, int inode, int index, long fileLength, int chunkOpFlags)
            throws IOException {
        onWriteChunkEnd.at(index);
        calls.add("WRITE_CHUNK_END " + index);
        writeChunkEndCalls.incrementAndGet();
        length.accumulateAndGet(fileLength, Math::max); // as MooseFS's master: a chunk write's end only grows a file
    }
}
