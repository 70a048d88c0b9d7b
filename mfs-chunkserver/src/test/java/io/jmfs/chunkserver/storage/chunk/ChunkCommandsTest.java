package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.protocol.MfsStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static io.jmfs.chunkserver.storage.chunk.StorageFixture.disk;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.options;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.readAll;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.writeAll;
import static org.assertj.core.api.Assertions.assertThat;

/** The master's chunk commands and the data path, with their error statuses. */
class ChunkCommandsTest {
    @TempDir
    Path dir;
    ChunkStorage storage;
    StorageFixture.Recorder events = new StorageFixture.Recorder();
    byte[] data = new byte[200_000];

    @BeforeEach
    void open() throws Exception {
        new Random(42).nextBytes(data);
        storage = StorageFixture.open(options(), events, disk(dir));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private Path file(long id, int version) throws IOException {
        String name = new ChunkFileName(id, version).fileName();
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    @Test
    void createTwiceIsChunkExist() {
        assertThat(storage.create(7, 1).join()).isEqualTo(MfsStatus.OK);
        assertThat(storage.create(7, 2).join()).isEqualTo(MfsStatus.CHUNKEXIST);
        assertThat(storage.chunks()).containsExactly(new ChunkInfo(7, 1, false));
    }

    @Test
    void aNewChunkIsAHeaderWithAZeroCrcTable() throws IOException {
        storage.create(0x1234_5678_9ABCL, 3).join();
        storage.close(0x1234_5678_9ABCL).join();
        byte[] f = Files.readAllBytes(file(0x1234_5678_9ABCL, 3));
        assertThat(f).hasSize(8192);
        ByteBuffer b = ByteBuffer.wrap(f);
        assertThat(new String(f, 0, 8)).isEqualTo("MFSC 1.0");
        assertThat(b.getLong(8)).isEqualTo(0x1234_5678_9ABCL);
        assertThat(b.getInt(16)).isEqualTo(3);
        for (int i = 20; i < 8192; i++) {
            assertThat(f[i]).isZero();
        }
        assertThat(file(0x1234_5678_9ABCL, 3).getFileName().toString())
                .isEqualTo("chunk_0000123456789ABC_00000003.mfs");
    }

    @Test
    void aChunkIsCreatedInItsSubfolderWhetherThatExistsYetOrNot() throws IOException {
        assertThat(storage.create(1, 1).join()).isEqualTo(MfsStatus.OK);
        Path first = file(1, 1);
        assertThat(storage.delete(1, 1).join()).isEqualTo(MfsStatus.OK);

        // the emptied subfolder is the least used again, and now exists
        assertThat(storage.create(2, 1).join()).isEqualTo(MfsStatus.OK);

        assertThat(file(2, 1).getParent()).isEqualTo(first.getParent());
        assertThat(storage.write(2, 1, 0, 0, new byte[]{1, 2, 3}, ChunkFormat.crc(new byte[]{1, 2, 3}, 0, 3)).join())
                .isEqualTo(MfsStatus.OK);
    }

    @Test
    void deleteChecksTheVersionUnlessItIsZero() throws IOException {
        storage.create(1, 5).join();
        storage.create(2, 5).join();
        Path f1 = file(1, 5);
        assertThat(storage.delete(1, 4).join()).isEqualTo(MfsStatus.WRONGVERSION);
        assertThat(storage.delete(1, 5).join()).isEqualTo(MfsStatus.OK);
        assertThat(storage.delete(2, 0).join()).isEqualTo(MfsStatus.OK);
        assertThat(storage.delete(3, 0).join()).isEqualTo(MfsStatus.NOCHUNK);
        assertThat(f1).doesNotExist();
        assertThat(storage.chunks()).isEmpty();
    }

    @Test
    void setVersionRenamesTheFileAndRewritesTheHeader() throws IOException {
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, data);
        assertThat(storage.setVersion(1, 2, 7).join()).isEqualTo(MfsStatus.WRONGVERSION);
        assertThat(storage.setVersion(9, 2, 1).join()).isEqualTo(MfsStatus.NOCHUNK);
        assertThat(storage.setVersion(1, 2, 1).join()).isEqualTo(MfsStatus.OK);
        storage.close(1).join();
        assertThat(ByteBuffer.wrap(Files.readAllBytes(file(1, 2))).getInt(16)).isEqualTo(2);
        assertThat(storage.read(1, 1, 0, 10).join().status()).isEqualTo(MfsStatus.WRONGVERSION);
        assertThat(readAll(storage, 1, 2, 0, data.length)).isEqualTo(data);
    }

    @Test
    void truncateShortensExtendsAndZeroesTheCutPart() {
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, data);
        assertThat(storage.truncate(1, 100_000, 2, 1).join()).isEqualTo(MfsStatus.OK);
        assertThat(storage.blocks(1, 2).join().blocks()).isEqualTo(2);
        assertThat(storage.truncate(1, 300_000, 3, 2).join()).isEqualTo(MfsStatus.OK);
        assertThat(storage.blocks(1, 3).join().blocks()).isEqualTo(5);
        byte[] expected = new byte[300_000];
        System.arraycopy(data, 0, expected, 0, 100_000);
        assertThat(readAll(storage, 1, 3, 0, 300_000)).isEqualTo(expected);
        assertThat(storage.truncate(1, ChunkFormat.CHUNK_SIZE + 1, 4, 3).join()).isEqualTo(MfsStatus.WRONGSIZE);
        assertThat(storage.truncate(1, 0, 4, 1).join()).isEqualTo(MfsStatus.WRONGVERSION);
        assertThat(storage.truncate(1, 0, 4, 3).join()).isEqualTo(MfsStatus.OK);
        assertThat(storage.blocks(1, 4).join().blocks()).isZero();
    }

