/**
 * MooseFS 3.0.117 protocol values that need no Netty: packet ids ({@link io.jmfs.protocol.MessageType}), status codes,
 * versions and their format gates, the ATTR record, chunk geometry, CRC-32. State code (namespace, chunks) may use
 * these; the wire lives in {@code wire}, {@code codec} and {@code msg.*}.
 */
package io.jmfs.protocol;
