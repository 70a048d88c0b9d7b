package io.jmfs.chunkserver.net.master;

/**
 * The "heavy load" status of CSTOMA_CURRENT_LOAD, from the number of busy disk workers, with MooseFS's
 * hysteresis: overloaded above 3/4 of WORKERS_MAX (250) busy workers, OK again below 2/4, unchanged in between.
 * The master avoids placing new chunks on an overloaded server. Not thread-safe: one per master session.
 */
final class LoadStatus {
    static final int OK = 1;
    static final int OVERLOADED = 2;
    static final int WORKERS_MAX = 250;
    private static final int HIGH_MARK = WORKERS_MAX * 3 / 4;
    private static final int LOW_MARK = WORKERS_MAX * 2 / 4;

    private int status = OK;

    /** The status to report with {@code load} busy workers. */
    int update(int load) {
        if (load > HIGH_MARK) {
            status = OVERLOADED;
        } else if (load < LOW_MARK) {
            status = OK;
        }
        return status;
    }
}
