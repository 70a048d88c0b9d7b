package io.jmfs.protocol;

import java.util.List;

/**
 * The caller's group list in a client request (GIDS). Two wire forms exist and peers tell them apart by packet
 * length: the counted form {@code gcnt:32 gid:32*gcnt} (what 3.0.117 clients send when they know a group) and the
 * single form {@code gid:32} (old clients; 3.0.117 clients use it with {@link #NO_GID} when they have no group).
 * The form is kept so that a decoded packet re-encodes byte for byte.
 *
 * @param gids group ids (unsigned 32-bit values in ints); exactly one for the single form
 * @param counted whether the counted form is used
 */
public record Gids(List<Integer> gids, boolean counted) {
    /** The value meaning "no group" in the single form. */
    public static final int NO_GID = 0xFFFFFFFF;

    public Gids {
        gids = List.copyOf(gids);
        if (counted && gids.isEmpty()) {
            throw new IllegalArgumentException("counted GIDS need at least one gid (use Gids.none())");
        }
        if (!counted && gids.size() != 1) {
            throw new IllegalArgumentException("single-gid form carries exactly one gid, got " + gids.size());
        }
    }

    /** The counted form with these groups (the first one is the primary group). */
    public static Gids of(int... gids) {
        Integer[] boxed = new Integer[gids.length]; // every request carries one: no stream pipeline per call
        for (int i = 0; i < gids.length; i++) {
            boxed[i] = gids[i];
        }
        return new Gids(List.of(boxed), true);
    }

    /** The single form with one gid. */
    public static Gids single(int gid) {
        return new Gids(List.of(gid), false);
    }

    /** "No group": what a 3.0.117 client sends when it has no gid. */
    public static Gids none() {
        return single(NO_GID);
    }

    /** Group ids that count for permission checks (empty for {@link #none()}). */
    public List<Integer> effective() {
        return !counted && gids.getFirst() == NO_GID ? List.of() : gids;
    }

    /** Bytes on the wire. */
    public int wireSize() {
        return counted ? 4 + 4 * gids.size() : 4;
    }
}
