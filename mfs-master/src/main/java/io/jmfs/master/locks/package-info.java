/**
 * File locks held by client sessions: BSD {@code flock} locks (whole file, shared or exclusive) and POSIX byte-range
 * locks ({@code fcntl}), with MooseFS 3.0.117's semantics: a blocking request that cannot be granted is answered
 * later (when it is granted, interrupted or cancelled), through the {@link io.jmfs.master.locks.LockAnswers} of the
 * session's connection.
 *
 * <p>Invariants:
 * <ul>
 *   <li><b>Single owner.</b> Touched only by the master's metadata thread; no locks, no network types.</li>
 *   <li><b>Not persistent.</b> Locks live as long as the session keeps the file open: a file's locks go when the
 *       session closes it (FLOCK RELEASE, the mount's open-file list, session removal). They are not in
 *       metadata dumps or the changelog, as in MooseFS.</li>
 *   <li><b>A lock owner</b> is the pair (session id, client-side owner id); requests are matched to answers by the
 *       client's msgid and cancelled by its reqid.</li>
 * </ul>
 */
package io.jmfs.master.locks;
