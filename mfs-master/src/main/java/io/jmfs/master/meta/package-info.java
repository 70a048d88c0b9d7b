/**
 * Master persistence: the changelog and the metadata dumps, in MooseFS 3.0.117's formats.
 *
 * <ul>
 *   <li>Every change of the state packages (namespace, chunks, chunkserver database, sessions) reaches a
 *       {@link io.jmfs.master.meta.ChangeRouter}, gets the next metadata version from the
 *       {@link io.jmfs.master.meta.Changelog} (one sequence for all kinds) and is appended to
 *       {@code changelog.0.mfs} by the {@link io.jmfs.master.meta.ChangelogWriter} thread.</li>
 *   <li>{@link io.jmfs.master.meta.DumpWriter} / {@link io.jmfs.master.meta.DumpReader}: metadata.mfs
 *       ({@code MFSM 2.0}), byte-compatible with MooseFS 3.0.117 in both directions.</li>
 *   <li>{@link io.jmfs.master.meta.ChangelogParser} and {@link io.jmfs.master.meta.Replayer}: changelog lines back
 *       to typed changes, applied through the same methods as live operations.</li>
 *   <li>{@link io.jmfs.master.meta.MetadataStartup}: which files to load at start, refusal or {@code -a} recovery;
 *       {@link io.jmfs.master.meta.MetaPersistence}: the running master's rotations and dumps (built off the
 *       metadata thread from the previous dump plus changelogs, see docs/persistence.md).</li>
 * </ul>
 * Invariants: a dump's header version is the first change it does not contain; changelog versions increase by
 * exactly one; metadata.mfs is always a complete dump (replaced by rename); nothing here imports Netty. The state
 * objects are touched only by the thread that owns them (the metadata loop, or a dump thread's private copy).
 */
package io.jmfs.master.meta;
