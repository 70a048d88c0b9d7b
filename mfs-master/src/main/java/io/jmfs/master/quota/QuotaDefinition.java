package io.jmfs.master.quota;

/**
 * One directory's quota as MooseFS keeps it and writes it to the changelog (QUOTA line) and the dump (QUOT
 * record): its limits ({@code flags} saying which are set; unset ones are 0), the soft-limit state ({@code
 * softSince}: when a soft limit was first found exceeded, 0 when none is; {@code exceeded}: a soft limit has been
 * exceeded for longer than the grace period, so it now acts as a hard one) and the grace period in seconds (0: none
 * was given; MooseFS 3.0.117 then lets a soft limit expire at once). Numbers are unsigned as on the wire.
 */
public record QuotaDefinition(int inode, boolean exceeded, int flags, int softSince, int gracePeriod,
                              int softInodes, int hardInodes, long softLength, long hardLength, long softSize,
                              long hardSize, long softRealSize, long hardRealSize) {

    public QuotaDefinition {
        if ((flags & ~QuotaFlags.ALL) != 0) {
            throw new IllegalArgumentException("quota flags are 8 bits: " + flags);
        }
    }

    /** The definition a QUOTA line with flags 0 carries: "no quota here any more". */
    public static QuotaDefinition none(int inode) {
        return new QuotaDefinition(inode, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The same definition with every limit whose flag is not set cleared to 0, as MooseFS answers and stores it. */
    public QuotaDefinition normalized() {
        return new QuotaDefinition(inode, exceeded, flags, softSince, gracePeriod,
                has(QuotaFlags.SOFT_INODES) ? softInodes : 0, has(QuotaFlags.HARD_INODES) ? hardInodes : 0,
                has(QuotaFlags.SOFT_LENGTH) ? softLength : 0, has(QuotaFlags.HARD_LENGTH) ? hardLength : 0,
                has(QuotaFlags.SOFT_SIZE) ? softSize : 0, has(QuotaFlags.HARD_SIZE) ? hardSize : 0,
                has(QuotaFlags.SOFT_REALSIZE) ? softRealSize : 0, has(QuotaFlags.HARD_REALSIZE) ? hardRealSize : 0);
    }

    public QuotaDefinition withSoftState(boolean nowExceeded, int since) {
        return new QuotaDefinition(inode, nowExceeded, flags, since, gracePeriod, softInodes, hardInodes, softLength,
                hardLength, softSize, hardSize, softRealSize, hardRealSize);
    }

    /** True when {@code usage} is above any soft limit this definition has. */
    public boolean softExceededBy(Usage usage) {
        return (has(QuotaFlags.SOFT_INODES) && Long.compareUnsigned(usage.inodes(), u32(softInodes)) > 0)
                || (has(QuotaFlags.SOFT_LENGTH) && Long.compareUnsigned(usage.length(), softLength) > 0)
                || (has(QuotaFlags.SOFT_SIZE) && Long.compareUnsigned(usage.size(), softSize) > 0)
                || (has(QuotaFlags.SOFT_REALSIZE) && Long.compareUnsigned(usage.realSize(), softRealSize) > 0);
    }

    /**
     * True when growing {@code usage} by {@code grow} (only its positive components count) would go above a hard
     * limit, or above a soft limit whose grace period ran out.
     */
    public boolean refuses(Usage usage, Usage grow) {
        return over(usage.inodes(), grow.inodes(), QuotaFlags.HARD_INODES, u32(hardInodes), QuotaFlags.SOFT_INODES,
                u32(softInodes))
                || over(usage.length(), grow.length(), QuotaFlags.HARD_LENGTH, hardLength, QuotaFlags.SOFT_LENGTH,
                softLength)
                || over(usage.size(), grow.size(), QuotaFlags.HARD_SIZE, hardSize, QuotaFlags.SOFT_SIZE, softSize)
                || over(usage.realSize(), grow.realSize(), QuotaFlags.HARD_REALSIZE, hardRealSize,
                QuotaFlags.SOFT_REALSIZE, softRealSize);
    }

    private boolean over(long current, long grow, int hardFlag, long hard, int softFlag, long soft) {
        if (grow <= 0) {
            return false;
        }
        long after = current + grow;
        return (has(hardFlag) && Long.compareUnsigned(after, hard) > 0)
                || (exceeded && has(softFlag) && Long.compareUnsigned(after, soft) > 0);
    }

    private static long u32(int v) {
        return Integer.toUnsignedLong(v);
    }
}
