/**
 * The master's chunk management state (MooseFS's {@code chunks.c} concern): the chunk registry, the write path
 * (new chunks, copy-on-write, version increases, locks, truncation), read lookups, what chunkservers report, and
 * the background chunk loop that keeps every chunk at its goal.
 *
 * <p>Invariants:
 * <ul>
 *   <li><b>Single owner, no transport.</b> Touched only by the master's metadata thread: no locks, no threads, no
 *       Netty. Time comes from the injected {@link io.jmfs.master.fs.MetaClock}; commands to chunkservers go out
 *       through {@link io.jmfs.master.chunks.ChunkserverGateway} and their answers come back as method calls,
 *       correlated by (csid, chunk id).</li>
 *   <li><b>One mutation path for persistent state.</b> Chunk ids, versions and locks change only by a
 *       {@link io.jmfs.master.chunks.ChunkChange} recorded to the sink and then applied by
 *       {@link io.jmfs.master.chunks.ChunkRegistry#apply}, the method replay calls. The records are MooseFS's
 *       changelog operations (WRITE, TRUNC, ROLLBACK, UNLOCK, SETVERSION, CHUNKADD, CHUNKDEL, ...): a WRITE or TRUNC
 *       names only its resulting chunk, and {@code apply} decides new chunk, copy-on-write or version increase from
 *       the state exactly as the live path did, changing the file's slot through
 *       {@link io.jmfs.master.chunks.FileChunkSlots} (the namespace's replay path) in the same step. Copies, pending operations and
 *       counters are volatile: chunkservers report copies again after a restart. The only unrecorded lock changes
 *       are lock expiry and the transient lock of an undergoal replication, both derivable from time.</li>
 *   <li><b>Ids are never reused.</b> {@code nextChunkId} only grows, also past ids adopted from chunkservers.</li>
 *   <li><b>One operation per chunk.</b> While a client-visible operation or an undergoal replication runs, the
 *       chunk is busy; requests for a busy or locked chunk wait in a queue and run again when it becomes free
 *       (write end, lock timeout, operation end), they are never refused for being locked.</li>
 *   <li><b>Versions.</b> A write increases the version first only when the copies may have diverged
 *       ({@code needVersionIncrease}: after load, a copy reported, lost, replicated or deleted, an interrupted
 *       operation); a copy whose reported version differs from the chunk's is WRONG_VERSION and is deleted once a
 *       valid copy exists.</li>
 *   <li><b>Maintenance.</b> Servers in maintenance receive no new copies; while every missing server is in
 *       maintenance no undergoal replication starts (their copies are expected back).</li>
 * </ul>
 */
package io.jmfs.master.chunks;
