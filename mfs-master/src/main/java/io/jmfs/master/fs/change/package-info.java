/**
 * Namespace change records: MooseFS changelog operations as typed values. A record carries every resolved
 * value, so applying it to an identical namespace gives an identical result; replay checks the resolved values
 * (e.g. the inode number) against its own and reports {@code MISMATCH} when they differ.
 */
package io.jmfs.master.fs.change;
