/**
 * The data port (9422): client reads, write chains through the other copies, reads and block counts for
 * replication, and the disk list for {@code mfscli -SHD}.
 *
 * <p>Invariants: handlers run on Netty event loops and never touch a disk; every storage call returns a future that
 * completes on a storage thread, and its answer is written back from the connection's event loop. Write statuses go
 * back in the order the data arrived, each only after the local write and the rest of the chain both finished;
 * data that arrives before the chain is open (clients do not wait for it) is held until it is, not refused. The
 * write data path copies each block once (out of the receive buffer) and the read path not at all (disk to a pooled
 * buffer that is sent as is).
 * A malformed packet closes only its own connection, with a logged reason.
 */
package io.jmfs.chunkserver.net.data;
