package io.jmfs.protocol.msg.chunkserver;

import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.codec.WireReader;
import io.jmfs.protocol.msg.chunkserver.ChunkserverToMaster.*;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.AuthChallenge;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.ChunkBatchAck;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.Create;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.Delete;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.DupTrunc;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.Duplicate;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.MasterAck;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.Replicate;
import io.jmfs.protocol.msg.chunkserver.MasterToChunkserver.SetVersion;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decoders for the master&lt;-&gt;chunkserver link (9420). NOPs (type 0, length 0) are common messages and not
 * decoded here. The payload's reader index is advanced; the buffer is not released.
 */
public final class ChunkserverMessages {
    private static final int REGISTER_BEGIN_SIZE = 55;
    private static final int PASSCODE_SIZE = 16;

    private ChunkserverMessages() {
    }

    /** Decodes a packet the master received from a chunkserver. */
    public static ChunkserverToMaster decodeFromChunkserver(int type, ByteBuf payload)
            throws MalformedPacketException {
        WireReader r = new WireReader(type, payload);
        MessageType t = MessageType.of(type).orElseThrow(() -> r.malformed("unknown chunkserver packet"));
        ChunkserverToMaster m = switch (t) {
            case CSTOMA_REGISTER -> register(r);
            case CSTOMA_SPACE -> new Space(r.u64("used"), r.u64("total"), r.u32("chunks"), r.u64("tdused"),
                    r.u64("tdtotal"), r.u32("tdchunks"));
            case CSTOMA_CURRENT_LOAD -> new CurrentLoad(r.u32("load"), r.u8("hlstatus"));
            case CSTOMA_LABELS -> new Labels(r.u32("labelmask"));
            case CSTOMA_CHUNK_DAMAGED, CSTOMA_CHUNK_LOST -> {
                if (r.remaining() % 8 != 0) {
                    throw r.malformed("chunk id list is not a multiple of 8 bytes");
                }
                List<Long> ids = new ArrayList<>(r.remaining() / 8);
                while (r.remaining() > 0) {
                    ids.add(r.u64("chunkid"));
                }
                yield new ChunkIds(type, ids);
            }
            case CSTOMA_CHUNK_NEW -> new ChunkNew(chunkVersions(r));
            case CSTOMA_ERROR_OCCURRED -> new ErrorOccurred();
            case CSTOMA_CREATE, CSTOMA_DELETE, CSTOMA_DUPLICATE, CSTOMA_SET_VERSION, CSTOMA_TRUNCATE,
                 CSTOMA_DUPTRUNC -> new ChunkStatus(type, r.u64("chunkid"), r.status());
            case CSTOMA_REPLICATE -> new ReplicateStatus(r.u64("chunkid"), r.u32("version"), r.status());
            default -> throw r.malformed("not a chunkserver-to-master packet this decoder knows");
        };
        r.end();
        return m;
    }

    /** Decodes a packet a chunkserver received from the master. */
    public static MasterToChunkserver decodeFromMaster(int type, ByteBuf payload) throws MalformedPacketException {
        WireReader r = new WireReader(type, payload);
        MessageType t = MessageType.of(type).orElseThrow(() -> r.malformed("unknown master packet"));
        MasterToChunkserver m = switch (t) {
            case MATOCS_MASTER_ACK -> ack(r);
            case MATOCS_CREATE -> new Create(r.u64("chunkid"), r.u32("version"));
            case MATOCS_DELETE -> new Delete(r.u64("chunkid"), r.u32("version"));
            case MATOCS_DUPLICATE -> new Duplicate(r.u64("newchunkid"), r.u32("newversion"), r.u64("oldchunkid"),
                    r.u32("oldversion"));
            case MATOCS_SET_VERSION -> new SetVersion(r.u64("chunkid"), r.u32("newversion"), r.u32("oldversion"));
            case MATOCS_REPLICATE -> new Replicate(r.u64("chunkid"), r.u32("version"), r.u32("srcip"),
                    r.u16("srcport"));
            case MATOCS_TRUNCATE -> new MasterToChunkserver.Truncate(r.u64("chunkid"), r.u32("length"),
                    r.u32("newversion"), r.u32("oldversion"));
            case MATOCS_DUPTRUNC -> new DupTrunc(r.u64("newchunkid"), r.u32("newversion"), r.u64("oldchunkid"),
                    r.u32("oldversion"), r.u32("length"));
            default -> throw r.malformed("not a master-to-chunkserver packet this decoder knows");
        };
        r.end();
        return m;
    }

    private static ChunkserverToMaster register(WireReader r) throws MalformedPacketException {
        int rver = r.u8("rver");
        return switch (rver) {
            case ChunkserverToMaster.RVER_BEGIN -> {
                int size = r.remaining() + 1;
                if (size != REGISTER_BEGIN_SIZE && size != REGISTER_BEGIN_SIZE + PASSCODE_SIZE) {
                    throw r.malformed("register begin must be 55 or 71 bytes");
                }
                Optional<ByteString> passcode = size == REGISTER_BEGIN_SIZE ? Optional.empty()
                        : Optional.of(r.byteString(PASSCODE_SIZE, "passcode"));
                yield new RegisterBegin(passcode, r.u32("version"), r.u32("myip"), r.u16("myport"),
                        r.u16("timeout"), r.u16("csid"), r.u64("used"), r.u64("total"), r.u32("chunks"),
                        r.u64("tdused"), r.u64("tdtotal"), r.u32("tdchunks"));
            }
            case ChunkserverToMaster.RVER_CHUNKS -> new RegisterChunks(chunkVersions(r));
            case ChunkserverToMaster.RVER_END -> new RegisterEnd();
            case ChunkserverToMaster.RVER_DISCONNECT -> new RegisterDisconnect();
            default -> throw r.malformed("unsupported register version " + rver);
        };
    }

    private static MasterToChunkserver ack(WireReader r) throws MalformedPacketException {
        int atype = r.u8("atype");
        int rest = r.remaining();
        if (atype == MasterToChunkserver.ACK_PLAIN && rest == 0) {
            return new ChunkBatchAck();
        }
        if (atype == MasterToChunkserver.ACK_PLAIN && rest == 16) {
            return new MasterAck(r.u32("version"), r.u16("timeout"), r.u16("csid"), r.u64("metaid"));
        }
        if (atype == MasterToChunkserver.ACK_AUTH_CHALLENGE && rest == 32) {
            return new AuthChallenge(r.byteString(32, "random"));
        }
        throw r.malformed("unsupported master ack type " + atype + " with " + rest + " bytes");
    }

    private static List<ChunkVersion> chunkVersions(WireReader r) throws MalformedPacketException {
        if (r.remaining() % ChunkVersion.SIZE != 0) {
            throw r.malformed("chunk list is not a multiple of 12 bytes");
        }
        List<ChunkVersion> l = new ArrayList<>(r.remaining() / ChunkVersion.SIZE);
        while (r.remaining() > 0) {
            l.add(new ChunkVersion(r.u64("chunkid"), r.u32("version")));
        }
        return l;
    }

    static void writeChunkVersions(ByteBuf out, List<ChunkVersion> chunks) {
        for (ChunkVersion c : chunks) {
            out.writeLong(c.chunkId());
            out.writeInt(c.version());
        }
    }
}
