package io.jmfs.master.sclass;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * One storage class definition. {@code name} holds the raw name bytes as ISO-8859-1 characters (one char per
 * byte). Each label list has one expression per copy: {@code create} for a new chunk, {@code keep} for its normal
 * life, {@code archive} once its chunks are archived (by hand, or {@code archDelay} days after the file's last
 * ctime change). {@code mode} decides whether creation
 * may fall back to other servers: {@link #MODE_LOOSE} when matching servers are busy or full, {@link #MODE_STD}
 * only when they are full, {@link #MODE_STRICT} never.
 */
public record StorageClass(int id, String name, boolean adminOnly, int mode, int archDelay,
                           List<LabelExpression> create, List<LabelExpression> keep, List<LabelExpression> archive) {
    public static final int MODE_LOOSE = 0;
    public static final int MODE_STD = 1;
    public static final int MODE_STRICT = 2;
    /** MooseFS's MAXLABELSCNT: at most this many copies per list. */
    public static final int MAX_COPIES = 9;
    public static final int MAX_NAME = 255;

    public StorageClass {
        if (id < 1 || id > StorageClassTable.MAX_ID) {
            throw new IllegalArgumentException("storage class id out of range: " + id);
        }
        if (!validName(name)) {
            throw new IllegalArgumentException("bad storage class name '" + name + "'");
        }
        if (archDelay < 0 || archDelay > 0xFFFF || mode < 0 || mode > 0xFF) {
            throw new IllegalArgumentException("mode or archive delay out of range: " + mode + ", " + archDelay);
        }
        create = checked(create, "create");
        keep = checked(keep, "keep");
        archive = checked(archive, "archive");
    }

    private static List<LabelExpression> checked(List<LabelExpression> l, String what) {
        if (l.isEmpty() || l.size() > MAX_COPIES) {
            throw new IllegalArgumentException(what + " needs 1.." + MAX_COPIES + " label expressions, got " + l.size());
        }
        return List.copyOf(l);
    }

    /** MooseFS's name rule: 1..255 bytes, no NUL. */
    public static boolean validName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0 || c > 0xFF) {
                return false;
            }
        }
        return true;
    }

    public static String nameOf(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Class {@code n} of 1..9: {@code n} copies anywhere, standard mode, named "n". */
    public static StorageClass predefined(int n) {
        List<LabelExpression> any = Collections.nCopies(n, LabelExpression.ANY);
        return new StorageClass(n, Integer.toString(n), false, MODE_STD, 0, any, any, any);
    }

    public byte[] nameBytes() {
        return name.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** How many copies a chunk keeps (its goal). */
    public int goal() {
        return keep.size();
    }

    /** Whether this is one of the classic goals 1..9 (sent by number on the wire). */
    public boolean isSimpleGoal() {
        return id < StorageClassTable.FIRST_USER_ID;
    }

    /** The copies a chunk keeps: the archive list's size for an archived chunk, the keep list's otherwise. */
    public int goal(boolean archived) {
        return placement(archived).size();
    }

    /** Where a chunk's copies belong: the archive expressions for an archived chunk, the keep ones otherwise. */
    public List<LabelExpression> placement(boolean archived) {
        return archived ? archive : keep;
    }

    public boolean placementHasLabels(boolean archived) {
        return placement(archived).stream().anyMatch(e -> !e.isAny());
    }

    public boolean keepHasLabels() {
        return keep.stream().anyMatch(e -> !e.isAny());
    }

    public boolean createHasLabels() {
        return create.stream().anyMatch(e -> !e.isAny());
    }

    public StorageClass withId(int newId) {
        return new StorageClass(newId, name, adminOnly, mode, archDelay, create, keep, archive);
    }

    public StorageClass withName(String newName) {
        return new StorageClass(id, newName, adminOnly, mode, archDelay, create, keep, archive);
    }
}
