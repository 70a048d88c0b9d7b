package io.jmfs.chunkserver.storage.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One data directory: its configuration, life-cycle state, chunk and block counts, and its identity
 * ({@code .lock} held with an OS lock while we use it, {@code .metaid}). Thread-safe.
 */
public final class Disk implements AutoCloseable {
    /** Bytes the space estimate charges per chunk for header and CRC table (as MooseFS does). */
    private static final long PER_CHUNK_OVERHEAD = 8192;
    private static final long BLOCK = 65536;

    private final HddConfigEntry config;
    private final long leaveFreeDefault;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Object lockFileKey;
    private final ErrorWindow errors;
    private final AtomicReference<DiskState> state = new AtomicReference<>(DiskState.SCANNING);
    private final AtomicReference<String> damageReason = new AtomicReference<>();
    private final AtomicLong chunks = new AtomicLong();
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicIntegerArray subfolderCounts = new AtomicIntegerArray(256);
    private final AtomicLong lastErrorChunk = new AtomicLong();
    private final AtomicLong lastErrorTime = new AtomicLong();
    /**
     * The file system of the disk, looked up once: finding it parses the mount table, far too slow for the write
     * path, which asks for the free space at every new block; its space figures are read fresh (statvfs) by space().
     */
    private volatile FileStore fileStore;
    private static final long WRITE_CHECK_MAX_AGE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);
    private volatile AvailableAt lastAvailable;

    private Disk(HddConfigEntry config, long leaveFreeDefault, FileChannel lockChannel, FileLock lock,
                 Object lockFileKey, ErrorWindow errors) {
        this.config = config;
        this.leaveFreeDefault = leaveFreeDefault;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.lockFileKey = lockFileKey;
        this.errors = errors;
    }

    /**
     * Opens a data directory: it must exist, must not be locked by another process, and its {@code .metaid} (if any)
     * must equal {@code expectedMetaId} (when that is non-zero).
     */
    public static Disk open(HddConfigEntry config, long expectedMetaId, long leaveFreeDefault, int errorTolerance,
                            long errorPeriodMillis) throws DiskRefusedException {
        Path dir = config.path();
        if (!Files.isDirectory(dir)) {
            throw new DiskRefusedException("data directory " + dir + " does not exist or is not a directory");
        }
        try {
            OptionalLong onDisk = DiskIdentity.read(dir);
            if (onDisk.isPresent() && expectedMetaId != 0 && onDisk.getAsLong() != expectedMetaId) {
                throw new DiskRefusedException(String.format(
                        "data directory %s belongs to another MooseFS instance (.metaid %016X, expected %016X);"
                                + " remove %s/.metaid to use it anyway",
                        dir, onDisk.getAsLong(), expectedMetaId, dir));
            }
        } catch (IOException e) {
            throw new DiskRefusedException("cannot read .metaid of " + dir + ": " + e.getMessage(), e);
        }
        FileChannel ch = null;
        try {
            Path lockFile = dir.resolve(".lock");
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new DiskRefusedException("data directory " + dir + " is already in use (locked " + lockFile + ")");
            }
            Object key = Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
            return new Disk(config, leaveFreeDefault, ch, l, key, new ErrorWindow(errorTolerance, errorPeriodMillis));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new DiskRefusedException("cannot lock data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return config.path();
    }

    public HddConfigEntry config() {
        return config;
    }

    public boolean markedForRemoval() {
        return config.markedForRemoval();
    }

    public DiskState state() {
        return state.get();
    }

    /** Why the disk is damaged, or null. */
    public String damageReason() {
        return damageReason.get();
    }

    public long chunkCount() {
        return chunks.get();
    }

    public long blockCount() {
        return blocks.get();
    }

    /** Id of the chunk whose I/O failed last (0 = none) and when (epoch millis), for mfscli's disk list. */
    public long lastErrorChunk() {
        return lastErrorChunk.get();
    }

    public long lastErrorTime() {
        return lastErrorTime.get();
    }

    /** The scan finished; a damaged disk stays damaged. */
    public void scanFinished() {
        state.compareAndSet(DiskState.SCANNING, DiskState.READY);
    }

    /** Marks the disk damaged; true when this call changed the state. */
    public boolean markDamaged(String reason) {
        DiskState before = state.getAndSet(DiskState.DAMAGED);
        if (before != DiskState.DAMAGED) {
            damageReason.set(reason);
            return true;
        }
        return false;
    }

    /**
     * Records an error on {@code chunkId} (shown as the disk's last error); only an error that points at the disk
     * itself ({@code countsAgainstDisk}: as in MooseFS 3.0.117, an I/O error, a read-only file system or a vanished
     * file, not a CRC mismatch or a malformed chunk) counts towards the tolerance. True when this error exceeded the
     * tolerance and damaged the disk now.
     */
    public boolean recordError(long chunkId, long nowMillis, boolean countsAgainstDisk) {
        lastErrorChunk.set(chunkId);
        lastErrorTime.set(nowMillis);
        if (countsAgainstDisk && errors.record(nowMillis)) {
            return markDamaged("too many I/O errors (last on chunk " + String.format("%016X", chunkId) + ")");
        }
        return false;
    }

    /** Whether new chunks may be placed here (ready, not marked for removal or rebalance source, space left). */
    public boolean acceptsNewChunks() {
        return state.get() == DiskState.READY && !config.markedForRemoval()
                && config.rebalance() != HddConfigEntry.Rebalance.SOURCE && space().available() > 0;
    }

    public void chunkAdded(int subfolder, int chunkBlocks) {
        chunks.incrementAndGet();
        blocks.addAndGet(chunkBlocks);
        subfolderCounts.incrementAndGet(subfolder);
    }

    public void chunkRemoved(int subfolder, int chunkBlocks) {
        chunks.decrementAndGet();
        blocks.addAndGet(-chunkBlocks);
        subfolderCounts.decrementAndGet(subfolder);
    }

    public void blocksChanged(int delta) {
        blocks.addAndGet(delta);
    }

    /** The least populated subfolder, where a new chunk goes. */
    public int chooseSubfolder() {
        int best = 0;
        for (int i = 1; i < 256; i++) {
            if (subfolderCounts.get(i) < subfolderCounts.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The available bytes for the write path's check before each new block: the file system's figure (three statfs
     * calls) is reused for 100 ms, in which far less can be written than the space every disk leaves free. A write
     * that still finds the disk full fails with ENOSPC, which is answered as NOSPACE too.
     */
    public long availableForWrites() {
        if (state.get() == DiskState.DAMAGED || config.limit().kind() == SpaceLimit.Kind.USE_AT_MOST) {
            return space().available();
        }
        long now = System.nanoTime();
        AvailableAt last = lastAvailable;
        if (last != null && now - last.nanos() < WRITE_CHECK_MAX_AGE_NANOS) {
            return last.bytes();
        }
        long available = space().available();
        lastAvailable = new AvailableAt(available, now);
        return available;
    }

    private record AvailableAt(long bytes, long nanos) {
    }

    /**
     * Space as reported to the master. With a "use at most" limit the total is the limit and the used part is
     * estimated from the stored blocks; otherwise the file system's figures, minus the space to leave free.
     */
    public DiskSpace space() {
        if (state.get() == DiskState.DAMAGED) {
            return DiskSpace.NONE;
        }
        SpaceLimit limit = config.limit();
        if (limit.kind() == SpaceLimit.Kind.USE_AT_MOST) {
            long used = blocks.get() * BLOCK + chunks.get() * PER_CHUNK_OVERHEAD;
            long avail = Math.max(0, limit.bytes() - used);
            return new DiskSpace(limit.bytes() - avail, limit.bytes(), avail);
        }
        try {
            FileStore store = fileStore;
            if (store == null) {
                store = Files.getFileStore(config.path());
                fileStore = store;
            }
            long usable = store.getUsableSpace();
            long total = store.getTotalSpace() - (store.getUnallocatedSpace() - usable);
            long leave = limit.kind() == SpaceLimit.Kind.LEAVE_FREE ? limit.bytes() : leaveFreeDefault;
            long avail = Math.max(0, usable - leave);
            return new DiskSpace(total - avail, total, avail);
        } catch (IOException e) {
            markDamaged("cannot read file system space: " + e.getMessage());
            return DiskSpace.NONE;
        }
    }

    /**
     * Checks that the disk is still the one we opened: its {@code .lock} file exists and is the same file. A
     * swapped or unmounted disk fails this and is marked damaged; true when intact.
     */
    public boolean checkIdentity() {
        if (state.get() == DiskState.DAMAGED) {
            return false;
        }
        Path lockFile = config.path().resolve(".lock");
        try {
            Object key = Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
            if (!Objects.equals(key, lockFileKey)) {
                markDamaged("disk was replaced (" + lockFile + " is another file)");
                return false;
            }
            return true;
        } catch (NoSuchFileException e) {
            markDamaged("disk is missing (" + lockFile + " vanished)");
            return false;
        } catch (IOException e) {
            markDamaged("cannot check " + lockFile + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it too
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    @Override
    public String toString() {
        return (config.markedForRemoval() ? "*" : "") + config.path() + " [" + state.get() + "]";
    }
}
