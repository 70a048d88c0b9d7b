package io.jmfs.protocol.codec;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.Gids;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** Writers for the composite field types shared by many packets (NAME, GIDS, NUL strings, CSLOC). */
public final class WireWriter {
    private WireWriter() {
    }

    public static void name(ByteBuf out, ByteString name) {
        name(out, name.unsafeArray());
    }

    public static void nulString32(ByteBuf out, ByteString s) {
        nulString32(out, s.unsafeArray());
    }

    /** {@code len:32 bytes} as they are. */
    public static void string32(ByteBuf out, ByteString s) {
        out.writeInt(s.length());
        out.writeBytes(s.unsafeArray());
    }

    public static void bytes(ByteBuf out, ByteString s) {
        out.writeBytes(s.unsafeArray());
    }

    /** {@code len:8 bytes}; names longer than 255 bytes cannot be expressed. */
    public static void name(ByteBuf out, byte[] name) {
        if (name.length > 255) {
            throw new IllegalArgumentException("NAME longer than 255 bytes: " + name.length);
        }
        out.writeByte(name.length);
        out.writeBytes(name);
    }

    /** {@code len:32 bytes NUL} with len counting the NUL. */
    public static void nulString32(ByteBuf out, byte[] s) {
        out.writeInt(s.length + 1);
        out.writeBytes(s);
        out.writeByte(0);
    }

    public static void gids(ByteBuf out, Gids gids) {
        if (gids.counted()) {
            out.writeInt(gids.gids().size());
        }
        for (int g : gids.gids()) {
            out.writeInt(g);
        }
    }

    public static void chunkLocation(ByteBuf out, ChunkLocation l) {
        out.writeInt(l.ip());
        out.writeShort(l.port());
        out.writeInt(l.csVersion());
        out.writeInt(l.labelMask());
    }

    public static void chunkLocations(ByteBuf out, List<ChunkLocation> ls) {
        for (ChunkLocation l : ls) {
            chunkLocation(out, l);
        }
    }
}
