package io.jmfs.client;

import io.jmfs.client.io.FileReader;
import io.jmfs.client.io.FileWriter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * An open file: positional reads through read-ahead and writes through a write-back buffer. Reads see this handle's
 * own writes (buffered data is flushed before a read). {@link #fsync} and {@link #close} return only after every
 * written byte is on all chunkservers of its chunk and the master knows the new length; an error of a buffered write
 * surfaces there at the latest.
 */
public final class MfsFile implements AutoCloseable {
    private final MfsClient client;
    private final int inode;
    private final FileReader reader;
    private final FileWriter writer;
    private boolean closed;

    MfsFile(MfsClient client, int inode, FileReader reader, FileWriter writer) {
        this.client = client;
        this.inode = inode;
        this.reader = reader;
        this.writer = writer;
    }

    public int inode() {
        return inode;
    }

    /** Reads up to {@code len} bytes at {@code pos}; -1 at end of file. */
    public int read(long pos, byte[] dst, int off, int len) throws IOException {
        ensureOpen();
        if (writer.dirty()) {
            writer.flush();
            reader.invalidate();
        }
        return reader.read(pos, dst, off, len);
    }

    /** Reads until {@code len} bytes or the end of the file; returns how many. */
    public int readFully(long pos, byte[] dst, int off, int len) throws IOException {
        return readFully(pos, MemorySegment.ofArray(dst).asSlice(off, len));
    }

    /**
     * Reads until {@code dst} (heap or native memory) is full or the file ends; returns how many bytes came. The mount
     * reads straight into the kernel's reply buffer this way.
     */
    public int readFully(long pos, MemorySegment dst) throws IOException {
        ensureOpen();
        if (writer.dirty()) {
            writer.flush();
            reader.invalidate();
        }
        long done = 0;
        while (done < dst.byteSize()) {
            int n = reader.read(pos + done, dst.asSlice(done));
            if (n < 0) {
                break;
            }
            done += n;
        }
        return (int) done;
    }

    public void write(long pos, byte[] src, int off, int len) throws IOException {
        ensureOpen();
        writer.write(pos, src, off, len);
        client.modified(inode);
        reader.invalidate();
    }

    /** Writes the bytes of {@code src} (heap or native memory) at {@code pos}. */
    public void write(long pos, MemorySegment src) throws IOException {
        ensureOpen();
        writer.write(pos, src);
        client.modified(inode);
        reader.invalidate();
    }

    /** The length including buffered writes. */
    public long length() {
        return writer.length();
    }

    public void fsync() throws IOException {
        ensureOpen();
        writer.flush();
    }

    /** Sets the length (flushing buffered writes first). */
    public void truncate(long length) throws IOException {
        ensureOpen();
        writer.flush();
        client.truncate(inode, length, true);
        writer.knownLength(length);
        reader.invalidate();
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("file " + inode + " is closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.flush();
        } finally {
            client.released(inode);
        }
    }
}
