/**
 * The client side of the master (MATOCL, port 9421): mounts, libmfsio programs and admin tools.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Every connection lives on the metadata loop: a request is decoded, applied to the namespace and sessions,
 *       and its reply encoded on that one thread, so handlers call the state directly.</li>
 *   <li>Before REGISTER only the tool packets MooseFS allows unregistered (version, info) are answered; any other
 *       packet closes that connection. A malformed packet closes its connection only, before anything changed.</li>
 *   <li>Inode 1 on the wire is the session's root: requests are mapped to real inodes on the way in and the root
 *       is reported as 1 on the way out.</li>
 *   <li>Credentials are mapped through the session's export grant, and a read-only session gets EROFS for every
 *       modifying request before the namespace sees it.</li>
 *   <li>A lock request that must wait gets no reply until the lock manager grants, interrupts or cancels it; the
 *       connection registers itself for those deferred answers and unregisters when it closes.</li>
 *   <li>A mount registered under exports that a reload changed is disconnected (MooseFS's rule), at its next
 *       packet or idle tick.</li>
 * </ul>
 */
package io.jmfs.master.net.client;
