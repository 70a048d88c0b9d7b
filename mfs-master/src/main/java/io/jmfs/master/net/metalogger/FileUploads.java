package io.jmfs.master.net.metalogger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The files one metalogger downloads from the master's data folder, by MooseFS file number: 1 = the newest dump
 * (our {@code metadata.mfs}; a real master's running dump is {@code metadata.mfs.back}, used when ours is absent),
 * 2 = {@code sessions.mfs}, 11 = {@code changelog.0.mfs}, 12 = {@code changelog.1.mfs}.
 *
 * <p>File 1 also opens both changelogs, as MooseFS does: the metalogger asks for them right after the dump, and
 * holding them open from that moment means a rotation in between cannot make it fetch a changelog that no longer
 * follows the dump. Each instance is used by one file thread at a time (never the metadata loop): opening and
 * reading can block.
 */
final class FileUploads implements AutoCloseable {
    /** DOWNLOAD_INFO's answer for a file that cannot be sent. */
    static final long REFUSED = -1;
    /** The largest block a DOWNLOAD_REQUEST may ask for (MooseFS's metalogger asks for 1 000 000 bytes). */
    static final int MAX_BLOCK = 1_000_000;

    private final Path dataPath;
    private FileChannel current;
    private FileChannel changelog0;
    private FileChannel changelog1;

    /** @param dataPath the master's DATA_PATH, or null when the master keeps its metadata in memory only */
    FileUploads(Path dataPath) {
        this.dataPath = dataPath;
    }

    /** Starts sending file {@code fileNumber}; answers its length, or {@link #REFUSED}. */
    long start(int fileNumber) throws IOException {
        switch (fileNumber) {
            case 1 -> {
                close();
                if (dataPath == null) {
                    return REFUSED;
                }
                Path dump = dataPath.resolve("metadata.mfs");
                current = open(Files.exists(dump) ? dump : dataPath.resolve("metadata.mfs.back"));
                changelog0 = open(dataPath.resolve("changelog.0.mfs"));
                changelog1 = open(dataPath.resolve("changelog.1.mfs"));
            }
            case 2 -> {
                close();
                current = dataPath == null ? null : open(dataPath.resolve("sessions.mfs"));
            }
            case 11 -> {
                closeCurrent();
                current = changelog0;
                changelog0 = null;
                return current == null ? 0 : current.size();
            }
            case 12 -> {
                closeCurrent();
                current = changelog1;
                changelog1 = null;
                return current == null ? 0 : current.size();
            }
            default -> throw new IllegalArgumentException("unknown download file number " + fileNumber);
        }
        return current == null ? REFUSED : current.size();
    }

    /** {@code length} bytes from {@code offset} of the file being sent; all of them must exist. */
    byte[] read(long offset, int length) throws IOException {
        if (current == null) {
            throw new IllegalStateException("DOWNLOAD_REQUEST without a file being sent");
        }
        if (length < 0 || length > MAX_BLOCK) {
            throw new IllegalArgumentException("DOWNLOAD_REQUEST for " + Integer.toUnsignedString(length)
                    + " bytes (at most " + MAX_BLOCK + ")");
        }
        if (offset < 0 || offset + length > current.size()) {
            throw new IllegalArgumentException("DOWNLOAD_REQUEST for bytes " + Long.toUnsignedString(offset) + "+"
                    + length + " past the end of the file (" + current.size() + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (current.read(buf, offset + buf.position()) < 0) {
                throw new IOException("the file shrank while being sent");
            }
        }
        return buf.array();
    }

    /** DOWNLOAD_END: the file being sent is done. */
    void end() throws IOException {
        closeCurrent();
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
        if (changelog0 != null) {
            changelog0.close();
            changelog0 = null;
        }
        if (changelog1 != null) {
            changelog1.close();
            changelog1 = null;
        }
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
