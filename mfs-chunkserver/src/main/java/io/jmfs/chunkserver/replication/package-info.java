/**
 * Fetching a chunk from another chunkserver on the master's REPLICATE command: ask the source for its block count,
 * read the blocks with the 20-byte READ, write them into a version-0 copy, and commit the version only when every
 * block arrived intact (otherwise the partial copy is deleted).
 */
package io.jmfs.chunkserver.replication;