    @Test
    void duplicateAndDuplicateTruncateCopyTheData() {
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, data);
        assertThat(storage.duplicate(2, 1, 1, 9).join()).isEqualTo(MfsStatus.WRONGVERSION);
        assertThat(storage.duplicate(2, 1, 8, 1).join()).isEqualTo(MfsStatus.NOCHUNK);
        assertThat(storage.duplicate(2, 1, 1, 1).join()).isEqualTo(MfsStatus.OK);
        assertThat(storage.duplicate(2, 1, 1, 1).join()).isEqualTo(MfsStatus.CHUNKEXIST);
        assertThat(storage.duplicateTruncate(3, 7, 1, 1, 70_000).join()).isEqualTo(MfsStatus.OK);
        assertThat(readAll(storage, 2, 1, 0, data.length)).isEqualTo(data);
        byte[] cut = new byte[data.length];
        System.arraycopy(data, 0, cut, 0, 70_000);
        assertThat(readAll(storage, 3, 7, 0, data.length)).isEqualTo(cut);
        assertThat(storage.blocks(3, 7).join().blocks()).isEqualTo(2);
        assertThat(readAll(storage, 1, 1, 0, data.length)).isEqualTo(data);
    }

    @Test
    void readValidatesRangeChunkAndVersion() {
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, data);
        assertThat(storage.read(2, 1, 0, 10).join().status()).isEqualTo(MfsStatus.NOCHUNK);
        assertThat(storage.read(1, 2, 0, 10).join().status()).isEqualTo(MfsStatus.WRONGVERSION);
        assertThat(storage.read(1, 1, ChunkFormat.CHUNK_SIZE, 1).join().status()).isEqualTo(MfsStatus.WRONGOFFSET);
        assertThat(storage.read(1, 1, ChunkFormat.CHUNK_SIZE - 10, 11).join().status())
                .isEqualTo(MfsStatus.WRONGOFFSET);
        assertThat(storage.read(1, 1, 0, ChunkFormat.CHUNK_SIZE + 1).join().status()).isEqualTo(MfsStatus.WRONGSIZE);
        assertThat(storage.read(1, 0, 0, 0).join()).isEqualTo(new ReadResult(MfsStatus.OK, List.of()));
    }

    @Test
    void readReturnsOneSliceePerBlockWithSliceAndBlockCrc() {
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, data);
        ReadResult r = storage.read(1, 1, 65_000, 70_000).join();
        assertThat(r.slices()).extracting(BlockSlice::blockNum, BlockSlice::offset, s -> s.data().length)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 65_000, 536),
                        org.assertj.core.groups.Tuple.tuple(1, 0, 65_536),
                        org.assertj.core.groups.Tuple.tuple(2, 0, 3_928));
        assertThat(r.slices().get(1).crc()).isEqualTo(r.slices().get(1).blockCrc());
        assertThat(r.slices().get(0).blockCrc()).isEqualTo(ChunkFormat.crc(data, 0, 65_536));
    }

    @Test
    void writeRejectsBadInputsAndWritesNothing() throws IOException {
        storage.create(1, 1).join();
        byte[] d = {1, 2, 3};
        int crc = ChunkFormat.crc(d, 0, 3);
        assertThat(storage.write(2, 1, 0, 0, d, crc).join()).isEqualTo(MfsStatus.NOCHUNK);
        assertThat(storage.write(1, 2, 0, 0, d, crc).join()).isEqualTo(MfsStatus.WRONGVERSION);
        assertThat(storage.write(1, 1, 1024, 0, d, crc).join()).isEqualTo(MfsStatus.BNUMTOOBIG);
        assertThat(storage.write(1, 1, 0, 65_534, d, crc).join()).isEqualTo(MfsStatus.WRONGOFFSET);
        assertThat(storage.write(1, 1, 0, 0, new byte[65_537], 0).join()).isEqualTo(MfsStatus.WRONGSIZE);
        assertThat(storage.write(1, 1, 0, 0, d, crc + 1).join()).isEqualTo(MfsStatus.CRC);
        storage.close(1).join();
        assertThat(Files.size(file(1, 1))).isEqualTo(8192);
        assertThat(storage.blocks(1, 1).join().blocks()).isZero();
    }

    @Test
    void partialWritesKeepTheRestOfTheBlockAndGapsReadAsZeros() {
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, java.util.Arrays.copyOf(data, 65_536));
        byte[] d = {9, 9, 9, 9};
        assertThat(storage.write(1, 1, 0, 100, d, ChunkFormat.crc(d, 0, 4)).join()).isEqualTo(MfsStatus.OK);
        assertThat(storage.write(1, 1, 3, 10, d, ChunkFormat.crc(d, 0, 4)).join()).isEqualTo(MfsStatus.OK);
        byte[] expected = new byte[4 * 65_536];
        System.arraycopy(data, 0, expected, 0, 65_536);
        System.arraycopy(d, 0, expected, 100, 4);
        System.arraycopy(d, 0, expected, 3 * 65_536 + 10, 4);
        assertThat(storage.blocks(1, 1).join().blocks()).isEqualTo(4);
        assertThat(readAll(storage, 1, 1, 0, expected.length)).isEqualTo(expected);
        assertThat(storage.checksum(1, 1).join().crcTable()[1]).isEqualTo(ChunkFormat.EMPTY_BLOCK_CRC);
    }

    @Test
    void writesToOneChunkApplyInSubmissionOrder() {
        storage.create(1, 1).join();
        List<CompletableFuture<MfsStatus>> pending = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] d = {(byte) i};
            pending.add(storage.write(1, 1, i % 3, 7, d, ChunkFormat.crc(d, 0, 1)));
        }
        pending.forEach(f -> assertThat(f.join()).isEqualTo(MfsStatus.OK));
        byte[] got = readAll(storage, 1, 1, 0, 3 * 65_536);
        assertThat(got[7]).isEqualTo((byte) 198);
        assertThat(got[65_536 + 7]).isEqualTo((byte) 199);
        assertThat(got[2 * 65_536 + 7]).isEqualTo((byte) 197);
    }

    @Test
    void aCorruptedBlockIsACrcErrorAndTheChunkIsReportedDamaged() throws Exception {
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, data);
        storage.close(1).join();
        flipByte(file(1, 1), 8192 + 65_536 + 1000);

        assertThat(readAll(storage, 1, 1, 0, 1000)).isEqualTo(java.util.Arrays.copyOf(data, 1000));
        assertThat(storage.read(1, 1, 65_536, 10).join().status()).isEqualTo(MfsStatus.CRC);
        assertThat(events.damaged).containsExactly(1L);
        byte[] d = {1};
        assertThat(storage.write(1, 1, 1, 5, d, ChunkFormat.crc(d, 0, 1)).join()).isEqualTo(MfsStatus.CRC);
    }

    @Test
    void backgroundTestFindsACorruptedChunk() throws Exception {
        storage.close();
        storage = StorageFixture.open(options().withTestInterval(java.time.Duration.ofMillis(20)), events, disk(dir));
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, data);
        storage.create(2, 1).join();
        writeAll(storage, 2, 1, data);
        storage.close(2).join();
        flipByte(file(2, 1), 8192 + 5);
        StorageFixture.await(() -> events.damaged.contains(2L));
        assertThat(events.damaged).doesNotContain(1L);
    }

    @Test
    void aTruncatedChunkFileIsDamaged() throws Exception {
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, data);
        storage.close(1).join();
        try (FileChannel ch = FileChannel.open(file(1, 1), StandardOpenOption.WRITE)) {
            ch.truncate(8192 + 65_536 + 100);
        }
        assertThat(storage.read(1, 1, 0, 10).join().status()).isEqualTo(MfsStatus.IO);
        assertThat(events.damaged).containsExactly(1L);
    }

    @Test
    void aFileWhoseHeaderNamesAnotherChunkIsDamaged() throws Exception {
        storage.create(1, 1).join();
        storage.close(1).join();
        try (FileChannel ch = FileChannel.open(file(1, 1), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).putLong(0, 99), 8);
        }
        assertThat(storage.read(1, 1, 0, 10).join().status()).isEqualTo(MfsStatus.IO);
        assertThat(events.damaged).containsExactly(1L);
    }

    @Test
    void replicationTargetIsAVersionZeroChunkCommittedBySetVersion() {
        assertThat(storage.create(5, 0).join()).isEqualTo(MfsStatus.OK);
        writeAll(storage, 5, 0, data);
        assertThat(storage.setVersion(5, 12, 0).join()).isEqualTo(MfsStatus.OK);
        assertThat(readAll(storage, 5, 12, 0, data.length)).isEqualTo(data);
        assertThat(storage.chunks()).containsExactly(new ChunkInfo(5, 12, false));
    }

    @Test
    void checksumFollowsMooseFsFormula() {
        storage.create(1, 1).join();
        ChecksumResult r = storage.checksum(1, 1).join();
        int expected = 1;
        for (int i = 0; i < 1024; i++) {
            expected = expected * 426265243 ^ ChunkFormat.EMPTY_BLOCK_CRC;
        }
        assertThat(r.checksum()).isEqualTo(expected);
        assertThat(storage.checksum(1, 2).join().status()).isEqualTo(MfsStatus.WRONGVERSION);
    }

    static void flipByte(Path f, long pos) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, pos);
            b.put(0, (byte) (b.get(0) ^ 0x40));
            ch.write(b.rewind(), pos);
        }
    }
}
