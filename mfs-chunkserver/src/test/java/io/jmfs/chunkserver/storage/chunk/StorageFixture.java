package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.chunkserver.storage.disk.HddConfigEntry;
import io.jmfs.chunkserver.storage.disk.SpaceLimit;
import io.jmfs.protocol.MfsStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers shared by the storage tests: golden files, disks in temp dirs, a recording listener. */
final class StorageFixture {
    static final Path GOLDEN = resource("/io/jmfs/chunkserver/storage/golden");

    private StorageFixture() {
    }

    static Path resource(String name) {
        try {
            return Path.of(StorageFixture.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static StorageOptions options() {
        return StorageOptions.defaults().withLeaveFreeDefault(0).withTestInterval(Duration.ZERO);
    }

    /** Opens storage on the given disks (no metaid expected) and waits for the scan. */
    static ChunkStorage open(StorageOptions options, StorageListener listener, HddConfigEntry... disks)
            throws InterruptedException {
        ChunkStorage s = ChunkStorage.open(List.of(disks), options, listener, 0);
        assertThat(s.awaitScan(10, TimeUnit.SECONDS)).isTrue();
        return s;
    }

    static HddConfigEntry disk(Path p) {
        return HddConfigEntry.of(p);
    }

    static HddConfigEntry limitedDisk(Path p, long bytes) {
        return new HddConfigEntry(p, false, HddConfigEntry.Rebalance.STANDARD, false, SpaceLimit.useAtMost(bytes));
    }

    /** Writes {@code data} from offset 0 the way a client does: one packet per (part of a) block. */
    static void writeAll(ChunkStorage s, long id, int version, byte[] data) {
        for (int pos = 0; pos < data.length; pos += ChunkFormat.BLOCK_SIZE) {
            int len = Math.min(ChunkFormat.BLOCK_SIZE, data.length - pos);
            byte[] part = java.util.Arrays.copyOfRange(data, pos, pos + len);
            assertThat(s.write(id, version, pos / ChunkFormat.BLOCK_SIZE, 0, part,
                    ChunkFormat.crc(part, 0, len)).join()).isEqualTo(MfsStatus.OK);
        }
    }

    /** Reads a range and concatenates the slices, checking each slice CRC on the way. */
    static byte[] readAll(ChunkStorage s, long id, int version, int offset, int size) {
        ReadResult r = s.read(id, version, offset, size).join();
        assertThat(r.status()).isEqualTo(MfsStatus.OK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BlockSlice b : r.slices()) {
            assertThat(b.crc()).isEqualTo(ChunkFormat.crc(b.data(), 0, b.data().length));
            out.writeBytes(b.data());
        }
        return out.toByteArray();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    /** Records every listener call. */
    static final class Recorder implements StorageListener {
        final List<ChunkInfo> found = new CopyOnWriteArrayList<>();
        final List<Long> damaged = new CopyOnWriteArrayList<>();
        final List<Long> lost = new CopyOnWriteArrayList<>();
        final List<String> damagedDisks = new CopyOnWriteArrayList<>();

        @Override
        public void chunkFound(ChunkInfo chunk) {
            found.add(chunk);
        }

        @Override
        public void chunkDamaged(long chunkId) {
            damaged.add(chunkId);
        }

        @Override
        public void chunksLost(List<Long> chunkIds) {
            lost.addAll(chunkIds);
        }

        @Override
        public void diskDamaged(Path disk, String reason) {
            damagedDisks.add(disk + ": " + reason);
        }
    }
}
