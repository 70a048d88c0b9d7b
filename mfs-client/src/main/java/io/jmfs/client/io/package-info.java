/**
 * The client's data path: connections to chunkservers (port 9422), chunk reads with per-packet CRC checks and
 * failover to other copies, chained chunk writes, and per-file read-ahead ({@link io.jmfs.client.io.FileReader})
 * and write-back ({@link io.jmfs.client.io.FileWriter}) buffering. Master calls go through
 * {@link io.jmfs.client.io.ChunkMaster} so the data path can be tested against fakes.
 */
package io.jmfs.client.io;
