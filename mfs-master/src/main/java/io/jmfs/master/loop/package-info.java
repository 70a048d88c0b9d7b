/**
 * The metadata loop: the one thread that owns the master's metadata (namespace, sessions, chunks), like MooseFS's
 * single poll loop.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Every connection of every master listener is served on this thread: a packet is decoded, handled against
 *       the metadata and its reply encoded without a hand-off to another thread.</li>
 *   <li>Timers (session expiry, trash maintenance) run on it too, so state code needs no locks.</li>
 *   <li>State code sees only {@link io.jmfs.master.loop.MetadataLoop} (plain Java); the Netty group behind it is
 *       visible to the network composition alone.</li>
 *   <li>Nothing blocking runs here: disk writes and other slow work go to other threads and report back through
 *       {@link io.jmfs.master.loop.MetadataLoop#execute}.</li>
 * </ul>
 */
package io.jmfs.master.loop;
