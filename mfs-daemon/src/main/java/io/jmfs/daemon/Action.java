package io.jmfs.daemon;

import java.util.Locale;
import java.util.Optional;

/** The actions of MooseFS's daemon command line. */
public enum Action {
    /** Start the daemon (the default). */
    START,
    /** Stop the running daemon cleanly (SIGTERM) and wait until it is gone. */
    STOP,
    /** Stop the running daemon if there is one, then start. */
    RESTART,
    /** Make the running daemon re-read its config file (SIGHUP). */
    RELOAD,
    /** Say whether the daemon runs; exit status 0 when it does, 1 when not. */
    TEST,
    /** Kill the running daemon (SIGKILL) and wait until it is gone. */
    KILL;

    /** The action named {@code word} as typed on the command line. */
    public static Optional<Action> parse(String word) {
        for (Action action : values()) {
            if (action.word().equals(word)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
