package io.jmfs.master.exports;

import java.util.Optional;

/**
 * The mutable state of one rule while its line is being parsed; starts as MooseFS's defaults or as a copy of the
 * file's {@code DEFAULTS} line.
 */
final class RuleDraft {
    static final int DEFAULT_MAPPED_ID = 999;

    Ipv4Range addresses = Ipv4Range.ALL;
    boolean meta;
    String path = "";
    boolean allDirs;
    int minVersion;
    Optional<PasswordDigest> password = Optional.empty();
    int sesflags = SessionFlags.READONLY;
    int umask;
    boolean rootRedefined;
    int rootUid = DEFAULT_MAPPED_ID;
    int rootGid = DEFAULT_MAPPED_ID;
    int mapAllUid = DEFAULT_MAPPED_ID;
    int mapAllGid = DEFAULT_MAPPED_ID;
    int minGoal = 1;
    int maxGoal = 9;
    long minTrashTime;
    long maxTrashTime = ExportRule.MAX_TRASH_TIME;
    int disables;

    RuleDraft copy() {
        RuleDraft d = new RuleDraft();
        d.addresses = addresses;
        d.meta = meta;
        d.path = path;
        d.allDirs = allDirs;
        d.minVersion = minVersion;
        d.password = password;
        d.sesflags = sesflags;
        d.umask = umask;
        d.rootRedefined = rootRedefined;
        d.rootUid = rootUid;
        d.rootGid = rootGid;
        d.mapAllUid = mapAllUid;
        d.mapAllGid = mapAllGid;
        d.minGoal = minGoal;
        d.maxGoal = maxGoal;
        d.minTrashTime = minTrashTime;
        d.maxTrashTime = maxTrashTime;
        d.disables = disables;
        return d;
    }

    /** Without an explicit maproot, a mapall rule maps root to the mapall identity too. */
    void finishMapping() {
        if (SessionFlags.has(sesflags, SessionFlags.MAPALL) && !rootRedefined) {
            rootUid = mapAllUid;
            rootGid = mapAllGid;
        }
    }

    void checkLimits() {
        if (minGoal > maxGoal) {
            throw new IllegalArgumentException("mingoal (" + minGoal + ") is above maxgoal (" + maxGoal + ")");
        }
        if (minTrashTime > maxTrashTime) {
            throw new IllegalArgumentException(
                    "mintrashtime (" + minTrashTime + ") is above maxtrashtime (" + maxTrashTime + ")");
        }
    }

    ExportRule toRule(int line) {
        return new ExportRule(line, addresses, meta, path, allDirs, minVersion, password, sesflags, umask,
                rootRedefined, rootUid, rootGid, mapAllUid, mapAllGid, minGoal, maxGoal, minTrashTime, maxTrashTime,
                disables);
    }
}
