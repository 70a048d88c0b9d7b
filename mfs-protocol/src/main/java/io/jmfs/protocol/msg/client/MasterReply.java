package io.jmfs.protocol.msg.client;

import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;

/**
 * Packets the master sends to a client on port 9421, in the 3.0.117 formats (36-byte ATTR; the formats a client
 * announcing 3.0.113 or later gets). Each record's javadoc gives its grammar after the 8-byte header. Every reply
 * except MATOCL_FUSE_REGISTER starts with the request's {@code msgid:32}; unsolicited packets carry msgid 0. Any
 * reply can instead be a {@link Status} ({@code msgid:32 status:8}), which the client recognises by its length.
 * Decoding is {@link MasterReplies#decode}.
 *
 * <p>The records live in one sub-interface per concern, mirroring {@link ClientRequest}: {@link SessionReply},
 * {@link NamespaceReply}, {@link ChunkOpReply} (also the unsolicited chunk notices), {@link LockReply} and
 * {@link ToolReply}; only {@link Status}, which answers any request, stays here.
 */
public sealed interface MasterReply extends WireMessage
        permits SessionReply, NamespaceReply, ChunkOpReply, LockReply, ToolReply, MasterReply.Status {

    /** The echoed request id (0 for unsolicited packets and REGISTER replies). */
    int msgid();

    /** {@code msgid:32 status:8}: an error (or a plain OK) answer to the request of reply type {@code type}. */
    record Status(int type, int msgid, MfsStatus status) implements MasterReply {
        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(status.code());
        }
    }
}
