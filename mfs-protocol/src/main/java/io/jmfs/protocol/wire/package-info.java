/**
 * MooseFS framing ({@code type:32 length:32 payload}, big-endian): {@link io.jmfs.protocol.wire.FrameDecoder} with a
 * per-{@link io.jmfs.protocol.wire.PeerLink} maximum payload, {@link io.jmfs.protocol.wire.FrameEncoder} for raw
 * packets, {@link io.jmfs.protocol.wire.MessageEncoder} for typed messages, and
 * {@link io.jmfs.protocol.wire.TypedMessageDecoder} to turn packets into typed messages. A bad frame or packet closes
 * its connection with a logged reason; {@link io.jmfs.protocol.wire.Packet} payloads are reference-counted and owned
 * by the receiver.
 */
package io.jmfs.protocol.wire;
