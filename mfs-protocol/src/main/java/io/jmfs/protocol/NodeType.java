package io.jmfs.protocol;

/** The node type as the ATTR record's high nibble carries it ({@code TYPE_*} in MFSCommunication.h). */
public enum NodeType {
    FILE(1),
    DIRECTORY(2),
    SYMLINK(3),
    FIFO(4),
    BLOCKDEV(5),
    CHARDEV(6),
    SOCKET(7);

    private static final NodeType[] ALL = values(); // values() copies its array on every call

    private final int code;

    NodeType(int code) {
        this.code = code;
    }

    /** The 4-bit value in ATTR (and the 8-bit value in READDIR type-only entries and MKNOD). */
    public int code() {
        return code;
    }

    public static NodeType ofCode(int code) {
        for (NodeType t : ALL) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown node type " + code);
    }
}
