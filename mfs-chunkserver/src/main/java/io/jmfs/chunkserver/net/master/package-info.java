/**
 * The link to the master (9420): registration with the chunk list and space, keepalive, reconnection after a
 * master restart, space/load reports, reports of chunks found, damaged or lost, and the master's chunk commands
 * executed in storage with their results reported back.
 *
 * <p>Invariants: all link state lives on the link's single event loop; storage callbacks hop onto it; no disk I/O
 * runs on it (identity files are written on a separate thread).
 */
package io.jmfs.chunkserver.net.master;
