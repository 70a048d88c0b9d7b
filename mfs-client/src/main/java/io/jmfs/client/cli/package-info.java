/**
 * {@code bin/mfs}: Picocli commands over {@link io.jmfs.client.MfsClient}, one class per command, sharing the
 * master options in {@link io.jmfs.client.cli.MasterMixin}. Tool commands print the output formats of the real
 * MooseFS tools (mfsgetgoal, mfsfileinfo, mfscheckfile, ...).
 */
package io.jmfs.client.cli;
