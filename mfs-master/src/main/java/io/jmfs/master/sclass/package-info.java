/**
 * MooseFS 3.0 storage classes: named definitions of where a file's chunk copies go (one label expression per copy
 * for creation, keeping and archiving), the table of them the master keeps (ids 1..9 are the predefined classic
 * goals, user classes from 10 up), and their SCLA dump section. Label expressions arrive from the tools already
 * compiled to bit masks (labels A..Z are bits 0..25); the master only stores and matches them.
 *
 * <p>Invariants: a defined class has 1..9 expressions in each of its three lists; names are 1..255 bytes without
 * NUL and unique. Pure state: no I/O, no Netty.
 */
package io.jmfs.master.sclass;
