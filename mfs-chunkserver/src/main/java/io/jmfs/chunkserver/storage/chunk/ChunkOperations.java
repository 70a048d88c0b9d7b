package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.chunkserver.storage.disk.Disk;
import io.jmfs.protocol.MfsStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.CRC32;

import static io.jmfs.chunkserver.storage.chunk.ChunkFormat.BLOCKS_PER_CHUNK;
import static io.jmfs.chunkserver.storage.chunk.ChunkFormat.BLOCK_SIZE;
import static io.jmfs.chunkserver.storage.chunk.ChunkFormat.CHUNK_SIZE;
import static io.jmfs.chunkserver.storage.chunk.ChunkFormat.CRC_TABLE_SIZE;
import static io.jmfs.chunkserver.storage.chunk.ChunkFormat.EMPTY_BLOCK_CRC;
import static io.jmfs.chunkserver.storage.chunk.ChunkFormat.HEADER_SIZE;

/**
 * The synchronous core of every chunk command. Each method must run on the ordered worker of the chunk id it
 * is keyed by ({@link ChunkStorage} guarantees that), so a chunk's file state is touched by one thread at a
 * time. Status codes follow MooseFS: version 0 in a request matches any version.
 */
final class ChunkOperations {
    private static final Logger log = LoggerFactory.getLogger(ChunkOperations.class);
    private static final Set<StandardOpenOption> CREATE_OPTIONS = EnumSet.of(StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);

    private final ChunkRegistry registry;
    private final Supplier<List<Disk>> disks;
    private final StorageOptions options;
    private final StorageEvents events;

    ChunkOperations(ChunkRegistry registry, Supplier<List<Disk>> disks, StorageOptions options, StorageEvents events) {
        this.registry = registry;
        this.disks = disks;
        this.options = options;
        this.events = events;
    }

    // ---------------------------------------------------------------- master commands

    MfsStatus create(long id, int version) {
        if (registry.get(id) != null) {
            return MfsStatus.CHUNKEXIST;
        }
        Disk disk = chooseDisk();
        if (disk == null) {
            return MfsStatus.NOSPACE;
        }
        Chunk c = new Chunk(id, version, 0, disk, disk.chooseSubfolder());
        if (!registry.addIfAbsent(c)) {
            return MfsStatus.CHUNKEXIST;
        }
        try {
            FileChannel ch = createFile(c.path());
            c.channel = ch;
            c.headerSize = HEADER_SIZE;
            writeFully(ch, ChunkFormat.newFileHead(id, version), 0);
            c.crcs = emptyCrcs();
            c.crcTableComplete = false;
            touch(c);
            return MfsStatus.OK;
        } catch (IOException e) {
            closeQuietly(c);
            registry.remove(c);
            deleteQuietly(c.path());
            return ioFailure(c, "create", e);
        }
    }

    MfsStatus delete(long id, int version) {
        Chunk c = registry.get(id);
        if (c == null) {
            return MfsStatus.NOCHUNK;
        }
        if (!versionMatches(c, version)) {
            return MfsStatus.WRONGVERSION;
        }
        closeQuietly(c);
        try {
            Files.delete(c.path());
        } catch (NoSuchFileException e) {
            log.warn("{}: file already gone on delete", c);
        } catch (IOException e) {
            return ioFailure(c, "delete", e);
        }
        registry.remove(c);
        return MfsStatus.OK;
    }

    MfsStatus setVersion(long id, int newVersion, int oldVersion) {
        Chunk c = registry.get(id);
        if (c == null) {
            return MfsStatus.NOCHUNK;
        }
        if (!versionMatches(c, oldVersion)) {
            return MfsStatus.WRONGVERSION;
        }
        try {
            changeVersion(c, newVersion);
            return MfsStatus.OK;
        } catch (ChunkFormatException e) {
            return damaged(c, MfsStatus.IO, e.getMessage());
        } catch (IOException e) {
            return ioFailure(c, "set version", e);
        }
    }

    MfsStatus truncate(long id, int length, int newVersion, int oldVersion) {
        if (length < 0 || length > CHUNK_SIZE) {
            return MfsStatus.WRONGSIZE;
        }
        Chunk c = registry.get(id);
        if (c == null) {
            return MfsStatus.NOCHUNK;
        }
        if (!versionMatches(c, oldVersion)) {
            return MfsStatus.WRONGVERSION;
        }
        try {
            changeVersion(c, newVersion);
            truncateInPlace(c, length);
            return MfsStatus.OK;
        } catch (ChunkFormatException e) {
            return damaged(c, MfsStatus.IO, e.getMessage());
        } catch (IOException e) {
            return ioFailure(c, "truncate", e);
        }
    }

