package io.jmfs.master.net.client;

import io.jmfs.master.fs.Credentials;
import io.jmfs.master.sessions.Session;
import io.jmfs.protocol.Gids;
import java.util.List;

/**
 * How one session sees the namespace: its root directory is inode 1 on the wire, and callers' identities pass
 * through its export mapping.
 */
final class SessionScope {
    /** The gid used when a client sends no group at all (MooseFS's "no gid" marker). */
    private static final int NO_GID = Gids.NO_GID;

    private final Session session;
    private final boolean tool;

    SessionScope(Session session) {
        this(session, false);
    }

    /** {@code tool}: registered as a tool (REGISTER TOOLS), not a mount. */
    SessionScope(Session session, boolean tool) {
        this.session = session;
        this.tool = tool;
    }

    /** Whether the connection is a tool's, not a mount's (some answers differ in form). */
    boolean tool() {
        return tool;
    }

    Session session() {
        return session;
    }

    /** The real inode a request's inode names. */
    int real(int wireInode) {
        return wireInode == 1 ? session.rootInode() : wireInode;
    }

    /** The inode to report for a real one. */
    int wire(int realInode) {
        return realInode == session.rootInode() ? 1 : realInode;
    }

    boolean isRoot(int realInode) {
        return realInode == session.rootInode();
    }

    Credentials credentials(int uid, Gids gids) {
        List<Integer> effective = gids.effective();
        if (effective.isEmpty()) {
            return session.map(uid, new int[] {NO_GID});
        }
        int[] g = new int[effective.size()];
        for (int i = 0; i < g.length; i++) { // every request: no stream pipeline for one or two gids
            g[i] = effective.get(i);
        }
        return session.map(uid, g);
    }

    Credentials credentials(int uid, int gid) {
        return session.map(uid, gid);
    }
}
