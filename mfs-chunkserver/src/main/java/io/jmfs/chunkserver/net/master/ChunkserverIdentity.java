package io.jmfs.chunkserver.net.master;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code chunkserverid.mfs} in the data directory: {@code csid:16 metaid:64} (big-endian, 10 bytes), the id the
 * master gave this server and the id of the MooseFS instance it belongs to. A server refuses a master whose metaid
 * differs, so that it never hands its chunks to another instance.
 */
public record ChunkserverIdentity(int csId, long metaId) {
    public static final String FILE_NAME = "chunkserverid.mfs";
    public static final ChunkserverIdentity NONE = new ChunkserverIdentity(0, 0);

    /** The stored identity, or {@link #NONE} when the file is missing; a short file yields what it holds. */
    public static ChunkserverIdentity load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return NONE;
        }
        byte[] b = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(b);
        int csId = b.length >= 2 ? Short.toUnsignedInt(buf.getShort()) : 0;
        long metaId = b.length >= 10 ? buf.getLong() : 0;
        return new ChunkserverIdentity(csId, metaId);
    }

    public void store(Path dataDir) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(10).putShort((short) csId).putLong(metaId);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.write(tmp, buf.array());
        Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** This identity updated with what the master sent (zeros mean "nothing new"). */
    public ChunkserverIdentity merge(int newCsId, long newMetaId) {
        return new ChunkserverIdentity(newCsId > 0 ? newCsId : csId, newMetaId != 0 ? newMetaId : metaId);
    }
}