    /** Creates {@code newId} as a copy of {@code oldId}; with {@code length >= 0} the copy is then truncated. */
    MfsStatus duplicate(long newId, int newVersion, long oldId, int oldVersion, int length) {
        if (length > CHUNK_SIZE) {
            return MfsStatus.WRONGSIZE;
        }
        Chunk old = registry.get(oldId);
        if (old == null) {
            return MfsStatus.NOCHUNK;
        }
        if (!versionMatches(old, oldVersion)) {
            return MfsStatus.WRONGVERSION;
        }
        if (registry.get(newId) != null) {
            return MfsStatus.CHUNKEXIST;
        }
        Disk disk = chooseDisk();
        if (disk == null) {
            return MfsStatus.NOSPACE;
        }
        try {
            open(old);
        } catch (ChunkFormatException e) {
            return damaged(old, MfsStatus.IO, e.getMessage());
        } catch (IOException e) {
            return ioFailure(old, "duplicate (source)", e);
        }
        Chunk copy = new Chunk(newId, newVersion, 0, disk, disk.chooseSubfolder());
        if (!registry.addIfAbsent(copy)) {
            return MfsStatus.CHUNKEXIST;
        }
        try {
            FileChannel ch = createFile(copy.path());
            copy.channel = ch;
            int[] crcs = emptyCrcs();
            System.arraycopy(old.crcs, 0, crcs, 0, old.blocks);
            ByteBuffer head = ChunkFormat.newFileHead(newId, newVersion);
            head.position(HEADER_SIZE);
            for (int crc : crcs) {
                head.putInt(crc);
            }
            writeFully(ch, head.clear(), 0);
            copy.crcs = crcs;
            copy.crcTableComplete = true;
            byte[] block = new byte[BLOCK_SIZE];
            for (int n = 0; n < old.blocks; n++) {
                readBlock(old, n, block);
                if (ChunkFormat.crc(block, 0, BLOCK_SIZE) != old.crcs[n]) {
                    abandon(copy);
                    return damaged(old, MfsStatus.CRC, "CRC error in block " + n + " while duplicating");
                }
                if (!isZero(block, 0, BLOCK_SIZE)) {
                    writeFully(copy.channel, ByteBuffer.wrap(block), ChunkFormat.blockOffset(HEADER_SIZE, n));
                }
            }
            extendTo(copy.channel, ChunkFormat.fileLength(HEADER_SIZE, old.blocks));
            registry.setBlocks(copy, old.blocks);
            touch(copy);
            touch(old);
            if (length >= 0) {
                truncateInPlace(copy, length);
            }
            return MfsStatus.OK;
        } catch (ChunkFormatException e) {
            abandon(copy);
            return damaged(old, MfsStatus.IO, e.getMessage());
        } catch (IOException e) {
            abandon(copy);
            return ioFailure(copy, "duplicate", e);
        }
    }

    // ---------------------------------------------------------------- data path

    ReadResult read(long id, int version, int offset, int size) {
        if (size <= 0 || size > CHUNK_SIZE || offset < 0 || offset >= CHUNK_SIZE || (long) offset + size > CHUNK_SIZE) {
            return readInto(id, version, offset, size, ByteBuffer.allocate(0)).toCopies(null);
        }
        ByteBuffer into = ByteBuffer.allocate(ChunkFormat.blocksSpanned(offset, size) * BLOCK_SIZE);
        return readInto(id, version, offset, size, into).toCopies(into);
    }

