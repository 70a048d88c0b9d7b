package io.jmfs.master.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage classes this master knows: MooseFS 3.0.117's predefined ones, ids 1..9, named "1".."9", each
 * keeping that many copies anywhere (the classic goals). Class creation ({@code mfsscadmin create}) is not
 * supported, so a node's class id is always one of these.
 */
public final class StorageClasses {
    public static final int FIRST = 1;
    public static final int LAST_PREDEFINED = 9;
    /** The class of a new file system's root (3.0.117's DEFAULT_SCLASS): goal 2. */
    public static final int DEFAULT = 2;

    private StorageClasses() {
    }

    public static boolean exists(int id) {
        return id >= FIRST && id <= LAST_PREDEFINED;
    }

    /** How many copies a chunk of a file in class {@code id} keeps. */
    public static int goal(int id) {
        if (!exists(id)) {
            throw new IllegalArgumentException("no storage class " + id);
        }
        return id;
    }

    /** Only an admin session may put nodes into or out of an admin-only class; none of the predefined is. */
    public static boolean adminOnly(int id) {
        return false;
    }

    /** The class with this name, or 0 when there is none (MooseFS's "no such class"). */
    public static int byName(byte[] name) {
        String s = new String(name, StandardCharsets.US_ASCII);
        return s.length() == 1 && s.charAt(0) >= '1' && s.charAt(0) <= '9' ? s.charAt(0) - '0' : 0;
    }

    public static byte[] name(int id) {
        return Integer.toString(id).getBytes(StandardCharsets.US_ASCII);
    }

    /** Every class id in id order. */
    public static List<Integer> all() {
        List<Integer> ids = new ArrayList<>();
        for (int i = FIRST; i <= LAST_PREDEFINED; i++) {
            ids.add(i);
        }
        return ids;
    }
}
