/**
 * Directory quotas as MooseFS 3.0.117 has them: per directory, soft and hard limits on inodes, length, size and
 * real size ({@link io.jmfs.master.quota.QuotaDefinition}, what a QUOTA changelog line and a QUOT dump record
 * carry), the usage of each quota'd directory ({@link io.jmfs.master.quota.Usage}) and the table of both
 * ({@link io.jmfs.master.quota.QuotaTable}).
 *
 * <p>Invariants:
 * <ul>
 *   <li><b>Pure state.</b> Metadata thread only; no I/O, no Netty, no locks.</li>
 *   <li><b>Usage only where a quota is.</b> Only directories with a definition carry a usage record; the
 *       namespace adds deltas to them when it changes something below them, and does nothing at all while the
 *       table is empty, so create and unlink cost nothing extra on a cluster without quotas.</li>
 *   <li><b>Usage is MooseFS's directory statistics</b>: everything below the directory (not the directory itself),
 *       counted once per directory entry (a file with two links below it counts twice), symlinks adding their
 *       target length, files their length, chunk size (with headers) and chunk size times the keep/archive copy
 *       count of their storage class.</li>
 *   <li><b>Definitions change only through {@link io.jmfs.master.quota.QuotaTable#apply}</b>, which the
 *       namespace's one mutation path calls for live requests and replay alike.</li>
 * </ul>
 */
package io.jmfs.master.quota;
