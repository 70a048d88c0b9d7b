package io.jmfs.master.meta;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Big-endian reader over a dump file with strict bounds: running past the end of the file, or of the current
 * section, is a {@link MetadataException} naming the file and the offset, never a silently short value.
 */
final class DumpInput implements Closeable {
    private static final int BUFFER = 1 << 22;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
    /** File offset of buf's position 0. */
    private long bufStart;
    private long limit;

    DumpInput(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
        this.limit = size;
        buf.limit(0);
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    long position() {
        return bufStart + buf.position();
    }

    /** Reads may not go past {@code end} (a section's end) until {@link #clearLimit}. */
    void limitTo(long end) {
        this.limit = end;
    }

    void clearLimit() {
        this.limit = size;
    }

    MetadataException error(String problem) {
        return new MetadataException(file, problem + " (at byte " + position() + ")");
    }

    private void need(int n, String what) throws IOException {
        if (position() + n > limit) {
            throw error(limit == size ? "file ends inside " + what + " (truncated)" : what + " runs past its section's end");
        }
        if (buf.remaining() < n) {
            long pos = position();
            buf.compact();
            while (buf.position() < n) {
                int r = channel.read(buf, pos + buf.position());
                if (r < 0) {
                    throw error("file ends inside " + what + " (truncated)");
                }
            }
            buf.flip();
            bufStart = pos;
        }
    }

    int u8(String what) throws IOException {
        need(1, what);
        return buf.get() & 0xFF;
    }

    int u16(String what) throws IOException {
        need(2, what);
        return buf.getShort() & 0xFFFF;
    }

    int u32(String what) throws IOException {
        need(4, what);
        return buf.getInt();
    }

    long u64(String what) throws IOException {
        need(8, what);
        return buf.getLong();
    }

    byte[] bytes(int n, String what) throws IOException {
        if (n < 0 || position() + n > limit) {
            throw error(limit == size ? "file ends inside " + what + " (truncated)" : what + " runs past its section's end");
        }
        byte[] out = new byte[n];
        int off = 0;
        while (off < n) {
            need(Math.min(n - off, BUFFER), what);
            int k = Math.min(n - off, buf.remaining());
            buf.get(out, off, k);
            off += k;
        }
        return out;
    }

    /** Moves to an absolute offset (skipping a section). */
    void seek(long offset) throws IOException {
        if (offset > size) {
            throw error("seek past the end of the file");
        }
        if (offset >= bufStart && offset <= bufStart + buf.limit()) {
            buf.position((int) (offset - bufStart));
        } else {
            buf.clear().limit(0);
            bufStart = offset;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
