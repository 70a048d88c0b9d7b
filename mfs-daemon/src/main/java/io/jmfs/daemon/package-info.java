/**
 * The daemon shell shared by mfsmaster, mfschunkserver and mfsmetalogger: MooseFS's command line and actions
 * (start, stop, restart, reload, test, kill), the config file, the lock file in DATA_PATH, logging, signals and the
 * background start.
 *
 * <p>A daemon describes itself with a {@link io.jmfs.daemon.DaemonDefinition} and runs through
 * {@link io.jmfs.daemon.DaemonLauncher#main}. Its {@link io.jmfs.daemon.DaemonService} only starts, reloads and
 * stops; the shell owns the process: one lifecycle thread calls the service, so start, reload and stop never
 * overlap. The lock file is the single source of truth for "is it running": it is locked (fcntl, as MooseFS does,
 * so a real MooseFS daemon and ours see each other's lock) for the whole life of the daemon and holds its pid.
 */
package io.jmfs.daemon;
