/**
 * The master's namespace (MooseFS's {@code filesystem.c} concern): inodes of every type, directory entries,
 * hard links, attributes, trash and sustained files, extended attributes, inode-number reuse, per-node storage
 * class (goal), trash time and extra attributes with their subtree forms, paths and directory statistics.
 *
 * <p>Invariants:
 * <ul>
 *   <li><b>Single owner.</b> All state here is touched only by the master's metadata thread. No locks, no
 *       {@code synchronized}, no threads, no network types.</li>
 *   <li><b>One apply path.</b> Every mutation is validated by an operation family ({@code CreateOps},
 *       {@code RemoveOps}, {@code AttrOps}, {@code XattrOps}, {@code TrashOps}, {@code PolicyOps}, {@code SnapshotOps}), its values resolved (new inode
 *       number, timestamps from the injected {@link io.jmfs.master.fs.MetaClock}), recorded as a
 *       {@link io.jmfs.master.fs.change.Change} to the {@link io.jmfs.master.fs.change.ChangeSink}, and only then
 *       applied by {@code Applier}, the same code {@link io.jmfs.master.fs.Namespace#replay} runs.
 *       Nothing else mutates {@code FsState}.</li>
 *   <li><b>Deterministic.</b> Given the same starting state and the same changes, the result is identical,
 *       including inode numbers (lowest free number, reuse only after the delay and a logged FREEINODES) and
 *       edge ids (counting down from 2^63-2).</li>
 *   <li><b>Compact.</b> Nodes and entries live column-wise in paged primitive arrays
 *       ({@link io.jmfs.master.fs.store}); names are bytes in an arena; no object per inode.</li>
 *   <li><b>Storage classes.</b> Every directory and file carries a class id of the state's
 *       {@link io.jmfs.master.sclass.StorageClassTable} (1..9 predefined, equal to goals 1..9, the root starting at
 *       2; user classes from 10), inherited from the parent at creation; a file's chunks are told their class
 *       through {@link io.jmfs.master.fs.ChunkReleaser#goalChanged} whenever it changes. A class in use by any
 *       node cannot be deleted.</li>
 *   <li><b>Chunk references follow the slots.</b> A chunk's file count changes only when a file's chunk slot does
 *       (SETFILECHUNK, truncation, removal, a SNAPSHOT copying the file's slots, a WRITE or TRUNC line placing a new
 *       chunk), through {@link io.jmfs.master.fs.ChunkReleaser}; the chunk records count nothing themselves.</li>
 *   <li><b>Archive flags follow ARCHCHG.</b> Chunks' archive flags are read and changed only through
 *       {@link io.jmfs.master.fs.ChunkArchiveFlags}, and changed only while an ARCHCHG change applies (ARCHCTL SET/CLR
 *       and the archive-delay sweep alike).</li>
 * </ul>
 */
package io.jmfs.master.fs;
