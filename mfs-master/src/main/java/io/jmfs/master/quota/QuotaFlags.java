package io.jmfs.master.quota;

/** The qflags bits of MFSCommunication.h: which limits a definition has (soft in the low nibble, hard above). */
public final class QuotaFlags {
    public static final int SOFT_INODES = 0x01;
    public static final int SOFT_LENGTH = 0x02;
    public static final int SOFT_SIZE = 0x04;
    public static final int SOFT_REALSIZE = 0x08;
    public static final int SOFT_ALL = 0x0F;
    public static final int HARD_INODES = 0x10;
    public static final int HARD_LENGTH = 0x20;
    public static final int HARD_SIZE = 0x40;
    public static final int HARD_REALSIZE = 0x80;
    public static final int HARD_ALL = 0xF0;
    public static final int ALL = 0xFF;

    private QuotaFlags() {
    }
}
