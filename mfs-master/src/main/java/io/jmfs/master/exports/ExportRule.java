package io.jmfs.master.exports;

import java.util.Optional;

/**
 * One line of {@code mfsexports.cfg}, fully resolved (defaults applied, user names turned into ids).
 *
 * @param line          the source line, for messages only (not part of the checksum)
 * @param addresses     the client addresses this rule covers
 * @param meta          {@code true} for the meta filesystem ({@code .}); then {@code path} is empty
 * @param path          the exported directory without leading or trailing slashes ({@code ""} = the root)
 * @param allDirs       any subdirectory of {@code path} may be mounted too
 * @param minVersion    the lowest client version allowed, encoded as clients send it ({@link ClientVersions})
 * @param password      the digest a client must prove to know, if any
 * @param sesflags      {@link SessionFlags} granted
 * @param umask         applied by the master to creations (0..0777)
 * @param rootRedefined {@code maproot} was given explicitly (MooseFS keeps this bit in its checksum)
 * @param rootUid       uid that root (uid 0) is mapped to ({@code maproot})
 * @param rootGid       gid that root is mapped to
 * @param mapAllUid     uid every other user is mapped to when {@link SessionFlags#MAPALL} is set
 * @param mapAllGid     gid every other user is mapped to when {@link SessionFlags#MAPALL} is set
 * @param minGoal       lowest goal the client may set (1..9)
 * @param maxGoal       highest goal the client may set (1..9)
 * @param minTrashTime  lowest trash time in seconds (unsigned 32-bit range)
 * @param maxTrashTime  highest trash time in seconds
 * @param disables      mask of {@link DisabledOperation}s
 */
public record ExportRule(
        int line,
        Ipv4Range addresses,
        boolean meta,
        String path,
        boolean allDirs,
        int minVersion,
        Optional<PasswordDigest> password,
        int sesflags,
        int umask,
        boolean rootRedefined,
        int rootUid,
        int rootGid,
        int mapAllUid,
        int mapAllGid,
        int minGoal,
        int maxGoal,
        long minTrashTime,
        long maxTrashTime,
        int disables) {

    public static final long MAX_TRASH_TIME = 0xFFFF_FFFFL;

    public ExportRule {
        if (meta && !path.isEmpty()) {
            throw new IllegalArgumentException("a meta rule has no path");
        }
        if (path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("rule paths are stored without leading or trailing '/': " + path);
        }
        if (minGoal < 1 || maxGoal > 9 || minGoal > maxGoal) {
            throw new IllegalArgumentException("goal limits must satisfy 1 <= min <= max <= 9: " + minGoal + ".." + maxGoal);
        }
        if (minTrashTime < 0 || maxTrashTime > MAX_TRASH_TIME || minTrashTime > maxTrashTime) {
            throw new IllegalArgumentException("trash time limits out of order: " + minTrashTime + ".." + maxTrashTime);
        }
        if ((umask & ~0777) != 0) {
            throw new IllegalArgumentException("umask must be within 0777: " + Integer.toOctalString(umask));
        }
    }

    public boolean needsPassword() {
        return password.isPresent();
    }

    public boolean readOnly() {
        return SessionFlags.has(sesflags, SessionFlags.READONLY);
    }

    public boolean admin() {
        return SessionFlags.has(sesflags, SessionFlags.ADMIN);
    }

    /** Whether a mount of {@code requestedPath} (normalized, no slashes at the ends) falls under this rule. */
    boolean coversPath(String requestedPath) {
        if (path.isEmpty()) {
            return requestedPath.isEmpty() || allDirs;
        }
        if (requestedPath.equals(path)) {
            return true;
        }
        return allDirs && requestedPath.length() > path.length()
                && requestedPath.startsWith(path) && requestedPath.charAt(path.length()) == '/';
    }
}
