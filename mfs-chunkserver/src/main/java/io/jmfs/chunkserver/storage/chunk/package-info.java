/**
 * Chunks on disk: the MooseFS 3.0 chunk file format ({@link io.jmfs.chunkserver.storage.chunk.ChunkFormat},
 * {@link io.jmfs.chunkserver.storage.chunk.ChunkFileName}), the chunk registry, every chunk command (create,
 * delete, set version, duplicate, truncate, duplicate-and-truncate, read with CRC verification, write with CRC
 * check), the background disk scan and the background CRC test, behind
 * {@link io.jmfs.chunkserver.storage.chunk.ChunkStorage}.
 *
 * <p>Invariants: a chunk's file state is touched only by that chunk's ordered worker; data leaves
 * {@code read} only after its whole block matched the stored CRC; a write is CRC-checked before it touches the
 * disk; the CRC table on disk is updated with the data, so a file written by us reads back in the real
 * chunkserver and vice versa. The {@code .chunkdb} list of a disk is deleted at scan and written again only at a
 * clean stop of a completely scanned, undamaged disk without duplicates ({@code ChunkDbWriter}), so the real
 * chunkserver never trusts a list older than the disk. No Netty here.
 */
package io.jmfs.chunkserver.storage.chunk;
