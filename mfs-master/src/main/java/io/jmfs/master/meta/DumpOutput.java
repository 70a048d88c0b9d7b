package io.jmfs.master.meta;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Big-endian writer for a metadata dump: a large buffer in front of a file channel, plus MooseFS's section frame
 * ({@code tag ' ' X '.' Y} and a 64-bit body length patched in once the body is written, so sections of any size
 * stream without being held in memory).
 */
final class DumpOutput implements Closeable {
    private static final int BUFFER = 1 << 22;

    private final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
    private long flushed;
    private long sectionStart = -1;

    DumpOutput(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    long position() {
        return flushed + buf.position();
    }

    private void room(int n) throws IOException {
        if (buf.remaining() < n) {
            flush();
        }
    }

    void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            flushed += channel.write(buf);
        }
        buf.clear();
    }

    void u8(int v) throws IOException {
        room(1);
        buf.put((byte) v);
    }

    void u16(int v) throws IOException {
        room(2);
        buf.putShort((short) v);
    }

    void u32(int v) throws IOException {
        room(4);
        buf.putInt(v);
    }

    void u64(long v) throws IOException {
        room(8);
        buf.putLong(v);
    }

    void bytes(byte[] b) throws IOException {
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            room(Math.min(len, BUFFER));
            int n = Math.min(len, buf.remaining());
            buf.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    void zeros(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            u8(0);
        }
    }

    /** Starts a section: {@code tag} is 4 ASCII letters, {@code version} e.g. 0x14 for "1.4". */
    void beginSection(String tag, int version) throws IOException {
        if (sectionStart >= 0) {
            throw new IllegalStateException("section inside a section");
        }
        bytes(tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        u8(' ');
        u8('0' + ((version >> 4) & 0xF));
        u8('.');
        u8('0' + (version & 0xF));
        sectionStart = position();
        u64(-1L);
    }

    void endSection() throws IOException {
        long length = position() - sectionStart - 8;
        long start = sectionStart;
        sectionStart = -1;
        if (start >= flushed) {
            buf.putLong((int) (start - flushed), length);
            return;
        }
        ByteBuffer len = ByteBuffer.allocate(8).putLong(0, length);
        while (len.hasRemaining()) {
            channel.write(len, start + len.position());
        }
    }

    /** Flushes and forces the bytes to the disk. */
    void sync() throws IOException {
        flush();
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
