package io.jmfs.master.fs;

import java.util.Arrays;

/**
 * Who asks: the uid and the group list (first = primary gid, used as the group of new nodes) after the sessions
 * layer applied its export mappings. uid 0 passes every permission check, as in MooseFS. {@code ignoreGid} (the
 * export's {@code ignoregid} option) leaves group checks to the mount: the master then grants a non-owner the
 * group and other bits together, and lets an owner chgrp to any group.
 */
public record Credentials(int uid, int[] gids, boolean ignoreGid) {
    public static final Credentials ROOT = new Credentials(0, new int[] {0});

    public Credentials(int uid, int[] gids) {
        this(uid, gids, false);
    }

    public Credentials {
        if (gids.length == 0) {
            throw new IllegalArgumentException("at least one gid is required");
        }
        gids = gids.clone();
    }

    public static Credentials of(int uid, int... gids) {
        return new Credentials(uid, gids);
    }

    public int primaryGid() {
        return gids[0];
    }

    public boolean isRoot() {
        return uid == 0;
    }

    public boolean inGroup(int gid) {
        for (int g : gids) {
            if (g == gid) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int[] gids() {
        return gids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.uid == uid && Arrays.equals(c.gids, gids) && c.ignoreGid == ignoreGid;
    }

    @Override
    public int hashCode() {
        return (uid * 31 + Arrays.hashCode(gids)) * 2 + (ignoreGid ? 1 : 0);
    }

    @Override
    public String toString() {
        return "uid=" + Integer.toUnsignedString(uid) + " gids=" + Arrays.toString(gids)
                + (ignoreGid ? " ignoregid" : "");
    }
}
