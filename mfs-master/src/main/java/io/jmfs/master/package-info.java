/**
 * The master daemon's entry: {@link io.jmfs.master.MasterMain} (run by {@code bin/mfsmaster} through the daemon shell)
 * and {@link io.jmfs.master.MasterService}, which binds the MATOML, MATOCS and MATOCL listeners with the
 * pipelines of {@link io.jmfs.master.MasterPipelines}: the seam where the protocol handlers plug in.
 */
package io.jmfs.master;
