package io.jmfs.client;

import io.jmfs.protocol.Gids;

/** Who the client acts as: the uid and gids sent with every permission-checked request. */
public record Credentials(int uid, int gid) {
    public static final Credentials ROOT = new Credentials(0, 0);

    /** The uid/gid of this process (read from /proc/self/status), root if they cannot be found. */
    public static Credentials ofCurrentProcess() {
        try {
            int uid = 0;
            int gid = 0;
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = Integer.parseInt(line.split("\\s+")[1]);
                } else if (line.startsWith("Gid:")) {
                    gid = Integer.parseInt(line.split("\\s+")[1]);
                }
            }
            return new Credentials(uid, gid);
        } catch (java.io.IOException | RuntimeException e) {
            return ROOT;
        }
    }

    public Gids gids() {
        return Gids.of(gid);
    }

    public boolean isRoot() {
        return uid == 0;
    }
}
