package io.jmfs.chunkserver.storage.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The {@code .metaid} file of a data disk: the 8-byte big-endian id of the MooseFS instance (the master's
 * metaid) the disk belongs to. A disk carrying another instance's id is refused, so disks moved between clusters
 * never mix chunks. Written once the master confirmed the id.
 */
public final class DiskIdentity {
    static final String FILE_NAME = ".metaid";

    private DiskIdentity() {
    }

    /** The metaid stored on this disk; empty when there is none (or it is shorter than 8 bytes). */
    public static OptionalLong read(Path disk) throws IOException {
        Path f = disk.resolve(FILE_NAME);
        if (!Files.exists(f)) {
            return OptionalLong.empty();
        }
        byte[] b = Files.readAllBytes(f);
        if (b.length < 8) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ByteBuffer.wrap(b).getLong());
    }

    public static void write(Path disk, long metaId) throws IOException {
        Files.write(disk.resolve(FILE_NAME), ByteBuffer.allocate(8).putLong(metaId).array());
    }
}
