/**
 * Test tools other modules may reuse through the mfs-protocol test-jar: golden packets captured from real MooseFS
 * 3.0.117 daemons, a pcap reader that cuts captures into MooseFS packets, leak detection for Netty buffers, and
 * encode/decode helpers.
 */
package io.jmfs.protocol.testing;
