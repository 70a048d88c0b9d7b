package io.jmfs.master.cluster;

/**
 * The load status a chunkserver reports in {@code CSTOMA_CURRENT_LOAD} ({@code hlstatus}), plus the master's own
 * "not reported yet" default. Overloaded servers get no new chunks; servers asking for rebalance still do.
 */
public enum HealthStatus {
    DEFAULT(0), OK(1), OVERLOADED(2), REBALANCE(3), GRACEFUL(4);

    private final int code;

    HealthStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status for a reported byte; unknown values count as {@link #OK} rather than failing the session. */
    public static HealthStatus ofCode(int code) {
        for (HealthStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return OK;
    }

    /** Whether the server may take new chunk copies (created or replicated). */
    public boolean acceptsNewCopies() {
        return this == DEFAULT || this == OK || this == REBALANCE;
    }
}
