/**
 * Threads for disk I/O. {@link io.jmfs.chunkserver.storage.io.OrderedExecutor} runs tasks keyed by chunk id on a
 * shared pool of worker threads: tasks with the same key run one after another in submission order, tasks with
 * different keys may run in parallel. Callers (Netty event loops among them) only ever get
 * {@link java.util.concurrent.CompletableFuture}s back and never block on disk I/O.
 */
package io.jmfs.chunkserver.storage.io;
