/**
 * The chunkserver daemon's entry: {@link io.jmfs.chunkserver.ChunkserverMain} (run by {@code bin/mfschunkserver}
 * through the daemon shell) and {@link io.jmfs.chunkserver.ChunkserverService}, which binds CSSERV_LISTEN_HOST/PORT
 * with the data pipeline it is given.
 */
package io.jmfs.chunkserver;