    /**
     * Reads the whole blocks under {@code [offset, offset + size)} into {@code into} (the i-th touched block at
     * {@code i * 65536}), checks each stored block against its CRC and describes the requested parts.
     */
    BufferedRead readInto(long id, int version, int offset, int size, ByteBuffer into) {
        if (size == 0) {
            return new BufferedRead(MfsStatus.OK, List.of());
        }
        if (size < 0 || size > CHUNK_SIZE) {
            return BufferedRead.failed(MfsStatus.WRONGSIZE);
        }
        if (offset < 0 || offset >= CHUNK_SIZE || (long) offset + size > CHUNK_SIZE) {
            return BufferedRead.failed(MfsStatus.WRONGOFFSET);
        }
        int first = offset / BLOCK_SIZE;
        int count = ChunkFormat.blocksSpanned(offset, size);
        if (into.capacity() < count * BLOCK_SIZE) {
            throw new IllegalArgumentException("a read of " + count + " blocks needs " + count * BLOCK_SIZE
                    + " bytes, the buffer has " + into.capacity());
        }
        Chunk c = registry.get(id);
        if (c == null) {
            return BufferedRead.failed(MfsStatus.NOCHUNK);
        }
        if (!versionMatches(c, version)) {
            return BufferedRead.failed(MfsStatus.WRONGVERSION);
        }
        try {
            open(c);
            int stored = Math.max(0, Math.min(first + count, c.blocks) - first);
            if (stored > 0) {
                // the stored blocks in one read; blocks past the chunk's end are not in the file
                ByteBuffer target = into.duplicate().clear().limit(stored * BLOCK_SIZE);
                readFully(c.channel, target, ChunkFormat.blockOffset(c.headerSize, first));
            }
            List<BufferedSlice> slices = new ArrayList<>(count);
            int pos = offset;
            int end = offset + size;
            CRC32 crc = new CRC32();
            for (int i = 0; i < count; i++) {
                int n = first + i;
                int from = pos % BLOCK_SIZE;
                int len = Math.min(BLOCK_SIZE - from, end - pos);
                int at = i * BLOCK_SIZE;
                int blockCrc;
                if (i >= stored) {
                    zero(into, at + from, len);
                    blockCrc = EMPTY_BLOCK_CRC;
                } else {
                    crc.reset();
                    crc.update(into.duplicate().clear().position(at).limit(at + BLOCK_SIZE));
                    blockCrc = (int) crc.getValue();
                    if (blockCrc != c.crcs[n]) {
                        return BufferedRead.failed(damaged(c, MfsStatus.CRC, String.format(
                                "CRC error in block %d (data %08X, table %08X)", n, blockCrc, c.crcs[n])));
                    }
                }
                int sliceCrc;
                if (len == BLOCK_SIZE) {
                    sliceCrc = blockCrc;
                } else {
                    crc.reset();
                    crc.update(into.duplicate().clear().position(at + from).limit(at + from + len));
                    sliceCrc = (int) crc.getValue();
                }
                slices.add(new BufferedSlice(n, from, len, at + from, sliceCrc, blockCrc));
                pos += len;
            }
            touch(c);
            return new BufferedRead(MfsStatus.OK, slices);
        } catch (ChunkFormatException e) {
            return BufferedRead.failed(damaged(c, MfsStatus.IO, e.getMessage()));
        } catch (IOException e) {
            return BufferedRead.failed(ioFailure(c, "read", e));
        }
    }

    private static void zero(ByteBuffer b, int at, int len) {
        for (int i = at; i < at + len; i++) {
            b.put(i, (byte) 0);
        }
    }

