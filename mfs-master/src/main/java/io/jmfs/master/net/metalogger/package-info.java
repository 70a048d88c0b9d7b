/**
 * The master's side of port 9419: metaloggers register, download the newest dump and the two newest changelogs,
 * and then receive every changelog line live ({@code MATOAN_METACHANGES_LOG}).
 *
 * <ul>
 *   <li>{@link io.jmfs.master.net.metalogger.MetaloggerHub} hears the changelog (a
 *       {@link io.jmfs.master.meta.ChangelogListener}), keeps the recent lines in a {@link
 *       io.jmfs.master.net.metalogger.ChangeHistory} and fans them out to the registered connections.</li>
 *   <li>{@link io.jmfs.master.net.metalogger.MetaloggerSession}: one connection; a metalogger that registers with the
 *       next version it needs (rver 2) first gets the missing lines from the history, in batches, then the live
 *       stream.</li>
 *   <li>{@link io.jmfs.master.net.metalogger.FileUploads}: the files a metalogger downloads, opened and read on a
 *       file thread so that a 1 MB read never stalls the metadata loop.</li>
 * </ul>
 * Invariants: everything but file reads runs on the metadata loop; each connection gets the lines in version order,
 * each exactly once, with no gap unless the history no longer holds what it asked for (then, like MooseFS, the
 * live stream starts and the metalogger notices the gap itself); the 3.0.117 metalogger's needs are met (NUL-ended
 * {@code FF} records only, never {@code AA}).
 */
package io.jmfs.master.net.metalogger;
