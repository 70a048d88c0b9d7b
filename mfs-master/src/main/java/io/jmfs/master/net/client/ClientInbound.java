package io.jmfs.master.net.client;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.client.ClientRequests;
import io.jmfs.protocol.msg.common.CommonMessages;
import io.netty.buffer.ByteBuf;

/**
 * Decodes what arrives on port 9421: the client requests, plus the few packets every MooseFS port answers
 * (GET_VERSION), the packets ignored everywhere (UNKNOWN_COMMAND, BAD_COMMAND_SIZE, and NOPs of any length), and
 * mfscli's INFO, MEMORY_INFO, MISSING_CHUNKS and the monitoring lists of {@link AdminReports}. Anything else is malformed and closes the connection.
 */
final class ClientInbound {

    /** A packet that is accepted and ignored. */
    enum Ignored { PACKET }

    /** CLTOMA_INFO (510), no payload: mfscli's "master info" request. */
    record InfoRequest() {
    }

    /** CLTOMA_MEMORY_INFO (528), no payload: mfscli's memory breakdown request. */
    record MemoryInfoRequest() {
    }

    /** CLTOMA_MISSING_CHUNKS (544), {@code [mode:8]}: mfscli's list of chunks found missing. */
    record MissingChunksRequest() {
    }

    /** An mfscli monitoring request answered by {@link AdminReports}: no payload, or one mode byte. */
    record AdminRequest(int type) {
    }

    private ClientInbound() {
    }

    static Object decode(int type, ByteBuf payload) throws MalformedPacketException {
        if (type == MessageType.ANTOAN_UNKNOWN_COMMAND.id() || type == MessageType.ANTOAN_BAD_COMMAND_SIZE.id()
                || (type == MessageType.ANTOAN_NOP.id() && payload.readableBytes() != 4)) {
            payload.skipBytes(payload.readableBytes());
            return Ignored.PACKET;
        }
        if (type == MessageType.ANTOAN_GET_VERSION.id()) {
            return CommonMessages.decode(type, payload, payload.readableBytes() == 4);
        }
        if (type == MessageType.CLTOMA_INFO.id()) {
            if (payload.readableBytes() != 0) {
                throw new MalformedPacketException(type, "CLTOMA_INFO carries no payload, got " + payload.readableBytes()
                        + " bytes");
            }
            return new InfoRequest();
        }
        if (type == MessageType.CLTOMA_MEMORY_INFO.id()) {
            if (payload.readableBytes() != 0) {
                throw new MalformedPacketException(type, "CLTOMA_MEMORY_INFO carries no payload, got "
                        + payload.readableBytes() + " bytes");
            }
            return new MemoryInfoRequest();
        }
        if (type == MessageType.CLTOMA_MISSING_CHUNKS.id()) {
            if (payload.readableBytes() > 1) {
                throw new MalformedPacketException(type, "CLTOMA_MISSING_CHUNKS carries at most a mode byte, got "
                        + payload.readableBytes() + " bytes");
            }
            payload.skipBytes(payload.readableBytes());
            return new MissingChunksRequest();
        }
        if (AdminReports.isAdminRequest(type)) {
            if (payload.readableBytes() > 1) {
                throw new MalformedPacketException(type, "monitoring requests carry at most a mode byte, got "
                        + payload.readableBytes() + " bytes");
            }
            payload.skipBytes(payload.readableBytes());
            return new AdminRequest(type);
        }
        if (SclassAdmin.handles(type)) {
            return SclassAdmin.decode(type, payload);
        }
        return ClientRequests.decode(type, payload);
    }
}
