package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.Gids;
import io.jmfs.protocol.wire.WireMessage;

/**
 * Packets a client (mfsmount, libmfsio, tools) sends to the master on port 9421, in the forms a 3.0.117 client
 * sends. Each record's javadoc gives its grammar after the 8-byte header; {@code GIDS} is {@code gcnt:32 gid:32*gcnt}
 * or the single {@code gid:32} form (see {@link Gids}). Decoding is {@link ClientRequests#decode}.
 *
 * <p>Every request except REGISTER, SUSTAINED_INODES and AMTIME_INODES starts with {@code msgid:32}, which the master
 * echoes in its reply; for those three {@link #msgid()} is 0.
 *
 * <p>The records live in one sub-interface per concern: {@link SessionRequest} (registration, keepalive, time,
 * open-file reports), {@link NamespaceRequest} (names, attributes, xattrs, ACLs), {@link ChunkRequest} (chunk
 * locations, write end, truncate), {@link LockRequest} (flock, POSIX locks) and {@link ToolRequest} (mfs tools).
 */
public sealed interface ClientRequest extends WireMessage
        permits SessionRequest, NamespaceRequest, ChunkRequest, LockRequest, ToolRequest {

    /** The id the reply must echo (0 for packets that carry none). */
    int msgid();
}
