/**
 * Client sessions of the master: registration, reconnection, close, disconnection and expiry, and what a session
 * implies for each request (credential mapping, read-only, goal and trash-time limits, disabled operations).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Owned by the metadata thread: no locks, no network types. The client network layer decodes REGISTER and
 *       calls {@link io.jmfs.master.sessions.SessionRegistry}; time is always passed in (unix seconds).</li>
 *   <li>Session ids come from one counter that only grows (MooseFS's allocation, persisted with the metadata); an
 *       id is never reused.</li>
 *   <li>Every change that MooseFS logs returns a {@link io.jmfs.master.sessions.SessionChange} with all values
 *       resolved. Registration and the last disconnection send theirs to the recorder set with
 *       {@link io.jmfs.master.sessions.SessionRegistry#recordChangesTo} (the master's changelog: SESADD, SESCHANGED,
 *       SESDISCONNECTED); an expired session's SESDEL is the caller's to log, after the RELEASE lines of the files
 *       it still held, because MooseFS's replay of SESDEL drops them without lines of its own. Replay reads it back with
 *       {@link io.jmfs.master.sessions.SessionChangelog#parse} and goes through
 *       {@link io.jmfs.master.sessions.SessionRegistry#apply}, the same code the live path uses.</li>
 *   <li>Metadata dumps store {@link io.jmfs.master.sessions.SessionRegistry#toStore()} and load through
 *       {@link io.jmfs.master.sessions.SessionRegistry#restore}; open files are kept per session but stored by
 *       the namespace's open-files section.</li>
 *   <li>A session's {@link io.jmfs.master.exports.ExportGrant} is fixed at registration; reloading the exports
 *       affects new registrations only. A reconnect under changed exports is answered {@code EPERM}, which makes
 *       the real client register again with its session id.</li>
 * </ul>
 */
package io.jmfs.master.sessions;
