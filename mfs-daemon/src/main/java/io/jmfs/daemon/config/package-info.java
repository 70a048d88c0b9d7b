/**
 * MooseFS-format configuration files: {@code KEY = VALUE} lines, {@code #} comment lines, blank lines.
 *
 * <p>Each daemon declares its keys as typed {@link io.jmfs.daemon.config.ConfigKey}s with MooseFS 3.0's names and
 * defaults, gathered in a {@link io.jmfs.daemon.config.ConfigSchema}. {@link io.jmfs.daemon.config.ConfigLoader}
 * parses and validates the whole file at once, so a {@link io.jmfs.daemon.config.Config} never holds an unparsed or
 * invalid value: a bad value is refused with file, line and key; an unknown key only draws a warning (MooseFS
 * ignores keys it does not read). Values are immutable; a reload builds a new {@code Config}.
 */
package io.jmfs.daemon.config;
