package io.jmfs.protocol.testing;

import io.jmfs.protocol.msg.chunkserver.ChunkserverMessages;
import io.jmfs.protocol.msg.client.ClientRequests;
import io.jmfs.protocol.msg.client.MasterReplies;
import io.jmfs.protocol.msg.common.CommonMessages;
import io.jmfs.protocol.msg.data.DataMessages;
import io.jmfs.protocol.msg.metalogger.MetaloggerMessages;
import io.jmfs.protocol.wire.WireMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes captured packets with the typed decoder their port and direction call for, and checks that each encodes
 * back to the same bytes. {@code main} runs this over a whole capture ({@code CaptureDecoder file.pcap}) and lists
 * every packet that does not survive, which is how captures of new traffic are checked against the codecs.
 */
public final class CaptureDecoder {
    private static final int METALOGGER_PORT = 9419;
    private static final int CHUNKSERVER_PORT = 9420;
    private static final int CLIENT_PORT = 9421;
    private static final int DATA_PORT = 9422;

    private CaptureDecoder() {
    }

    /** The typed message of one captured packet (admin connections without msgid are not supported). */
    public static WireMessage decode(CapturedPacket p) throws Exception {
        int dstPort = port(p.destination());
        int srcPort = port(p.source());
        boolean toServer = dstPort >= METALOGGER_PORT && dstPort <= DATA_PORT;
        int port = toServer ? dstPort : srcPort;
        int type = p.type();
        byte[] payload = p.payload();
        if (port != CLIENT_PORT && CommonMessages.isCommon(type)) {
            return Encoded.decode((t, b) -> CommonMessages.decode(t, b, false), type, payload);
        }
        return switch (port) {
            case CLIENT_PORT -> toServer ? Encoded.decode(ClientRequests::decode, type, payload)
                    : Encoded.decode(MasterReplies::decode, type, payload);
            case CHUNKSERVER_PORT -> toServer
                    ? Encoded.decode(ChunkserverMessages::decodeFromChunkserver, type, payload)
                    : Encoded.decode(ChunkserverMessages::decodeFromMaster, type, payload);
            case METALOGGER_PORT -> toServer
                    ? Encoded.decode(MetaloggerMessages::decodeFromMetalogger, type, payload)
                    : Encoded.decode(MetaloggerMessages::decodeFromMaster, type, payload);
            case DATA_PORT -> Encoded.decode(DataMessages::decode, type, payload);
            default -> throw new IllegalArgumentException("not a MooseFS port: " + p);
        };
    }

    /** Null if the packet decodes and re-encodes identically, else what went wrong. */
    public static String problem(CapturedPacket p) {
        try {
            WireMessage m = decode(p);
            return Arrays.equals(Encoded.payload(m), p.payload()) ? null : "re-encodes differently: " + m;
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    public static void main(String[] args) throws Exception {
        List<CapturedPacket> packets = PcapPackets.read(Path.of(args[0]));
        int bad = 0;
        for (CapturedPacket p : packets) {
            String problem = problem(p);
            if (problem != null) {
                bad++;
                System.out.println(p + "\n    " + problem);
            }
        }
        System.out.println(packets.size() + " packets, " + bad + " not decoded byte for byte");
    }
}
