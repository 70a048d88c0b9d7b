/**
 * Client-side caches that may go stale without harm: chunk locations per (inode, chunk index), invalidated by the
 * master's notifications and by failed reads; extended attribute answers per (inode, caller, name), updated by this
 * client's own changes. Every entry also expires on its own.
 */
package io.jmfs.client.cache;
