package io.jmfs.master.exports;

/**
 * What a matching export rule grants one registration. A value: sessions keep the grant they registered with,
 * whatever later reloads do to the rules.
 *
 * <p>For the meta filesystem ({@link #meta()}) MooseFS grants no uid mapping, so the four uid/gid fields are 0.
 * The grant does not name the mounted directory: the client asked for it, and the namespace turns it into the
 * session's root inode.
 *
 * @param exportsChecksum the {@link ExportRules#checksum()} of the rules that granted this (written in SESADD and
 *                        compared on reconnect)
 * @param meta            a meta-filesystem session
 */
public record ExportGrant(
        long exportsChecksum,
        boolean meta,
        int sesflags,
        int umask,
        int rootUid,
        int rootGid,
        int mapAllUid,
        int mapAllGid,
        int minGoal,
        int maxGoal,
        long minTrashTime,
        long maxTrashTime,
        int disables) {

    public boolean readOnly() {
        return SessionFlags.has(sesflags, SessionFlags.READONLY);
    }

    public boolean admin() {
        return SessionFlags.has(sesflags, SessionFlags.ADMIN);
    }

    public boolean mapAll() {
        return SessionFlags.has(sesflags, SessionFlags.MAPALL);
    }

    public boolean dynamicIp() {
        return SessionFlags.has(sesflags, SessionFlags.DYNAMICIP);
    }

    public boolean ignoreGid() {
        return SessionFlags.has(sesflags, SessionFlags.IGNOREGID);
    }

    public boolean disabled(DisabledOperation operation) {
        return operation.isIn(disables);
    }

    /** Whether root (uid 0) keeps its identity: MooseFS reports this to clients as "root not remapped". */
    public boolean rootRemapped() {
        return rootUid != 0;
    }
}
