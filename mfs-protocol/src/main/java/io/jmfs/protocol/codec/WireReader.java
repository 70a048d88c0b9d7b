package io.jmfs.protocol.codec;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MfsStatus;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds-checked big-endian reads over one packet payload. Every read that would run past the end throws
 * {@link MalformedPacketException} naming the packet and field, so decoders state a grammar and get exact-size
 * validation for free ({@link #end()} rejects trailing bytes). Reads never retain the buffer: byte fields are copied.
 */
public final class WireReader {
    private final int type;
    private final ByteBuf buf;

    public WireReader(int type, ByteBuf payload) {
        this.type = type;
        this.buf = payload;
    }

    public int type() {
        return type;
    }

    public int remaining() {
        return buf.readableBytes();
    }

    public MalformedPacketException malformed(String reason) {
        return new MalformedPacketException(type, reason + " (payload " + buf.writerIndex() + " bytes)");
    }

    private void need(int n, String field) throws MalformedPacketException {
        if (buf.readableBytes() < n) {
            throw malformed("truncated at " + field + ": need " + n + " bytes, " + buf.readableBytes() + " left");
        }
    }

    public int u8(String field) throws MalformedPacketException {
        need(1, field);
        return buf.readUnsignedByte();
    }

    public int u16(String field) throws MalformedPacketException {
        need(2, field);
        return buf.readUnsignedShort();
    }

    /** A 32-bit field as its bit pattern in an int. */
    public int u32(String field) throws MalformedPacketException {
        need(4, field);
        return buf.readInt();
    }

    public long u64(String field) throws MalformedPacketException {
        need(8, field);
        return buf.readLong();
    }

    public byte[] bytes(int n, String field) throws MalformedPacketException {
        if (n < 0) {
            throw malformed("negative length for " + field);
        }
        need(n, field);
        byte[] b = new byte[n];
        buf.readBytes(b);
        return b;
    }

    public ByteString byteString(int n, String field) throws MalformedPacketException {
        return ByteString.wrap(bytes(n, field));
    }

    /** {@code len:8 bytes[len]}. */
    public ByteString name(String field) throws MalformedPacketException {
        return byteString(u8(field + " length"), field);
    }

    /** {@code len:32 bytes[len]} taken as they are. */
    public ByteString string32(String field) throws MalformedPacketException {
        int len = u32(field + " length");
        if (len < 0 || len > remaining()) {
            throw malformed(field + " length " + Integer.toUnsignedString(len) + " exceeds the packet");
        }
        return byteString(len, field);
    }

    /** The rest of the payload. */
    public ByteString rest(String field) throws MalformedPacketException {
        return byteString(remaining(), field);
    }

    /** {@code len:32 bytes[len]} where len counts a trailing NUL; returns the bytes without it. */
    public ByteString nulString32(String field) throws MalformedPacketException {
        int len = u32(field + " length");
        if (len < 1 || len > remaining()) {
            throw malformed(field + " length " + Integer.toUnsignedString(len) + " invalid");
        }
        ByteString b = byteString(len - 1, field);
        if (u8(field + " NUL") != 0) {
            throw malformed(field + " is not NUL-terminated");
        }
        return b;
    }

    /**
     * GIDS followed by {@code tail} more bytes of fixed-size fields: the single form when exactly {@code 4 + tail}
     * bytes are left, otherwise the counted form, which must then account for every remaining byte.
     */
    public Gids gids(int tail) throws MalformedPacketException {
        if (remaining() == 4 + tail) {
            return Gids.single(u32("gid"));
        }
        int count = u32("gids count");
        if (count <= 0 || (long) count * 4 + tail != remaining()) {
            throw malformed("gids count " + Integer.toUnsignedString(count) + " does not match " + remaining()
                    + " remaining bytes");
        }
        List<Integer> gids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            gids.add(buf.readInt());
        }
        return new Gids(gids, true);
    }

    public Attr attr() throws MalformedPacketException {
        return AttrCodec.read(this, true);
    }

    public Attr attr(boolean withWinattr) throws MalformedPacketException {
        return AttrCodec.read(this, withWinattr);
    }

    /** A status byte ({@link MfsStatus}); unknown codes are malformed. */
    public MfsStatus status() throws MalformedPacketException {
        int code = u8("status");
        try {
            return MfsStatus.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw malformed("unknown status " + code);
        }
    }

    public ChunkLocation chunkLocation() throws MalformedPacketException {
        return new ChunkLocation(u32("cs ip"), u16("cs port"), u32("cs version"), u32("labelmask"));
    }

    /** Reads the rest as chunk locations (must be a whole number of them). */
    public List<ChunkLocation> chunkLocations() throws MalformedPacketException {
        if (remaining() % ChunkLocation.SIZE != 0) {
            throw malformed("chunk location list of " + remaining() + " bytes is not a multiple of 14");
        }
        List<ChunkLocation> l = new ArrayList<>(remaining() / ChunkLocation.SIZE);
        while (remaining() > 0) {
            l.add(chunkLocation());
        }
        return List.copyOf(l);
    }

    /** Requires that every byte was consumed. */
    public void end() throws MalformedPacketException {
        if (buf.isReadable()) {
            throw malformed(buf.readableBytes() + " unexpected trailing bytes");
        }
    }

    /** Decodes bytes as UTF-8 for display only (names on the wire are raw bytes). */
    public static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
