package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.protocol.MfsStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.jmfs.chunkserver.storage.chunk.StorageFixture.GOLDEN;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.bytes;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.disk;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.options;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.readAll;
import static io.jmfs.chunkserver.storage.chunk.StorageFixture.writeAll;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compatibility with the real MooseFS 3.0.117 chunkserver, against chunk files it wrote (test resources
 * {@code golden/disk/00/*}, with the file contents they hold in {@code golden/chunkN.data}):
 * chunk 1 = a 100000-byte file, 2 = a 14-byte file, 5 = chunk 1's data truncated to 70000 bytes (version 2),
 * 6 = a snapshot copy of chunk 1 with "XYZ" written at offset 10.
 */
class GoldenChunkFilesTest {
    @TempDir
    Path dir;
    ChunkStorage storage;

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
    }

    private Path golden(String name) {
        return GOLDEN.resolve("disk/00").resolve(name);
    }

    @Test
    void chunksWrittenByTheRealChunkserverAreFoundAndReadWithTheirData() throws Exception {
        StorageFixture.copyTree(GOLDEN.resolve("disk"), dir);
        StorageFixture.Recorder rec = new StorageFixture.Recorder();
        storage = StorageFixture.open(options(), rec, disk(dir));

        assertThat(rec.found).containsExactlyInAnyOrder(new ChunkInfo(1, 1, false), new ChunkInfo(2, 1, false),
                new ChunkInfo(5, 2, false), new ChunkInfo(6, 1, false));
        expectData(1, 1, "chunk1.data");
        expectData(2, 1, "chunk2.data");
        expectData(5, 2, "chunk5.data");
        expectData(6, 1, "chunk6.data");
        assertThat(storage.blocks(1, 1).join()).isEqualTo(new BlocksResult(MfsStatus.OK, 2));
        assertThat(rec.damaged).isEmpty();
    }

    @Test
    void readsPastTheLastBlockAreZeros() throws Exception {
        StorageFixture.copyTree(GOLDEN.resolve("disk"), dir);
        storage = StorageFixture.open(options(), StorageListener.NONE, disk(dir));
        byte[] tail = readAll(storage, 2, 1, 65536 * 3 + 5, 100);
        assertThat(tail).isEqualTo(new byte[100]);
    }

    @Test
    void checksumTableIsTheOneInTheFile() throws Exception {
        StorageFixture.copyTree(GOLDEN.resolve("disk"), dir);
        storage = StorageFixture.open(options(), StorageListener.NONE, disk(dir));
        ChecksumResult r = storage.checksum(1, 1).join();
        assertThat(r.status()).isEqualTo(MfsStatus.OK);
        int[] expected = new int[1024];
        ByteBuffer.wrap(bytes(golden("chunk_0000000000000001_00000001.mfs")), 4096, 4096).asIntBuffer().get(expected);
        assertThat(r.crcTable()).isEqualTo(expected);
        assertThat(expected[2]).isEqualTo(ChunkFormat.EMPTY_BLOCK_CRC);
    }

    @Test
    void writingTheSameDataProducesTheSameFileAsTheRealChunkserver() throws Exception {
        storage = StorageFixture.open(options(), StorageListener.NONE, disk(dir));
        assertThat(storage.create(1, 1).join()).isEqualTo(MfsStatus.OK);
        writeAll(storage, 1, 1, bytes(GOLDEN.resolve("chunk1.data")));
        assertThat(storage.create(2, 1).join()).isEqualTo(MfsStatus.OK);
        writeAll(storage, 2, 1, bytes(GOLDEN.resolve("chunk2.data")));
        storage.close(1).join();
        storage.close(2).join();

        assertThat(bytes(ourFile(1, 1))).isEqualTo(bytes(golden("chunk_0000000000000001_00000001.mfs")));
        assertThat(bytes(ourFile(2, 1))).isEqualTo(bytes(golden("chunk_0000000000000002_00000001.mfs")));
    }

    @Test
    void truncateWithVersionChangeProducesTheRealChunkserversFile() throws Exception {
        storage = StorageFixture.open(options(), StorageListener.NONE, disk(dir));
        assertThat(storage.create(5, 1).join()).isEqualTo(MfsStatus.OK);
        writeAll(storage, 5, 1, bytes(GOLDEN.resolve("chunk1.data")));
        assertThat(storage.truncate(5, 70000, 2, 1).join()).isEqualTo(MfsStatus.OK);
        storage.close(5).join();

        assertThat(ourFile(5, 1)).doesNotExist();
        assertThat(bytes(ourFile(5, 2))).isEqualTo(bytes(golden("chunk_0000000000000005_00000002.mfs")));
    }

    @Test
    void duplicateThenWriteProducesTheRealChunkserversFile() throws Exception {
        storage = StorageFixture.open(options(), StorageListener.NONE, disk(dir));
        storage.create(1, 1).join();
        writeAll(storage, 1, 1, bytes(GOLDEN.resolve("chunk1.data")));
        assertThat(storage.duplicate(6, 1, 1, 1).join()).isEqualTo(MfsStatus.OK);
        byte[] xyz = "XYZ".getBytes();
        assertThat(storage.write(6, 1, 0, 10, xyz, ChunkFormat.crc(xyz, 0, 3)).join()).isEqualTo(MfsStatus.OK);
        storage.close(6).join();

        assertThat(bytes(ourFile(6, 1))).isEqualTo(bytes(golden("chunk_0000000000000006_00000001.mfs")));
        assertThat(readAll(storage, 1, 1, 0, 100000)).isEqualTo(bytes(GOLDEN.resolve("chunk1.data")));
    }

    private Path ourFile(long id, int version) throws IOException {
        String name = new ChunkFileName(id, version).fileName();
        try (var s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().equals(name)).findFirst()
                    .orElse(dir.resolve("missing").resolve(name));
        }
    }

    private void expectData(long id, int version, String dataFile) {
        byte[] expected = bytes(GOLDEN.resolve(dataFile));
        byte[] got = readAll(storage, id, version, 0, expected.length);
        assertThat(Arrays.equals(got, expected)).as("data of chunk %d", id).isTrue();
    }
}
