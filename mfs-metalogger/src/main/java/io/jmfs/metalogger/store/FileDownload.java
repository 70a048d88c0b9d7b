package io.jmfs.metalogger.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file being received into its temporary name, strictly in order: each block must start where the previous one
 * ended and stay within the announced length. {@link #finish} syncs and closes it; {@link #abort} deletes it.
 */
public final class FileDownload implements AutoCloseable {
    private final DownloadKind kind;
    private final Path temp;
    private final long length;
    private final FileChannel channel;
    private long received;

    FileDownload(DownloadKind kind, Path temp, long length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        this.kind = kind;
        this.temp = temp;
        this.length = length;
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    public DownloadKind kind() {
        return kind;
    }

    public long length() {
        return length;
    }

    /** Where the next block starts. */
    public long received() {
        return received;
    }

    public boolean isComplete() {
        return received == length;
    }

    /** Bytes still to come, capped at {@code maxBlock}: the size of the next request. */
    public int nextBlockSize(int maxBlock) {
        return (int) Math.min(maxBlock, length - received);
    }

    /** Writes the block at {@code offset}, which must be {@link #received()}. */
    public void write(long offset, byte[] data) throws IOException, DownloadException {
        if (offset != received) {
            throw new DownloadException(kind + ": block at offset " + offset + ", expected " + received);
        }
        if (data.length > length - received) {
            throw new DownloadException(kind + ": block of " + data.length + " bytes at " + offset
                    + " runs past the announced length " + length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer, offset + buffer.position());
        }
        received += data.length;
    }

    /** Syncs and closes the complete file and returns its temporary path. */
    Path finish() throws IOException {
        if (!isComplete()) {
            throw new IllegalStateException(kind + " is incomplete: " + received + " of " + length + " bytes");
        }
        channel.force(true);
        channel.close();
        return temp;
    }

    /** Drops a download that will not complete. */
    public void abort() {
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the next download truncates the same temporary name, so a leftover does no harm
        }
    }

    @Override
    public void close() {
        if (channel.isOpen()) {
            abort();
        }
    }
}
