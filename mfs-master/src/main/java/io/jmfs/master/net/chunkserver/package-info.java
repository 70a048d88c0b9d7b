/**
 * The master's chunkserver port (MATOCS, 9420): registration (rver 60, the chunk list in acknowledged batches of
 * rver 61, END 62, graceful stop 63), space/load/label and chunk reports, and the chunk commands the chunk layer
 * sends through {@link io.jmfs.master.net.chunkserver.ChunkserverLinks}, whose answers are routed back to
 * {@link io.jmfs.master.chunks.ChunkManager}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Every connection lives on the metadata loop, so handlers call the chunk layer directly, without locks.</li>
 *   <li>A connection speaks for one chunkserver (one csid) from its accepted rver 60 until it closes; anything but
 *       registration, NOP and GET_VERSION before that closes it.</li>
 *   <li>A malformed or out-of-order packet closes that connection only, with the reason logged; its copies leave
 *       the chunk registry when it closes, as for any disconnection.</li>
 *   <li>Unlike MooseFS, chunkservers on 127.0.0.0/8 are accepted (single-host clusters tell them apart by port).</li>
 * </ul>
 */
package io.jmfs.master.net.chunkserver;
