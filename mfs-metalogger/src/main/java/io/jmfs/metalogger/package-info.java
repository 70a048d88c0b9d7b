/**
 * {@code mfsmetalogger}: follows a master over its 9419 port and keeps DATA_PATH a folder from which a master can
 * be rebuilt ({@code docs/metalogger.md}). {@link io.jmfs.metalogger.MetaloggerService} wires the
 * {@code config}, {@code store} and {@code net} packages into the daemon shell.
 */
package io.jmfs.metalogger;
