/** What the daemons ask of the operating system beyond the JDK (per-thread CPU priority), through the FFM API. */
package io.jmfs.daemon.os;
