/**
 * The master's configuration keys ({@code mfsmaster.cfg}), with MooseFS 3.0.117's names and defaults.
 */
package io.jmfs.master.config;
