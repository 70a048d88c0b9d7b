package io.jmfs.master.sclass;

import io.jmfs.protocol.MfsStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The master's storage classes by id: 1..9 predefined (always present, never renamed or deleted), user classes
 * from {@link #FIRST_USER_ID} up to {@link #MAX_ID}, a new one taking the lowest free id. The mutators are the
 * "apply" half of each operation, shared by live operations and changelog replay: each checks what it must to keep
 * the table consistent and, given an expected id (non-zero), that it lands on that id as the original master's did
 * ({@link MfsStatus#MISMATCH} otherwise). Whether a class is in use is the namespace's question, not checked here.
 */
public final class StorageClassTable {
    public static final int FIRST_USER_ID = 10;
    /** MooseFS's MAXSCLASS is 256 slots: ids 1..255. */
    public static final int MAX_ID = 255;
    /** The class of a new file system's root (3.0.117's DEFAULT_SCLASS): goal 2. */
    public static final int DEFAULT = 2;

    private final StorageClass[] byId = new StorageClass[MAX_ID + 1];

    public StorageClassTable() {
        reset();
    }

    /** Back to the predefined classes only (a new file system, or before loading a dump). */
    public void reset() {
        java.util.Arrays.fill(byId, null);
        for (int i = 1; i < FIRST_USER_ID; i++) {
            byId[i] = StorageClass.predefined(i);
        }
    }

    public StorageClass get(int id) {
        return id > 0 && id <= MAX_ID ? byId[id] : null;
    }

    public boolean exists(int id) {
        return get(id) != null;
    }

    /** The class of a node with class id {@code id}, the default class when it has none (or an unknown one). */
    public StorageClass effective(int id) {
        StorageClass c = get(id);
        return c != null ? c : byId[DEFAULT];
    }

    /** The id of the class with this name, 0 when none. */
    public int find(String name) {
        for (int i = 1; i <= MAX_ID; i++) {
            if (byId[i] != null && byId[i].name().equals(name)) {
                return i;
            }
        }
        return 0;
    }

    /** Every class in id order. */
    public List<StorageClass> all() {
        List<StorageClass> out = new ArrayList<>();
        for (StorageClass c : byId) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** The id a class created now would get, or 0 when the table is full. */
    public int nextFreeId() {
        for (int i = 1; i <= MAX_ID; i++) {
            if (byId[i] == null) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Stores a definition under its name: a new class ({@code isNew}) must not clash with an existing name and lands
     * on the next free id; otherwise the named class is replaced (its name and id stay).
     */
    public MfsStatus set(boolean isNew, StorageClass definition) {
        int existing = find(definition.name());
        int id;
        if (isNew) {
            if (existing != 0) {
                return MfsStatus.CLASSEXISTS;
            }
            id = nextFreeId();
            if (id == 0) {
                return MfsStatus.CLASSLIMITREACH;
            }
        } else {
            if (existing == 0) {
                return MfsStatus.NOSUCHCLASS;
            }
            id = existing;
        }
        if (id != definition.id()) {
            return MfsStatus.MISMATCH;
        }
        byId[id] = definition;
        return MfsStatus.OK;
    }

    /** A copy of class {@code src} named {@code dst}; ids 0 = not checked. */
    public MfsStatus duplicate(String src, String dst, int expectedSrc, int expectedDst) {
        if (!StorageClass.validName(src) || !StorageClass.validName(dst)) {
            return MfsStatus.EINVAL;
        }
        int from = find(src);
        if (from == 0) {
            return MfsStatus.NOSUCHCLASS;
        }
        if (expectedSrc != 0 && expectedSrc != from) {
            return MfsStatus.MISMATCH;
        }
        if (find(dst) != 0) {
            return MfsStatus.CLASSEXISTS;
        }
        int to = nextFreeId();
        if (to == 0) {
            return MfsStatus.CLASSLIMITREACH;
        }
        if (expectedDst != 0 && expectedDst != to) {
            return MfsStatus.MISMATCH;
        }
        byId[to] = byId[from].withId(to).withName(dst);
        return MfsStatus.OK;
    }

    /** Renames a user class; the predefined ones answer EPERM. */
    public MfsStatus rename(String from, String to, int expectedId) {
        if (!StorageClass.validName(from) || !StorageClass.validName(to)) {
            return MfsStatus.EINVAL;
        }
        int id = find(from);
        if (id == 0) {
            return MfsStatus.NOSUCHCLASS;
        }
        if (id < FIRST_USER_ID) {
            return MfsStatus.EPERM;
        }
        if (expectedId != 0 && expectedId != id) {
            return MfsStatus.MISMATCH;
        }
        if (find(to) != 0) {
            return MfsStatus.CLASSEXISTS;
        }
        byId[id] = byId[id].withName(to);
        return MfsStatus.OK;
    }

    /** Deletes a user class (the caller has checked that no node uses it); the predefined ones answer EPERM. */
    public MfsStatus delete(String name, int expectedId) {
        if (!StorageClass.validName(name)) {
            return MfsStatus.EINVAL;
        }
        int id = find(name);
        if (id == 0) {
            return MfsStatus.NOSUCHCLASS;
        }
        if (id < FIRST_USER_ID) {
            return MfsStatus.EPERM;
        }
        if (expectedId != 0 && expectedId != id) {
            return MfsStatus.MISMATCH;
        }
        byId[id] = null;
        return MfsStatus.OK;
    }

    /** Replaces the whole table (a dump's SCLA section); the predefined ids stay defined if the list omits them. */
    public void load(List<StorageClass> classes) {
        reset();
        for (StorageClass c : classes) {
            byId[c.id()] = c;
        }
    }
}
