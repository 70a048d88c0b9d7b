/**
 * Typed client&lt;-&gt;master messages (port 9421). Layouts are those a 3.0.117 mount sends and receives; decoders
 * accept exactly the sizes the grammar implies and report anything else as a
 * {@link io.jmfs.protocol.codec.MalformedPacketException}.
 *
 * <p>Layout, one file per concern so a message is found by its subject:
 * <ul>
 *   <li>{@link io.jmfs.protocol.msg.client.ClientRequest} is the sealed root of what a client sends (decoded by
 *       {@link io.jmfs.protocol.msg.client.ClientRequests}); its records live in
 *       {@link io.jmfs.protocol.msg.client.SessionRequest} (REGISTER variants, NOP, TIME_SYNC, sustained/amtime
 *       inode reports), {@link io.jmfs.protocol.msg.client.NamespaceRequest} (statfs, access, lookup, attributes,
 *       directory entries, open/create, xattrs, ACLs), {@link io.jmfs.protocol.msg.client.ChunkRequest} (read/write
 *       chunk, write end, truncate), {@link io.jmfs.protocol.msg.client.LockRequest} (flock, POSIX locks) and
 *       {@link io.jmfs.protocol.msg.client.ToolRequest} (trash time, storage class, eattr, dir stats, check,
 *       snapshot, paths, class list; new tool calls go here).</li>
 *   <li>{@link io.jmfs.protocol.msg.client.MasterReply} is the sealed root of what the master answers (decoded by
 *       {@link io.jmfs.protocol.msg.client.MasterReplies}); it keeps only the generic
 *       {@link io.jmfs.protocol.msg.client.MasterReply.Status}, the other records mirror the request split in
 *       {@link io.jmfs.protocol.msg.client.SessionReply}, {@link io.jmfs.protocol.msg.client.NamespaceReply},
 *       {@link io.jmfs.protocol.msg.client.ChunkOpReply} (also the unsolicited chunk/length/cache notices; not
 *       named ChunkReply because that is one of its records), {@link io.jmfs.protocol.msg.client.LockReply} and
 *       {@link io.jmfs.protocol.msg.client.ToolReply}.</li>
 * </ul>
 * Both roots stay sealed over their sub-interfaces, so a switch over all records of a root is still exhaustive.
 * Record names repeat across the two sides (e.g. {@code NamespaceRequest.Lookup} / {@code NamespaceReply.Lookup}),
 * so users refer to them qualified by their sub-interface.
 */
package io.jmfs.protocol.msg.client;