    /** Writes {@code data}'s remaining bytes (its position is left alone). */
    MfsStatus write(long id, int version, int blockNum, int offset, ByteBuffer data, int crc) {
        Chunk c = registry.get(id);
        if (c == null) {
            return MfsStatus.NOCHUNK;
        }
        if (!versionMatches(c, version)) {
            return MfsStatus.WRONGVERSION;
        }
        if (blockNum < 0 || blockNum >= BLOCKS_PER_CHUNK) {
            return MfsStatus.BNUMTOOBIG;
        }
        int size = data.remaining();
        if (size > BLOCK_SIZE) {
            return MfsStatus.WRONGSIZE;
        }
        if (offset < 0 || offset >= BLOCK_SIZE || offset + size > BLOCK_SIZE) {
            return MfsStatus.WRONGOFFSET;
        }
        CRC32 dataCrc = new CRC32();
        dataCrc.update(data.duplicate());
        if ((int) dataCrc.getValue() != crc) {
            return MfsStatus.CRC;
        }
        try {
            open(c);
            int oldBlocks = c.blocks;
            if (blockNum >= oldBlocks && c.disk.availableForWrites() < (long) (blockNum + 1 - oldBlocks) * BLOCK_SIZE) {
                return MfsStatus.NOSPACE;
            }
            long blockPos = ChunkFormat.blockOffset(c.headerSize, blockNum);
            if (size == BLOCK_SIZE) {
                // a whole block (the usual case): its CRC is the writer's, already checked
                writeFully(c.channel, data.duplicate(), blockPos);
                for (int n = oldBlocks; n < blockNum; n++) {
                    c.crcs[n] = EMPTY_BLOCK_CRC;
                }
                c.crcs[blockNum] = crc;
                writeCrcs(c, Math.min(blockNum, oldBlocks), blockNum + 1);
                if (blockNum >= oldBlocks) {
                    registry.setBlocks(c, blockNum + 1);
                }
                touch(c);
                return MfsStatus.OK;
            }
            byte[] block = new byte[BLOCK_SIZE];
            if (blockNum < oldBlocks) {
                if (offset != 0 || size != BLOCK_SIZE) {
                    readBlock(c, blockNum, block);
                    int stored = ChunkFormat.crc(block, 0, BLOCK_SIZE);
                    if (stored != c.crcs[blockNum]) {
                        return damaged(c, MfsStatus.CRC, "CRC error in block " + blockNum + " before a partial write");
                    }
                }
                data.get(data.position(), block, offset, size);
                writeFully(c.channel, data.duplicate(), blockPos + offset);
            } else {
                data.get(data.position(), block, offset, size);
                writeFully(c.channel, data.duplicate(), blockPos + offset);
                extendTo(c.channel, blockPos + BLOCK_SIZE);
                for (int n = oldBlocks; n < blockNum; n++) {
                    c.crcs[n] = EMPTY_BLOCK_CRC;
                }
            }
            c.crcs[blockNum] = ChunkFormat.crc(block, 0, BLOCK_SIZE);
            int firstChanged = Math.min(blockNum, oldBlocks);
            writeCrcs(c, firstChanged, blockNum + 1);
            if (blockNum >= oldBlocks) {
                registry.setBlocks(c, blockNum + 1);
            }
            touch(c);
            return MfsStatus.OK;
        } catch (ChunkFormatException e) {
            return damaged(c, MfsStatus.IO, e.getMessage());
        } catch (IOException e) {
            if (isNoSpace(e)) {
                return MfsStatus.NOSPACE;
            }
            return ioFailure(c, "write", e);
        }
    }

    BlocksResult blocks(long id, int version) {
        Chunk c = registry.get(id);
        if (c == null) {
            return new BlocksResult(MfsStatus.NOCHUNK, 0);
        }
        if (!versionMatches(c, version)) {
            return new BlocksResult(MfsStatus.WRONGVERSION, 0);
        }
        return new BlocksResult(MfsStatus.OK, c.blocks);
    }

    ChecksumResult checksum(long id, int version) {
        Chunk c = registry.get(id);
        if (c == null) {
            return ChecksumResult.failed(MfsStatus.NOCHUNK);
        }
        if (!versionMatches(c, version)) {
            return ChecksumResult.failed(MfsStatus.WRONGVERSION);
        }
        try {
            open(c);
            int sum = 1;
            for (int crc : c.crcs) {
                sum = sum * 426265243 ^ crc;
            }
            touch(c);
            return new ChecksumResult(MfsStatus.OK, c.version, sum, c.crcs.clone());
        } catch (ChunkFormatException e) {
            return ChecksumResult.failed(damaged(c, MfsStatus.IO, e.getMessage()));
        } catch (IOException e) {
            return ChecksumResult.failed(ioFailure(c, "checksum", e));
        }
    }

    /** Reads every block of a chunk and checks it against the CRC table; reports a damaged chunk. */
    MfsStatus test(long id) {
        Chunk c = registry.get(id);
        if (c == null) {
            return MfsStatus.NOCHUNK;
        }
        try {
            open(c);
            byte[] block = new byte[BLOCK_SIZE];
            for (int n = 0; n < c.blocks; n++) {
                readBlock(c, n, block);
                if (ChunkFormat.crc(block, 0, BLOCK_SIZE) != c.crcs[n]) {
                    return damaged(c, MfsStatus.CRC, "background test: CRC error in block " + n);
                }
            }
            touch(c);
            return MfsStatus.OK;
        } catch (ChunkFormatException e) {
            return damaged(c, MfsStatus.IO, e.getMessage());
        } catch (IOException e) {
            return ioFailure(c, "test", e);
        }
    }

