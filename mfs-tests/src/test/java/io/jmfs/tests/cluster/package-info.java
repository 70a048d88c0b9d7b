/**
 * The cluster fixture: our own master, chunkservers and metalogger started on 127.0.0.1 through the {@code bin/}
 * launchers, with MooseFS-format configuration files, free ports and temporary data folders.
 *
 * <p>Invariants: a started {@link io.jmfs.tests.cluster.LocalCluster} has reached the asked {@link
 * io.jmfs.tests.cluster.Readiness} (by default every chunkserver and the metalogger connected to the master), or its
 * start failed with the log of the daemon that did not get there; close stops every daemon and deletes the data,
 * while logs and configuration stay in the test's log folder.
 */
package io.jmfs.tests.cluster;
