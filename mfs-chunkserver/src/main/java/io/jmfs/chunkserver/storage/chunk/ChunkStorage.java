package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.chunkserver.storage.disk.Disk;
import io.jmfs.chunkserver.storage.disk.DiskIdentity;
import io.jmfs.chunkserver.storage.disk.DiskRefusedException;
import io.jmfs.chunkserver.storage.disk.DiskSpace;
import io.jmfs.chunkserver.storage.disk.DiskState;
import io.jmfs.chunkserver.storage.disk.HddConfigEntry;
import io.jmfs.chunkserver.storage.io.OrderedExecutor;
import io.jmfs.protocol.MfsStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The chunkserver's storage: all disks of mfshdd.cfg, the chunk registry, and every chunk operation the master
 * and the data server need.
 *
 * <p>Threading: every operation runs on the ordered worker of its chunk id and returns a {@link CompletableFuture};
 * operations on one chunk complete in submission order, and no caller thread (a Netty event loop in particular)
 * ever does disk I/O. Duplicate and duplicate-and-truncate run on the worker of the <em>source</em> chunk.
 *
 * <p>Start-up: {@link #open} locks and checks the disks and returns at once; each disk is scanned in the
 * background and every chunk found is announced through {@link StorageListener#chunkFound} (CSTOMA_CHUNK_NEW),
 * so the server can register with the master before the scan ends. Like MooseFS, a disk takes no new chunks until
 * its scan is complete (create answers {@link MfsStatus#NOSPACE} while every usable disk is still scanning).
 *
 * <p>Replication target (as MooseFS 3.0.117's replicator does it): {@code create(id, 0)}, {@code write(id, 0, ...)}
 * for each block, then {@code setVersion(id, version, 0)} to commit, or {@code delete(id, 0)} on failure. A
 * version-0 chunk left behind by a crash is reported at the next start and deleted by the master.
 */
public final class ChunkStorage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChunkStorage.class);

    private final List<Disk> disks;
    private final Map<Path, String> refused;
    private final StorageOptions options;
    private final StorageListener listener;
    private final ChunkRegistry registry = new ChunkRegistry();
    private final ChunkOperations ops;
    private final OrderedExecutor workers;
    private final ScheduledExecutorService timers;
    private final Set<Long> openChunks = ConcurrentHashMap.newKeySet();
    private final Set<Disk> damageHandled = ConcurrentHashMap.newKeySet();
    private final CountDownLatch scansDone;
    private final OptionalLong diskMetaId;
    private final List<Thread> scanners = new ArrayList<>();
    /** Disks whose scan ran to the end and found no duplicate chunk files: their chunk list is complete. */
    private final Set<Disk> completelyListed = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private Iterator<Chunk> testQueue = Collections.emptyIterator();

    private ChunkStorage(List<Disk> disks, Map<Path, String> refused, StorageOptions options,
                         StorageListener listener, OptionalLong diskMetaId) {
        this.disks = List.copyOf(disks);
        this.refused = Map.copyOf(refused);
        this.options = options;
        this.listener = listener;
        this.diskMetaId = diskMetaId;
        this.workers = new OrderedExecutor("chunk-io", options.ioThreads());
        this.ops = new ChunkOperations(registry, () -> this.disks, options, new Events());
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "storage-timer");
            t.setDaemon(true);
            return t;
        });
        this.scansDone = new CountDownLatch(this.disks.size());
    }

    /**
     * Opens the disks and starts their background scans. Disks that cannot be used (missing, locked, another
     * instance's {@code .metaid}) are left out and listed by {@link #refusedDisks()}.
     *
     * @param expectedMetaId the metaid from chunkserverid.mfs (0 = not known yet: the first disk's .metaid is used
     *                       to check the others)
     */
    public static ChunkStorage open(List<HddConfigEntry> entries, StorageOptions options, StorageListener listener,
                                    long expectedMetaId) {
        List<Disk> opened = new ArrayList<>();
        Map<Path, String> refused = new LinkedHashMap<>();
        long metaId = expectedMetaId;
        for (HddConfigEntry e : entries) {
            try {
                if (metaId == 0) {
                    OptionalLong onDisk = DiskIdentity.read(e.path());
                    if (onDisk.isPresent()) {
                        metaId = onDisk.getAsLong();
                    }
                }
            } catch (IOException ignored) {
                // Disk.open reports the unreadable .metaid
            }
            try {
                opened.add(Disk.open(e, metaId, options.leaveFreeDefault(), options.errorTolerance(),
                        options.errorPeriod().toMillis()));
            } catch (DiskRefusedException ex) {
                log.error("disk refused: {}", ex.getMessage());
                refused.put(e.path(), ex.getMessage());
            }
        }
        ChunkStorage s = new ChunkStorage(opened, refused, options, listener,
                metaId == 0 ? OptionalLong.empty() : OptionalLong.of(metaId));
        s.start();
        return s;
    }

    private void start() {
        for (Disk d : disks) {
            Thread t = new Thread(() -> scan(d), "disk-scan " + d.path());
            t.setDaemon(true);
            scanners.add(t);
            t.start();
        }
        timers.scheduleWithFixedDelay(this::closeIdleFiles, 200, 200, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::checkDisks, 1, 1, TimeUnit.SECONDS);
        long testMillis = options.testInterval().toMillis();
        if (testMillis > 0) {
            timers.scheduleWithFixedDelay(this::testNextChunk, testMillis, testMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void scan(Disk d) {
        long start = System.nanoTime();
        boolean[] duplicates = {false};
        try {
            DiskScanner.scan(d, () -> closing, c -> {
                Chunk loser = registry.addScanned(c);
                if (loser != c) {
                    if (loser != null) {
                        duplicates[0] = true;
                        log.warn("{}: older copy {} ignored", c, loser);
                    }
                    listener.chunkFound(info(c));
                } else {
                    duplicates[0] = true;
                    log.warn("{}: a newer copy is already known; this file is ignored", c);
                }
            });
            if (!closing && !duplicates[0]) {
                completelyListed.add(d);
            }
        } finally {
            d.scanFinished();
            scansDone.countDown();
            log.info("scanning {}: complete ({} chunks, {} ms)", d.path(), d.chunkCount(),
                    (System.nanoTime() - start) / 1_000_000);
            listener.scanFinished(d.path());
        }
    }

    // ---------------------------------------------------------------- commands (master)

    public CompletableFuture<MfsStatus> create(long chunkId, int version) {
        return workers.submit(chunkId, () -> ops.create(chunkId, version));
    }

    /** Deletes a chunk; version 0 deletes any version. */
    public CompletableFuture<MfsStatus> delete(long chunkId, int version) {
        return workers.submit(chunkId, () -> ops.delete(chunkId, version));
    }

    public CompletableFuture<MfsStatus> setVersion(long chunkId, int newVersion, int oldVersion) {
        return workers.submit(chunkId, () -> ops.setVersion(chunkId, newVersion, oldVersion));
    }

    /** Cuts or extends the chunk to {@code length} bytes (at most 64 MiB) and gives it {@code newVersion}. */
    public CompletableFuture<MfsStatus> truncate(long chunkId, int length, int newVersion, int oldVersion) {
        return workers.submit(chunkId, () -> ops.truncate(chunkId, length, newVersion, oldVersion));
    }

    public CompletableFuture<MfsStatus> duplicate(long newChunkId, int newVersion, long oldChunkId, int oldVersion) {
        return workers.submit(oldChunkId, () -> ops.duplicate(newChunkId, newVersion, oldChunkId, oldVersion, -1));
    }

    public CompletableFuture<MfsStatus> duplicateTruncate(long newChunkId, int newVersion, long oldChunkId,
                                                          int oldVersion, int length) {
        if (length < 0) {
            return CompletableFuture.completedFuture(MfsStatus.WRONGSIZE);
        }
        return workers.submit(oldChunkId, () -> ops.duplicate(newChunkId, newVersion, oldChunkId, oldVersion, length));
    }

    // ---------------------------------------------------------------- data path

    /**
     * Reads {@code size} bytes at {@code offset} of the chunk; each block's CRC is verified before its data is
     * returned (a mismatch gives {@link MfsStatus#CRC} and reports the chunk damaged). Bytes past the chunk's last
     * block read as zeros; ranges beyond 64 MiB are {@link MfsStatus#WRONGOFFSET}/{@link MfsStatus#WRONGSIZE}.
     */
    public CompletableFuture<ReadResult> read(long chunkId, int version, int offset, int size) {
        return workers.submit(chunkId, () -> ops.read(chunkId, version, offset, size));
    }

    /**
     * Like {@link #read}, but into {@code into} instead of new arrays (the data path: the buffer can be the one the
     * bytes are sent from). The whole blocks under the range land in {@code into}, the i-th touched block at
     * {@code i * 65536}, so it needs {@link ChunkFormat#blocksSpanned} × 65536 bytes of capacity; each stored block's
     * CRC is verified before the future completes. The caller must not touch the buffer until then.
     */
    public CompletableFuture<BufferedRead> readInto(long chunkId, int version, int offset, int size, ByteBuffer into) {
        return workers.submit(chunkId, () -> ops.readInto(chunkId, version, offset, size, into));
    }

    /**
     * Writes {@code data} at {@code offset} of block {@code blockNum}; {@code crc} is the writer's CRC-32 of
     * {@code data} and is checked before anything is written. The array is handed over, not copied (this is the
     * data path): the caller must not change it afterwards.
     */
    public CompletableFuture<MfsStatus> write(long chunkId, int version, int blockNum, int offset, byte[] data,
                                              int crc) {
        return write(chunkId, version, blockNum, offset, ByteBuffer.wrap(data), crc);
    }

    /**
     * Writes the remaining bytes of {@code data} (heap or direct) like {@link #write(long, int, int, int, byte[], int)}.
     * The buffer is handed over: the caller must neither change nor free it until the future completes.
     */
    public CompletableFuture<MfsStatus> write(long chunkId, int version, int blockNum, int offset, ByteBuffer data,
                                              int crc) {
        return workers.submit(chunkId, () -> ops.write(chunkId, version, blockNum, offset, data, crc));
    }

    /** Ends a write session: flushes (fsync when HDD_FSYNC_BEFORE_CLOSE) and closes the chunk file. */
    public CompletableFuture<Void> close(long chunkId) {
        return workers.submit(chunkId, () -> {
            ops.closeIfIdle(chunkId, System.nanoTime(), true);
            openChunks.remove(chunkId);
            return null;
        });
    }

    public CompletableFuture<BlocksResult> blocks(long chunkId, int version) {
        return workers.submit(chunkId, () -> ops.blocks(chunkId, version));
    }

    public CompletableFuture<ChecksumResult> checksum(long chunkId, int version) {
        return workers.submit(chunkId, () -> ops.checksum(chunkId, version));
    }

    /** Runs the CRC test of one chunk now (the background tester does this one chunk at a time). */
    public CompletableFuture<MfsStatus> test(long chunkId) {
        return workers.submit(chunkId, () -> ops.test(chunkId));
    }

    // ---------------------------------------------------------------- state for the master link

    /** Disk operations queued or running now: the load this server reports to the master. */
    public int pendingOperations() {
        return workers.pending();
    }

    /** Disk operations being executed now (busy I/O workers). */
    public int busyWorkers() {
        return workers.running();
    }

    /** Every chunk known now (during a scan: those found so far). */
    public List<ChunkInfo> chunks() {
        return registry.all().stream().map(ChunkStorage::info).toList();
    }

    /** The version of a known chunk, or empty. */
    public OptionalLong version(long chunkId) {
        Chunk c = registry.get(chunkId);
        return c == null ? OptionalLong.empty() : OptionalLong.of(Integer.toUnsignedLong(c.version));
    }

    public SpaceReport space() {
        long used = 0, total = 0, chunks = 0, tdUsed = 0, tdTotal = 0, tdChunks = 0;
        for (Disk d : disks) {
            if (d.state() == DiskState.DAMAGED) {
                continue;
            }
            // A disk still scanning takes no new chunks, so its space is not offered yet (as MooseFS reports it): a
            // master that saw it would send creates that can only fail with NOSPACE. Its chunks count already.
            DiskSpace s = d.state() == DiskState.SCANNING ? DiskSpace.NONE : d.space();
            if (d.markedForRemoval()) {
                tdUsed += s.used();
                tdTotal += s.total();
                tdChunks += d.chunkCount();
            } else {
                used += s.used();
                total += s.total();
                chunks += d.chunkCount();
            }
        }
        return new SpaceReport(used, total, chunks, tdUsed, tdTotal, tdChunks);
    }

    public List<Disk> disks() {
        return disks;
    }

    /** Disks of mfshdd.cfg that were not opened, with the reason. */
    public Map<Path, String> refusedDisks() {
        return refused;
    }

    public boolean scanComplete() {
        return scansDone.getCount() == 0;
    }

    /** Waits for all disk scans; true when they finished in time. */
    public boolean awaitScan(long timeout, TimeUnit unit) throws InterruptedException {
        return scansDone.await(timeout, unit);
    }

    /** The metaid found on the disks (or given at open), to compare with the master's. */
    public OptionalLong diskMetaId() {
        return diskMetaId;
    }

    /** Records the metaid the master confirmed in every usable disk's {@code .metaid}. */
    public void setMetaId(long metaId) throws IOException {
        for (Disk d : disks) {
            if (d.state() != DiskState.DAMAGED) {
                DiskIdentity.write(d.path(), metaId);
            }
        }
    }

    /** Checks every disk's identity and handles newly damaged disks (also runs every second by itself). */
    public void checkDisks() {
        for (Disk d : disks) {
            d.checkIdentity();
            if (d.state() == DiskState.DAMAGED && damageHandled.add(d)) {
                List<Chunk> lost = registry.removeAllOn(d);
                for (Chunk c : lost) {
                    workers.submit(c.id, () -> {
                        ops.release(c);
                        return null;
                    });
                }
                log.error("disk {} damaged: {}; {} chunks lost", d.path(), d.damageReason(), lost.size());
                if (!lost.isEmpty()) {
                    listener.chunksLost(lost.stream().map(c -> c.id).toList());
                }
                listener.diskDamaged(d.path(), d.damageReason());
            }
        }
    }

    private void closeIdleFiles() {
        long now = System.nanoTime();
        for (Long id : openChunks) {
            workers.submit(id, () -> {
                ops.closeIfIdle(id, now, false);
                if (!ops.isOpen(id)) {
                    openChunks.remove(id);
                }
                return null;
            });
        }
    }

    private void testNextChunk() {
        if (!testQueue.hasNext()) {
            testQueue = registry.all().iterator();
        }
        while (testQueue.hasNext()) {
            Chunk c = testQueue.next();
            if (!c.damaged && c.disk.state() != DiskState.DAMAGED && registry.get(c.id) == c) {
                test(c.id);
                return;
            }
        }
    }

    private static ChunkInfo info(Chunk c) {
        return new ChunkInfo(c.id, c.version, c.disk.markedForRemoval());
    }

    /** Stops the workers (after queued operations), closes open files and releases the disk locks. */
    @Override
    public void close() {
        closing = true;
        timers.shutdownNow();
        for (Thread t : scanners) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Long id : openChunks) {
            workers.submit(id, () -> {
                ops.closeIfIdle(id, System.nanoTime(), true);
                return null;
            });
        }
        workers.close();
        disks.forEach(this::writeChunkDb);
        disks.forEach(Disk::close);
    }

    /**
     * Leaves a {@code .chunkdb} for the real chunkserver on a disk whose chunk list we know completely (scanned to
     * the end, no duplicates, not damaged), as the real one does at a clean stop.
     */
    private void writeChunkDb(Disk d) {
        if (!completelyListed.contains(d) || d.state() != DiskState.READY) {
            log.info("{}: .chunkdb not written (scan incomplete, duplicates found, or disk damaged)", d.path());
            return;
        }
        List<Chunk> onDisk = registry.all().stream().filter(c -> c.disk == d).toList();
        try {
            ChunkDbWriter.write(d, onDisk);
            log.info("{}: .chunkdb written ({} chunks)", d.path(), onDisk.size());
        } catch (IOException | RuntimeException e) {
            log.warn("{}: cannot write .chunkdb: {}", d.path(), e.toString());
        }
    }

    private final class Events implements ChunkOperations.StorageEvents {
        @Override
        public void chunkDamaged(Chunk c) {
            listener.chunkDamaged(c.id);
        }

        @Override
        public void diskError(Chunk c, boolean countsAgainstDisk) {
            if (c.disk.recordError(c.id, System.currentTimeMillis(), countsAgainstDisk)) {
                checkDisks();
            }
        }

        @Override
        public void opened(Chunk c) {
            openChunks.add(c.id);
        }
    }
}
