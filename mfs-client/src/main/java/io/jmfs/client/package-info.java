/**
 * The Java API of the MooseFS client: {@link io.jmfs.client.MfsClient} (one master session, metadata operations by
 * inode and by path) and {@link io.jmfs.client.MfsFile} (an open file with read-ahead and write-back buffering).
 * Refusals by the master or a chunkserver surface as {@link io.jmfs.client.MfsException} carrying the status.
 */
package io.jmfs.client;
