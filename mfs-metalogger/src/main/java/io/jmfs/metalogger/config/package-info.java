/**
 * The metalogger's configuration keys ({@code mfsmetalogger.cfg}), with MooseFS 3.0.117's names and defaults.
 */
package io.jmfs.metalogger.config;