    /** Closes the chunk's file if it has been idle long enough (or always with {@code force}). */
    void closeIfIdle(long id, long nowNanos, boolean force) {
        Chunk c = registry.get(id);
        if (c == null || c.channel == null) {
            return;
        }
        if (force || nowNanos - c.lastUseNanos >= options.idleClose().toNanos()) {
            try {
                if (options.fsyncBeforeClose()) {
                    c.channel.force(true);
                }
            } catch (IOException e) {
                ioFailure(c, "fsync", e);
            }
            closeQuietly(c);
        }
    }

    /** Closes the file of a chunk that is no longer registered (its disk failed). */
    void release(Chunk c) {
        closeQuietly(c);
    }

    boolean isOpen(long id) {
        Chunk c = registry.get(id);
        return c != null && c.channel != null;
    }

    // ---------------------------------------------------------------- file internals

    /** Opens the file and loads and checks header and CRC table. */
    private void open(Chunk c) throws IOException {
        if (c.channel != null) {
            return;
        }
        FileChannel ch = FileChannel.open(c.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long length = ch.size();
            int hs = ChunkFormat.headerSizeForLength(length);
            if (hs < 0) {
                throw new ChunkFormatException("chunk file has an impossible length " + length);
            }
            ByteBuffer head = ByteBuffer.allocate(ChunkFormat.HEADER_FIELDS_SIZE);
            readFully(ch, head, 0);
            ChunkFormat.Header h = ChunkFormat.decodeHeader(head.flip());
            if (h.chunkId() != c.id || h.version() != c.version) {
                throw new ChunkFormatException(String.format("header names %016X_%08X", h.chunkId(), h.version()));
            }
            ByteBuffer table = ByteBuffer.allocate(CRC_TABLE_SIZE);
            readFully(ch, table, ChunkFormat.crcTableOffset(hs));
            table.flip();
            int[] crcs = new int[BLOCKS_PER_CHUNK];
            table.asIntBuffer().get(crcs);
            int blocks = ChunkFormat.blocksForLength(length, hs);
            boolean complete = true;
            for (int n = blocks; n < BLOCKS_PER_CHUNK && complete; n++) {
                complete = crcs[n] == EMPTY_BLOCK_CRC;
            }
            c.headerSize = hs;
            c.crcs = crcs;
            c.crcTableComplete = complete;
            c.channel = ch;
            if (blocks != c.blocks) {
                registry.setBlocks(c, blocks);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void changeVersion(Chunk c, int newVersion) throws IOException {
        open(c);
        Path from = c.path();
        Path to = c.pathFor(newVersion);
        if (!from.equals(to)) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
        c.version = newVersion;
        try {
            writeFully(c.channel, ByteBuffer.allocate(4).putInt(0, newVersion), ChunkFormat.VERSION_OFFSET);
        } catch (IOException e) {
            Files.move(to, from, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        touch(c);
    }

    private void truncateInPlace(Chunk c, int length) throws IOException {
        open(c);
        int newBlocks = (int) (((long) length + BLOCK_SIZE - 1) / BLOCK_SIZE);
        int oldBlocks = c.blocks;
        if (newBlocks > oldBlocks) {
            extendTo(c.channel, ChunkFormat.fileLength(c.headerSize, newBlocks));
            for (int n = oldBlocks; n < newBlocks; n++) {
                c.crcs[n] = EMPTY_BLOCK_CRC;
            }
        } else {
            long dataEnd = ChunkFormat.blockOffset(c.headerSize, 0) + length;
            c.channel.truncate(dataEnd);
            int tail = length % BLOCK_SIZE;
            if (tail > 0) {
                int last = length / BLOCK_SIZE;
                extendTo(c.channel, ChunkFormat.fileLength(c.headerSize, newBlocks));
                byte[] block = new byte[BLOCK_SIZE];
                readFully(c.channel, ByteBuffer.wrap(block, 0, tail), ChunkFormat.blockOffset(c.headerSize, last));
                c.crcs[last] = ChunkFormat.crc(block, 0, BLOCK_SIZE);
            }
            for (int n = newBlocks; n < oldBlocks; n++) {
                c.crcs[n] = EMPTY_BLOCK_CRC;
            }
        }
        c.crcTableComplete = false;
        writeCrcs(c, 0, BLOCKS_PER_CHUNK);
        registry.setBlocks(c, newBlocks);
        touch(c);
    }

    /** Persists CRC entries [from, to); the whole table when the file still holds the all-zero table of create. */
    private void writeCrcs(Chunk c, int from, int to) throws IOException {
        if (!c.crcTableComplete) {
            from = 0;
            to = BLOCKS_PER_CHUNK;
        }
        ByteBuffer b = ByteBuffer.allocate((to - from) * 4);
        b.asIntBuffer().put(c.crcs, from, to - from);
        writeFully(c.channel, b, ChunkFormat.crcTableOffset(c.headerSize) + 4L * from);
        c.crcTableComplete = true;
    }

    private void readBlock(Chunk c, int n, byte[] into) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into);
        long pos = ChunkFormat.blockOffset(c.headerSize, n);
        while (b.hasRemaining()) {
            int r = c.channel.read(b, pos + b.position());
            if (r < 0) {
                throw new ChunkFormatException("block " + n + " ends early");
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long start = pos - b.position();
        while (b.hasRemaining()) {
            if (ch.read(b, start + b.position()) < 0) {
                throw new ChunkFormatException("chunk file ends early at " + (start + b.position()));
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long start = pos - b.position();
        while (b.hasRemaining()) {
            ch.write(b, start + b.position());
        }
    }

    /** Grows the file to {@code length} without writing data (a sparse hole reads as zeros). */
    private static void extendTo(FileChannel ch, long length) throws IOException {
        if (ch.size() < length) {
            writeFully(ch, ByteBuffer.allocate(1), length - 1);
        }
    }

    /**
     * Creates (or empties) a chunk file for reading and writing. Its subfolder usually exists already, so it is made
     * only when the file cannot be created without it, instead of asking the file system first on every create.
     */
    private static FileChannel createFile(Path p) throws IOException {
        try {
            return FileChannel.open(p, CREATE_OPTIONS);
        } catch (NoSuchFileException e) {
            Files.createDirectories(p.getParent());
            return FileChannel.open(p, CREATE_OPTIONS);
        }
    }

    /** The disk with the most available space among those taking new chunks, or null. */
    private Disk chooseDisk() {
        Disk best = null;
        long bestAvailable = Long.MIN_VALUE;
        for (Disk d : disks.get()) {
            if (d.acceptsNewChunks()) {
                long available = d.space().available();
                if (best == null || available > bestAvailable) {
                    best = d;
                    bestAvailable = available;
                }
            }
        }
        return best;
    }

    private void abandon(Chunk c) {
        closeQuietly(c);
        deleteQuietly(c.path());
        registry.remove(c);
    }

    private static boolean versionMatches(Chunk c, int version) {
        return version == 0 || c.version == version;
    }

    /** Reports a chunk whose data or format is bad; {@code status} is what the caller answers. */
    private MfsStatus damaged(Chunk c, MfsStatus status, String reason) {
        log.warn("{}: {}", c, reason);
        closeQuietly(c);
        c.damaged = true;
        events.chunkDamaged(c);
        events.diskError(c, false);
        return status;
    }

    private MfsStatus ioFailure(Chunk c, String op, IOException e) {
        log.warn("{}: {} failed: {}", c, op, e.toString());
        closeQuietly(c);
        events.diskError(c, pointsAtDisk(e));
        return MfsStatus.IO;
    }

    /**
     * Whether a failure says the disk itself is failing: MooseFS counts only EIO, EROFS and ENOENT towards damaging
     * a disk (a full disk or a bad argument is not the disk's fault). Java reports errno only in the message.
     */
    static boolean pointsAtDisk(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException) {
            return true;
        }
        String m = e.getMessage();
        return m != null && (m.contains("Input/output error") || m.contains("Read-only file system")
                || m.contains("No such file or directory"));
    }

    private static boolean isNoSpace(IOException e) {
        String m = e.getMessage();
        return m != null && m.contains("No space left");
    }

    private static boolean isZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] emptyCrcs() {
        int[] crcs = new int[BLOCKS_PER_CHUNK];
        Arrays.fill(crcs, EMPTY_BLOCK_CRC);
        return crcs;
    }

    private void touch(Chunk c) {
        c.lastUseNanos = System.nanoTime();
        events.opened(c);
    }

    private static void closeQuietly(Chunk c) {
        if (c.channel != null) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // the descriptor is released anyway
            }
            c.channel = null;
            c.crcs = null;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover file is found as garbage by the next scan
        }
    }

    /** Callbacks from the core to the storage that owns it. */
    interface StorageEvents {
        void chunkDamaged(Chunk c);

        /** An error on {@code c}; {@code countsAgainstDisk} when it is one that damages the disk if repeated. */
        void diskError(Chunk c, boolean countsAgainstDisk);

        void opened(Chunk c);
    }
}
