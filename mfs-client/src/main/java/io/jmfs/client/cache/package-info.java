/**
 * Client-side caches that may go stale without harm: chunk locations per (inode, chunk index). Invalidated by the
 * master's notifications and by failed reads; every entry also expires on its own.
 */
package io.jmfs.client.cache;
