package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.chunkserver.storage.disk.DiskIdentity;
import io.jmfs.chunkserver.storage.disk.DiskState;
import io.jmfs.chunkserver.storage.disk.HddConfigEntry;
import io.jmfs.chunkserver.storage.disk.SpaceLimit;
import io.jmfs.protocol.MfsStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.jmfs.chunkserver.storage.chunk.StorageFixture.GOLDEN;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.disk;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.options;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.writeAll;
import static org.assertj.core.api.Assertions.assertThat;

/** Disks: scan, removal marks, space, identity and damage. */
class DiskHandlingTest {
    @TempDir
    Path dir;
    ChunkStorage storage;
    StorageFixture.Recorder events = new StorageFixture.Recorder();

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
    }

    private Path mkdir(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void scanFindsChunksInAnySubfolderAndSkipsOtherFiles() throws Exception {
        Path d = mkdir("d");
        Path golden = GOLDEN.resolve("disk/00/chunk_0000000000000002_00000001.mfs");
        Files.createDirectories(d.resolve("A7"));
        Files.createDirectories(d.resolve("ff"));
        Files.copy(golden, d.resolve("A7").resolve(golden.getFileName()));
        Files.copy(golden, d.resolve("ff").resolve("chunk_0000000000000003_00000001.mfs"));
        Files.writeString(d.resolve("A7").resolve("chunk_00000000000000zz_00000001.mfs"), "junk");
        Files.writeString(d.resolve(".chunkdb"), "stale");

        storage = StorageFixture.open(options(), events, disk(d));

        assertThat(events.found).containsExactly(new ChunkInfo(2, 1, false));
        assertThat(StorageFixture.readAll(storage, 2, 1, 0, 14)).isEqualTo(StorageFixture.bytes(GOLDEN.resolve("chunk2.data")));
        assertThat(d.resolve(".chunkdb")).doesNotExist();
        assertThat(d.resolve("00")).isDirectory();
        assertThat(storage.disks().getFirst().state()).isEqualTo(DiskState.READY);
    }

    @Test
    void aDiskStillScanningOffersNoSpaceUntilItsScanEnds() throws Exception {
        Path d = mkdir("d");
        StorageFixture.copyTree(GOLDEN.resolve("disk"), d);
        CountDownLatch scanHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StorageListener holdingScan = new StorageListener() {
            @Override
            public void chunkFound(ChunkInfo chunk) {
                scanHeld.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        storage = ChunkStorage.open(List.of(disk(d)), options(), holdingScan, 0);
        assertThat(scanHeld.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(storage.space().total()).isZero();
        assertThat(storage.space().used()).isZero();
        assertThat(storage.create(100, 1).join()).isEqualTo(MfsStatus.NOSPACE);

        release.countDown();
        assertThat(storage.awaitScan(10, TimeUnit.SECONDS)).isTrue();
        assertThat(storage.space().total()).isPositive();
        assertThat(storage.space().chunks()).isEqualTo(4);
        assertThat(storage.create(100, 1).join()).isEqualTo(MfsStatus.OK);
    }

    @Test
    void theNewestVersionOfADuplicatedChunkWins() throws Exception {
        Path d1 = mkdir("d1");
        Path d2 = mkdir("d2");
        Path golden = GOLDEN.resolve("disk/00/chunk_0000000000000005_00000002.mfs");
        Files.createDirectories(d1.resolve("00"));
        Files.copy(golden, d1.resolve("00").resolve(golden.getFileName()));
        storage = StorageFixture.open(options(), events, disk(d1), disk(d2));
        assertThat(storage.chunks()).containsExactly(new ChunkInfo(5, 2, false));
    }

    @Test
    void aDiskMarkedForRemovalReportsItsChunksFlaggedAndGetsNoNewOnes() throws Exception {
        Path d = mkdir("d");
        StorageFixture.copyTree(GOLDEN.resolve("disk"), d);
        HddConfigEntry removal = new HddConfigEntry(d, true, HddConfigEntry.Rebalance.STANDARD, false,
                SpaceLimit.DEFAULT);
        storage = StorageFixture.open(options(), events, removal);

        assertThat(events.found).allMatch(ChunkInfo::onRemovalDisk).hasSize(4);
        assertThat(events.found.getFirst().wireVersion() & 0x80000000).isNotZero();
        assertThat(storage.create(100, 1).join()).isEqualTo(MfsStatus.NOSPACE);
        SpaceReport space = storage.space();
        assertThat(space.tdChunks()).isEqualTo(4);
        assertThat(space.chunks()).isZero();
        assertThat(space.tdTotal()).isPositive();
        assertThat(space.total()).isZero();
        assertThat(StorageFixture.readAll(storage, 2, 1, 0, 14)).isEqualTo(StorageFixture.bytes(GOLDEN.resolve("chunk2.data")));
    }

    @Test
    void aSizeLimitBoundsTotalAndUsedAndRunsOutOfSpace() throws Exception {
        Path d = mkdir("d");
        long limit = 3 * 65_536 + 2 * 8192;
        storage = StorageFixture.open(options(), events, StorageFixture.limitedDisk(d, limit));
        assertThat(storage.space()).isEqualTo(new SpaceReport(0, limit, 0, 0, 0, 0));
        assertThat(storage.create(1, 1).join()).isEqualTo(MfsStatus.OK);
        writeAll(storage, 1, 1, new byte[2 * 65_536]);
        assertThat(storage.space().used()).isEqualTo(2 * 65_536 + 8192);
        byte[] d1 = {1};
        assertThat(storage.write(1, 1, 5, 0, d1, ChunkFormat.crc(d1, 0, 1)).join()).isEqualTo(MfsStatus.NOSPACE);
        assertThat(storage.create(2, 1).join()).isEqualTo(MfsStatus.OK);
        writeAll(storage, 2, 1, new byte[65_536]);
        assertThat(storage.disks().getFirst().space().available()).isZero();
        assertThat(storage.create(3, 1).join()).isEqualTo(MfsStatus.NOSPACE);
    }

    @Test
    void newChunksGoToTheDiskWithMoreFreeSpace() throws Exception {
        Path small = mkdir("small");
        Path big = mkdir("big");
        storage = StorageFixture.open(options(), events, StorageFixture.limitedDisk(small, 1L << 30),
                StorageFixture.limitedDisk(big, 10L << 30));
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, new byte[65_536]);
        try (var s = Files.walk(big)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("chunk_")).count()).isEqualTo(1);
        }
    }

    @Test
    void aDiskOfAnotherInstanceIsRefused() throws Exception {
        Path mine = mkdir("mine");
        Path foreign = mkdir("foreign");
        DiskIdentity.write(mine, 0x1111);
        DiskIdentity.write(foreign, 0x2222);
        storage = ChunkStorage.open(List.of(disk(mine), disk(foreign)), options(), events, 0x1111);
        assertThat(storage.disks()).extracting(io.jmfs.chunkserver.storage.disk.Disk::path).containsExactly(mine);
        assertThat(storage.refusedDisks()).containsOnlyKeys(foreign);
        assertThat(storage.refusedDisks().get(foreign)).contains("another MooseFS instance");
        assertThat(storage.diskMetaId()).isEqualTo(OptionalLong.of(0x1111));
    }

    @Test
    void withoutAKnownMetaIdTheFirstDisksIdIsUsedAndWrittenLater() throws Exception {
        Path a = mkdir("a");
        Path b = mkdir("b");
        DiskIdentity.write(a, 0x77);
        storage = ChunkStorage.open(List.of(disk(a), disk(b)), options(), events, 0);
        assertThat(storage.diskMetaId()).isEqualTo(OptionalLong.of(0x77));
        storage.setMetaId(0x77);
        assertThat(DiskIdentity.read(b)).isEqualTo(OptionalLong.of(0x77));
    }

    @Test
    void aMissingDirectoryAndADoublyUsedDiskAreRefused() throws Exception {
        Path d = mkdir("d");
        storage = ChunkStorage.open(List.of(disk(d), disk(dir.resolve("nope"))), options(), events, 0);
        assertThat(storage.refusedDisks()).containsOnlyKeys(dir.resolve("nope"));
        try (ChunkStorage second = ChunkStorage.open(List.of(disk(d)), options(), events, 0)) {
            assertThat(second.disks()).isEmpty();
            assertThat(second.refusedDisks().get(d)).contains("already in use");
        }
    }

    @Test
    void aSwappedOrMissingDiskIsDamagedAndItsChunksLost() throws Exception {
        Path d = mkdir("d");
        storage = StorageFixture.open(options(), events, disk(d));
        storage.create(1, 1).join();
        storage.create(2, 1).join();
        Files.delete(d.resolve(".lock"));
        StorageFixture.await(() -> !events.damagedDisks.isEmpty());
        assertThat(events.damagedDisks.getFirst()).contains("missing");
        assertThat(events.lost).containsExactlyInAnyOrder(1L, 2L);
        assertThat(storage.chunks()).isEmpty();
        assertThat(storage.create(3, 1).join()).isEqualTo(MfsStatus.NOSPACE);
        assertThat(storage.read(1, 1, 0, 1).join().status()).isEqualTo(MfsStatus.NOCHUNK);
    }

    @Test
    void repeatedErrorsOfTheDiskItselfDamageIt() throws Exception {
        Path d = mkdir("d");
        storage = StorageFixture.open(options().withErrorTolerance(1), events, disk(d));
        for (long id = 1; id <= 3; id++) {
            storage.create(id, 1).join();
            storage.close(id).join();
        }
        // a vanished chunk file is ENOENT, one of the errors MooseFS blames on the disk (with EIO and EROFS)
        for (Path p : chunkFiles(d)) {
            Files.delete(p);
        }
        assertThat(storage.read(1, 1, 0, 1).join().status()).isEqualTo(MfsStatus.IO);
        assertThat(events.damagedDisks).isEmpty();
        assertThat(storage.read(2, 1, 0, 1).join().status()).isEqualTo(MfsStatus.IO);
        StorageFixture.await(() -> !events.damagedDisks.isEmpty());
        assertThat(events.lost).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(storage.space()).isEqualTo(new SpaceReport(0, 0, 0, 0, 0, 0));
    }

    @Test
    void damagedChunksDoNotDamageTheDiskHoweverMany() throws Exception {
        Path d = mkdir("d");
        storage = StorageFixture.open(options().withErrorTolerance(1), events, disk(d));
        for (long id = 1; id <= 4; id++) {
            storage.create(id, 1).join();
            writeAll(storage, id, 1, new byte[70_000]);
            storage.close(id).join();
        }
        List<Path> files = chunkFiles(d);
        // chunks 1, 2: a flipped data byte (CRC error); chunks 3, 4: a truncated header (malformed file)
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (name.startsWith("chunk_0000000000000001") || name.startsWith("chunk_0000000000000002")) {
                try (var f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
                    f.seek(8192 + 5);
                    f.write(0x5A);
                }
            } else {
                Files.write(p, new byte[10]);
            }
        }
        assertThat(storage.read(1, 1, 0, 65536).join().status()).isEqualTo(MfsStatus.CRC);
        assertThat(storage.read(2, 1, 0, 65536).join().status()).isEqualTo(MfsStatus.CRC);
        assertThat(storage.read(3, 1, 0, 1).join().status()).isEqualTo(MfsStatus.IO);
        assertThat(storage.read(4, 1, 0, 1).join().status()).isEqualTo(MfsStatus.IO);

        assertThat(events.damaged).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        storage.checkDisks();
        assertThat(events.damagedDisks).isEmpty();
        assertThat(storage.disks().getFirst().state()).isEqualTo(DiskState.READY);
        assertThat(storage.disks().getFirst().lastErrorChunk()).as("still shown as the disk's last error")
                .isEqualTo(4L);
    }

    @Test
    void aCleanStopLeavesTheChunkListForTheRealChunkserverInItsChunkDbFormat() throws Exception {
        Path d = mkdir("d");
        storage = StorageFixture.open(options(), events, disk(d));
        storage.create(0x1122334455667788L, 5).join();
        storage.create(2, 1).join();
        storage.delete(2, 1).join();
        int subfolder = Integer.parseInt(chunkFiles(d).getFirst().getParent().getFileName().toString(), 16);
        storage.close();
        storage = null;

        java.nio.ByteBuffer db = java.nio.ByteBuffer.wrap(Files.readAllBytes(d.resolve(".chunkdb")));
        byte[] signature = new byte[12];
        db.get(signature);
        assertThat(new String(signature, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("MFS CHUNKDB2");
        byte[] folder = new byte[db.getShort() & 0xFFFF];
        db.get(folder);
        assertThat(new String(folder, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(d + "/");
        assertThat(db.getLong()).isEqualTo(0x1122334455667788L);
        assertThat(db.getInt()).isEqualTo(5);
        assertThat(db.getShort() & 0xFFFF).as("blocks: unknown, the real chunkserver takes them from the file")
                .isEqualTo(0xFFFF);
        assertThat(db.getShort()).as("header size: unknown").isZero();
        assertThat(db.getShort() & 0xFFFF).isEqualTo(subfolder);
        byte[] terminator = new byte[18];
        db.get(terminator);
        assertThat(terminator).containsOnly(0);
        assertThat(db.hasRemaining()).isFalse();
        assertThat(d.resolve(".tmp_chunkdb")).doesNotExist();

        // the next start (ours) drops it: the list would be stale once we change the disk
        storage = StorageFixture.open(options(), events, disk(d));
        assertThat(d.resolve(".chunkdb")).doesNotExist();
        assertThat(storage.version(0x1122334455667788L)).hasValue(5);
    }

    private static List<Path> chunkFiles(Path d) throws java.io.IOException {
        try (var s = Files.walk(d)) {
            return s.filter(p -> p.getFileName().toString().startsWith("chunk_")).toList();
        }
    }
}
