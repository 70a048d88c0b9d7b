/**
 * The chunkserver's configuration keys ({@code mfschunkserver.cfg}), with MooseFS 3.0.117's names and defaults.
 */
package io.jmfs.chunkserver.config;
