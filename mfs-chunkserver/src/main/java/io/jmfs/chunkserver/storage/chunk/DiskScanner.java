package io.jmfs.chunkserver.storage.chunk;

import io.jmfs.chunkserver.storage.disk.Disk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Lists the chunk files of one disk: every {@code chunk_*.mfs} in any of the subfolders {@code 00}..{@code FF}.
 * Only names and file lengths are read (headers are checked when a chunk is first opened), so a scan is cheap.
 * A {@code .chunkdb} list (left by the real chunkserver, or by our own clean stop, see {@link ChunkDbWriter}) is
 * removed first and not read: the listing is cheap for us, and a list left in place would be trusted by the real
 * chunkserver after we changed the disk. Only a clean stop writes a fresh one.
 */
final class DiskScanner {
    private static final Logger log = LoggerFactory.getLogger(DiskScanner.class);

    private DiskScanner() {
    }

    /** Scans {@code disk}, handing each chunk file to {@code found}; stops early when {@code stop} turns true. */
    static void scan(Disk disk, BooleanSupplier stop, Consumer<Chunk> found) {
        Path root = disk.path();
        try {
            Files.deleteIfExists(root.resolve(".chunkdb"));
        } catch (IOException e) {
            log.warn("{}: cannot remove .chunkdb: {}", root, e.toString());
        }
        for (int sub = 0; sub < 256 && !stop.getAsBoolean(); sub++) {
            Path dir = root.resolve(ChunkFileName.subfolderName(sub));
            if (!Files.isDirectory(dir)) {
                if (!disk.markedForRemoval()) {
                    try {
                        Files.createDirectories(dir);
                    } catch (IOException e) {
                        log.warn("{}: cannot create subfolder: {}", dir, e.toString());
                    }
                }
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "chunk_*.mfs")) {
                for (Path f : files) {
                    Optional<ChunkFileName> name = ChunkFileName.parse(f.getFileName().toString());
                    if (name.isEmpty()) {
                        continue;
                    }
                    long length;
                    try {
                        length = Files.size(f);
                    } catch (IOException e) {
                        continue;
                    }
                    int hs = ChunkFormat.headerSizeForLength(length);
                    // a file of impossible length is still registered: opening it reports the damage
                    int blocks = hs < 0 ? 0 : ChunkFormat.blocksForLength(length, hs);
                    found.accept(new Chunk(name.get().chunkId(), name.get().version(), blocks, disk, sub));
                }
            } catch (IOException e) {
                log.warn("{}: cannot list: {}", dir, e.toString());
            }
        }
    }
}
