/**
 * Compact storage for the namespace: paged primitive columns indexed by inode number or edge slot, a name
 * arena, a primitive chained hash over (parent, name), and the inode-number allocator. Pure data structures
 * with no MooseFS rules beyond numbering; owned by the metadata thread, not thread-safe.
 */
package io.jmfs.master.fs.store;
