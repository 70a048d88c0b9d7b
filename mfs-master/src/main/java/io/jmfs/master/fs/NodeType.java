package io.jmfs.master.fs;

/** MooseFS node types ({@code TYPE_*} of MFSCommunication.h); the values go on the wire and into dumps. */
public final class NodeType {
    public static final int FILE = 1;
    public static final int DIRECTORY = 2;
    public static final int SYMLINK = 3;
    public static final int FIFO = 4;
    public static final int BLOCKDEV = 5;
    public static final int CHARDEV = 6;
    public static final int SOCKET = 7;
    /** A deleted file waiting in the trash (reported to clients as FILE). */
    public static final int TRASH = 8;
    /** A deleted file some session still holds open (reported to clients as FILE). */
    public static final int SUSTAINED = 9;

    private NodeType() {
    }

    public static boolean isFileLike(int type) {
        return type == FILE || type == TRASH || type == SUSTAINED;
    }

    /** Types MKNOD/CREATE/MKDIR may create. */
    public static boolean isCreatable(int type) {
        return type == FILE || type == DIRECTORY || type == FIFO || type == BLOCKDEV || type == CHARDEV
                || type == SOCKET;
    }
}
