package io.jmfs.protocol;

/**
 * MooseFS status codes ({@code MFS_STATUS_OK} and {@code MFS_ERROR_*} of MFSCommunication.h), the byte that
 * ends or forms most replies, with the Linux errno a client maps each one to.
 */
public enum MfsStatus {
    OK(0, 0, "OK"),
    EPERM(1, 1, "Operation not permitted"),
    ENOTDIR(2, 20, "Not a directory"),
    ENOENT(3, 2, "No such file or directory"),
    EACCES(4, 13, "Permission denied"),
    EEXIST(5, 17, "File exists"),
    EINVAL(6, 22, "Invalid argument"),
    ENOTEMPTY(7, 39, "Directory not empty"),
    CHUNKLOST(8, 6, "Chunk lost"),
    OUTOFMEMORY(9, 12, "Out of memory"),
    INDEXTOOBIG(10, 22, "Index too big"),
    LOCKED(11, 11, "Chunk locked"),
    NOCHUNKSERVERS(12, 28, "No chunk servers"),
    NOCHUNK(13, 6, "No such chunk"),
    CHUNKBUSY(14, 11, "Chunk is busy"),
    REGISTER(15, 22, "Incorrect register BLOB"),
    NOTDONE(16, 22, "Operation not completed"),
    NOTOPENED(17, 22, "File not opened"),
    NOTSTARTED(18, 22, "Write not started"),
    WRONGVERSION(19, 22, "Wrong chunk version"),
    CHUNKEXIST(20, 17, "Chunk already exists"),
    NOSPACE(21, 28, "No space left"),
    IO(22, 5, "IO error"),
    BNUMTOOBIG(23, 22, "Incorrect block number"),
    WRONGSIZE(24, 22, "Incorrect size"),
    WRONGOFFSET(25, 22, "Incorrect offset"),
    CANTCONNECT(26, 5, "Can't connect"),
    WRONGCHUNKID(27, 22, "Incorrect chunk id"),
    DISCONNECTED(28, 5, "Disconnected"),
    CRC(29, 5, "CRC error"),
    DELAYED(30, 22, "Operation delayed"),
    CANTCREATEPATH(31, 22, "Can't create path"),
    MISMATCH(32, 22, "Data mismatch"),
    EROFS(33, 30, "Read-only file system"),
    QUOTA(34, 122, "Quota exceeded"),
    BADSESSIONID(35, 22, "Bad session id"),
    NOPASSWORD(36, 1, "Password is needed"),
    BADPASSWORD(37, 1, "Incorrect password"),
    ENOATTR(38, 61, "Attribute not found"),
    ENOTSUP(39, 95, "Operation not supported"),
    ERANGE(40, 34, "Result too large"),
    NOTFOUND(41, 2, "Entity not found"),
    ACTIVE(42, 22, "Entity is active"),
    CSNOTPRESENT(43, 2, "Chunkserver not present"),
    WAITING(44, 11, "Waiting on lock"),
    EAGAIN(45, 11, "Resource temporarily unavailable"),
    EINTR(46, 4, "Interrupted system call"),
    ECANCELED(47, 125, "Operation canceled"),
    ENOENT_NOCACHE(48, 2, "No such file or directory (do not store in cache)"),
    EPERM_NOTADMIN(49, 1, "Operation not permitted (mfs admin only)"),
    CLASSEXISTS(50, 17, "Class name already in use"),
    CLASSLIMITREACH(51, 22, "Maximum number of classes reached"),
    NOSUCHCLASS(52, 22, "No such class"),
    CLASSINUSE(53, 22, "Class in use");

    private static final MfsStatus[] BY_CODE = new MfsStatus[256];

    static {
        for (MfsStatus s : values()) {
            BY_CODE[s.code] = s;
        }
    }

    private final int code;
    private final int errno;
    private final String message;

    MfsStatus(int code, int errno, String message) {
        this.code = code;
        this.errno = errno;
        this.message = message;
    }

    /** The wire value (one unsigned byte). */
    public int code() {
        return code;
    }

    /** The Linux errno a client reports for this status (0 for OK). */
    public int errno() {
        return errno;
    }

    /** MooseFS's own text for this status ({@code MFS_ERROR_STRINGS}). */
    public String message() {
        return message;
    }

    public boolean isOk() {
        return this == OK;
    }

    /** The status with this wire value; unknown values are {@link IllegalArgumentException}s. */
    public static MfsStatus ofCode(int code) {
        MfsStatus s = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (s == null) {
            throw new IllegalArgumentException("unknown MooseFS status " + code);
        }
        return s;
    }
}
