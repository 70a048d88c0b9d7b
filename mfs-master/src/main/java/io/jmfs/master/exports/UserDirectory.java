package io.jmfs.master.exports;

import java.util.Optional;

/**
 * Looks up users and groups named in {@code maproot=} and {@code mapall=}; MooseFS resolves them on the master
 * host, and so do we (see {@link EtcFilesUserDirectory}).
 */
public interface UserDirectory {

    /** A user account: its id and primary group. */
    record User(String name, int uid, int primaryGid) {
    }

    Optional<User> userByName(String name);

    Optional<User> userById(int uid);

    Optional<Integer> groupIdByName(String name);

    /** The master host's {@code /etc/passwd} and {@code /etc/group}. */
    static UserDirectory system() {
        return EtcFilesUserDirectory.system();
    }
}
