package io.jmfs.protocol.codec;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;
import io.netty.buffer.ByteBuf;

/**
 * ATTR on the wire: {@code flags:8 typemode:16 uid:32 gid:32 atime:32 mtime:32 ctime:32 nlink:32 size:64 [winattr:8]}
 * (36 bytes with winattr for peers from 3.0.93, 35 before).
 */
public final class AttrCodec {
    private AttrCodec() {
    }

    public static void write(ByteBuf out, Attr a) {
        write(out, a, true);
    }

    public static void write(ByteBuf out, Attr a, boolean withWinattr) {
        out.writeByte(a.flags());
        out.writeShort(a.typeMode());
        out.writeInt(a.uid());
        out.writeInt(a.gid());
        out.writeInt(a.atime());
        out.writeInt(a.mtime());
        out.writeInt(a.ctime());
        out.writeInt(a.nlink());
        out.writeLong(a.size());
        if (withWinattr) {
            out.writeByte(a.winattr());
        }
    }

    static Attr read(WireReader r, boolean withWinattr) throws MalformedPacketException {
        int flags = r.u8("attr flags");
        int typeMode = r.u16("attr type/mode");
        NodeType type;
        try {
            type = NodeType.ofCode(typeMode >>> 12);
        } catch (IllegalArgumentException e) {
            throw r.malformed("attr has unknown node type " + (typeMode >>> 12));
        }
        return new Attr(flags, type, typeMode & 07777, r.u32("uid"), r.u32("gid"), r.u32("atime"), r.u32("mtime"),
                r.u32("ctime"), r.u32("nlink"), r.u64("size"), withWinattr ? r.u8("winattr") : 0);
    }
}
