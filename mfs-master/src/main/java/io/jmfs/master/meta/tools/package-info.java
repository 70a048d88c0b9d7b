/**
 * Command-line tools over metadata files: {@code mfsmetadump} (print a dump), {@code mfsmetarestore} (dump plus
 * changelogs to a new dump), {@code mfsmetacheck} (the master's consistency check). They use the master's own
 * loader and replay, standalone, and never touch a running master's files except {@code mfsmetarestore -a}, which
 * writes the restored metadata.mfs into the data folder as MooseFS's does.
 */
package io.jmfs.master.meta.tools;
