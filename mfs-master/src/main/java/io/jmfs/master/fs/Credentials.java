package io.jmfs.master.fs;

import java.util.Arrays;

/**
 * Who asks: the uid and the group list (first = primary gid, used as the group of new nodes) after the sessions
 * layer applied its export mappings. uid 0 passes every permission check, as in MooseFS.
 */
public record Credentials(int uid, int[] gids) {
    public static final Credentials ROOT = new Credentials(0, new int[] {0});

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
        return o instanceof Credentials c && c.uid == uid && Arrays.equals(c.gids, gids);
    }

    @Override
    public int hashCode() {
        return uid * 31 + Arrays.hashCode(gids);
    }

    @Override
    public String toString() {
        return "uid=" + Integer.toUnsignedString(uid) + " gids=" + Arrays.toString(gids);
    }
}
