/**
 * The master's view of its chunkservers (MooseFS's {@code csdb.c} and the state half of {@code matocsserv.c}):
 * who is registered, with which stable id, how full and how busy each one is, which are in maintenance, how
 * far apart two addresses are in {@code mfstopology.cfg}, and which servers should receive new copies.
 *
 * <p>Invariants:
 * <ul>
 *   <li><b>Single owner.</b> Touched only by the master's metadata thread: no locks, no threads, no network types.
 *       Servers are told apart by ip <em>and</em> port, so several chunkservers on one loopback address are
 *       distinct servers.</li>
 *   <li><b>Stable ids.</b> A csid (1..65535) belongs to one ip:port for as long as the registry remembers it; a
 *       server that reconnects from the same ip:port gets its old csid back, and a server that presents a known
 *       csid from a new address keeps the csid (its address is updated). Ids are never handed to two servers.</li>
 *   <li><b>Deterministic choice.</b> {@link io.jmfs.master.cluster.ServerSelector} orders servers by space usage
 *       and counters only (ties by csid), so the same state always yields the same choice; tests rely on it.</li>
 *   <li><b>Maintenance.</b> A server in maintenance never appears in a creation or replication-destination list.</li>
 * </ul>
 */
package io.jmfs.master.cluster;
