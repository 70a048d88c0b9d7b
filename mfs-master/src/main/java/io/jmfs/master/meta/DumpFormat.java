package io.jmfs.master.meta;

import java.nio.charset.StandardCharsets;

/** Constants of MooseFS 3.0's metadata.mfs: signatures, section tags with the versions 3.0.117 writes, sizes. */
final class DumpFormat {
    static final byte[] SIGNATURE = "MFSM 2.0".getBytes(StandardCharsets.US_ASCII);
    /** Debian's metadata.mfs.empty: "create a new file system". */
    static final byte[] NEW_FS = "MFSM NEW".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EOF_MARKER = "[MFS EOF MARKER]".getBytes(StandardCharsets.US_ASCII);

    static final int SESS = 0x15;
    static final int SCLA = 0x16;
    static final int NODE = 0x14;
    static final int EDGE = 0x11;
    static final int FREE = 0x10;
    static final int QUOT = 0x11;
    static final int XATR = 0x10;
    static final int PACL = 0x11;
    static final int OPEN = 0x10;
    static final int FLCK = 0x10;
    static final int PLCK = 0x10;
    static final int CSDB = 0x13;
    static final int CHNK = 0x11;

    static final int SESSION_STATS = 16;
    /** A stored session record without its info bytes: 61 fixed bytes plus two hours of 32-bit counters. */
    static final int SESSION_RECORD = 61 + SESSION_STATS * 8;
    static final int EDGE_END = 4 + 4 + 8 + 2;
    static final int XATTR_END = 4 + 1 + 4;
    static final int PACL_END = 4 + 1 + 2 * 6;
    static final int OPEN_RECORD = 8;
    static final int FLCK_RECORD = 17;
    static final int PLCK_RECORD = 37;
    static final int CHUNK_RECORD = 8 + 4 + 4 + 1;
    /** MooseFS's MASKORGROUP: label expressions per storage class slot. */
    static final int MASK_OR_GROUP = 4;

    private DumpFormat() {
    }

    /**
     * The SCLA body of a new MooseFS 3.0.117 file system: classes 1..9 named "1".."9", each creating, keeping and
     * archiving that many copies on any server (all label masks zero).
     */
    static byte[] defaultStorageClasses() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(MASK_OR_GROUP);
        for (int id = 1; id <= 9; id++) {
            out.write(0);
            out.write(id);          // id:16
            out.write(1);           // name length
            out.write(0);           // admin only
            out.write(1);           // mode
            out.write(0);
            out.write(0);           // arch delay:16
            out.write(id);          // create label count
            out.write(id);          // keep label count
            out.write(id);          // arch label count
            out.write('0' + id);    // name
            out.writeBytes(new byte[3 * id * 4 * MASK_OR_GROUP]);
        }
        out.writeBytes(new byte[10]);
        return out.toByteArray();
    }
}
