/**
 * Typed client&lt;-&gt;master messages (port 9421): {@link io.jmfs.protocol.msg.client.ClientRequest} (decoded by
 * {@link io.jmfs.protocol.msg.client.ClientRequests}) and {@link io.jmfs.protocol.msg.client.MasterReply} (decoded by
 * {@link io.jmfs.protocol.msg.client.MasterReplies}). Layouts are those a 3.0.117 mount sends and receives; decoders
 * accept exactly the sizes the grammar implies and report anything else as a
 * {@link io.jmfs.protocol.codec.MalformedPacketException}.
 */
package io.jmfs.protocol.msg.client;
