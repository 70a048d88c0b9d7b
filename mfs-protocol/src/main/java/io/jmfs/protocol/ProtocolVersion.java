package io.jmfs.protocol;

/**
 * A MooseFS version as peers announce it: {@code major<<16 | mid<<8 | (minor*2 + pro)} in 32 bits
 * ({@code 0x000300EA} = 3.0.117 open source). Some packets write it as {@code major:16 mid:8 minor2:8}, which is the
 * same four bytes. Peers format later packets according to the other side's announced version, so the gates below
 * decide layouts.
 *
 * @param major 0..65535
 * @param mid 0..255
 * @param minor 0..127
 * @param pro the "pro" edition bit (always false for the open-source build)
 */
public record ProtocolVersion(int major, int mid, int minor, boolean pro) implements Comparable<ProtocolVersion> {

    /** The version every jmfs daemon announces. */
    public static final ProtocolVersion V3_0_117 = of(3, 0, 117);
    /** Clients refuse masters older than this. */
    public static final ProtocolVersion MIN_MASTER_FOR_CLIENT = of(2, 1, 7);
    /** From this version on the ATTR record is 36 bytes (winattr added), 35 before. */
    public static final ProtocolVersion ATTR_WITH_WINATTR = of(3, 0, 93);
    /** LOOKUP replies carry lflags (and optional chunk-0 data). */
    public static final ProtocolVersion LOOKUP_LFLAGS = of(3, 0, 40);
    /** Chunk locations are sent as protocolid 2 (14-byte records with labelmask). */
    public static final ProtocolVersion CSLOC_WITH_LABELS = of(3, 0, 10);
    /** CHUNK_HAS_CHANGED / FLENG_HAS_CHANGED are sent; client uses TIME_SYNC. */
    public static final ProtocolVersion CHUNK_CHANGE_NOTIFY = of(3, 0, 74);
    /** INVALIDATE_CHUNK_CACHE is sent. */
    public static final ProtocolVersion INVALIDATE_CHUNK_CACHE = of(3, 0, 100);
    /** Read-only session errors are EROFS rather than IO. */
    public static final ProtocolVersion EROFS_STATUS = of(3, 0, 101);
    /** STATFS reply carries freespace. */
    public static final ProtocolVersion STATFS_FREESPACE = of(3, 0, 102);
    /** UNLINK/RMDIR replies return the removed inode. */
    public static final ProtocolVersion UNLINK_RETURNS_INODE = of(3, 0, 107);
    /** REGISTER NEWSESSION reply is 49 bytes (with disables). */
    public static final ProtocolVersion REGISTER_DISABLES = of(3, 0, 112);
    /** OPEN/CREATE replies carry oflags, TRUNCATE reply carries prevsize. */
    public static final ProtocolVersion OPEN_FLAGS_TRUNCATE_PREVSIZE = of(3, 0, 113);

    public ProtocolVersion {
        if (major < 0 || major > 0xFFFF || mid < 0 || mid > 0xFF || minor < 0 || minor > 0x7F) {
            throw new IllegalArgumentException("version out of range: " + major + "." + mid + "." + minor);
        }
    }

    public static ProtocolVersion of(int major, int mid, int minor) {
        return new ProtocolVersion(major, mid, minor, false);
    }

    /** Reads the 32-bit wire form. */
    public static ProtocolVersion decode(int wire) {
        return new ProtocolVersion(wire >>> 16, (wire >>> 8) & 0xFF, (wire & 0xFF) >>> 1, (wire & 1) != 0);
    }

    /** The 32-bit wire form. */
    public int encode() {
        return major << 16 | mid << 8 | minor << 1 | (pro ? 1 : 0);
    }

    /** Whether this version is at least {@code other}; the pro bit does not take part in ordering. */
    public boolean atLeast(ProtocolVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean before(ProtocolVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(ProtocolVersion o) {
        return Integer.compare(encode() >>> 1, o.encode() >>> 1);
    }

    /** {@code "3.0.117"}, as MooseFS prints it (with {@code " PRO"} for the pro bit). */
    @Override
    public String toString() {
        return major + "." + mid + "." + minor + (pro ? " PRO" : "");
    }
}
